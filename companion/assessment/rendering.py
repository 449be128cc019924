"""A step's form, rendered once per shape and filled for each request.

A step's HTML is the same for everyone asking in the same language and wording, but for what was answered:
which buttons are checked, the text typed, the CSRF token. The symptoms step alone has 140 radio buttons, and
rendering them was most of a step's cost. So the form is rendered once per shape with a slot wherever the
templates call checked(), typed() or csrf_field(), and each request fills the slots from its own form. The
shape holds no answer: nothing one person typed can reach the next one (a shared phone). A form with errors,
or templates that may change (debug), are rendered whole, with the same helpers giving the values directly.
"""

from flask import current_app, request
from flask_babel import get_locale
from jinja2 import pass_context
from markupsafe import Markup, escape

from companion.assessment.forms import Choices
from companion.web.assets import files_fixed

SLOT = "step-slot-9b4e"  # a plain word: autoescaping leaves it as it is, and no catalogue holds it
CHECKED = Markup(" checked")
FORMS_KEPT = 256  # a few dozen shapes in practice (steps × languages × wordings); a bound in any case


def _checked(field, value) -> str:
    """The `checked` attribute of one radio button (`value` None: "no answer") or check box of `field`."""
    chosen = value in (field.data or ()) if isinstance(field, Choices) else field.data == value
    return CHECKED if chosen else ""


def _typed(field) -> str:
    return field.data or ""


def _csrf_field(form) -> Markup:
    return form.csrf_token(id=False)


def _fill(kind: str, form, name: str | None, value) -> str:
    if kind == "checked":
        return _checked(form[name], value)
    if kind == "typed":
        return escape(_typed(form[name]))
    return _csrf_field(form)


def _shell(template, context: dict) -> tuple[list[str], list[tuple]]:
    """The step rendered with a slot for each per-person value, cut at the slots; and what fills each one."""
    slots: list[tuple] = []

    def slot(kind: str, name: str | None = None, value=None) -> Markup:
        slots.append((kind, name, value))
        return Markup(SLOT)  # noqa: S704  # nosec B704  # a plain word

    html = template.render(
        context,
        checked=lambda field, value: slot("checked", field.name, value),
        typed=lambda field: slot("typed", field.name),
        csrf_field=lambda _form: slot("csrf"),
    )
    parts = html.split(SLOT)
    if len(parts) != len(slots) + 1:  # a helper called without its result shown: the slots would not line up
        raise RuntimeError(f"{template.name}: every checked(), typed() and csrf_field() must be shown once")
    return parts, slots


@pass_context
def step_form(context, step: str) -> Markup:
    """The form of `step` (a template of partials/assessment/) for this request, from its shape's shell."""
    template = context.environment.get_template(f"partials/assessment/{step}.html")
    form = context["form"]
    app = current_app._get_current_object()
    if form.errors or not files_fixed(app):
        return Markup(template.render(context.get_all(), checked=_checked, typed=_typed, csrf_field=_csrf_field))  # noqa: S704  # nosec B704  # the template escaped it
    # Everything the step's HTML depends on besides the slots (its templates read nothing else of the request).
    shape = (
        step,
        str(get_locale()),
        request.script_root,
        context["person_wording"],
        context["caregiver_answering"],
        context["outcome"].act_first,
    )
    shells = app.extensions.setdefault("assessment_step_forms", {})
    shell = shells.get(shape)
    if shell is None:
        if len(shells) >= FORMS_KEPT:
            shells.clear()
        shell = shells[shape] = _shell(template, context.get_all())
    parts, slots = shell
    filled = [parts[0]]
    for (kind, name, value), part in zip(slots, parts[1:], strict=True):
        filled += (_fill(kind, form, name, value), part)
    return Markup("".join(filled))  # noqa: S704  # nosec B704  # the template's HTML, and values escaped above

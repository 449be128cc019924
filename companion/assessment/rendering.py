"""A step's form, rendered once per shape and filled for each request.

A step's HTML is the same for everyone asking in the same language and wording, but for what was answered:
which buttons are checked, the text typed, the CSRF token. The symptoms step alone has 140 radio buttons, and
rendering them was most of a step's cost. So the form is rendered once per shape with a slot wherever the
templates call checked(), typed() or csrf_value(), and each request fills the slots from its own form. The
shape holds no answer: nothing one person typed can reach the next one (a shared phone). A form with errors,
or templates that may change (debug), are rendered whole, with the same helpers giving the values directly.
"""

from flask import current_app, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
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


def _shell(template, context: dict) -> tuple[list[str], dict, list[int], list[int]]:
    """The step rendered with a slot for each per-person value, cut at the slots; and where each value goes:
    the slot of each (field name, value) that can be checked, the slots of typed text (field name) and of the
    CSRF token."""
    checkable: dict[tuple, int] = {}
    typed: dict[str, int] = {}
    csrf: list[int] = []

    def slot(where: dict | list, key=None) -> Markup:
        number = len(checkable) + len(typed) + len(csrf)
        if key is None:
            where.append(number)
        else:
            where[key] = number
        return Markup(SLOT)  # noqa: S704  # nosec B704  # a plain word

    html = template.render(
        context,
        checked=lambda field, value: slot(checkable, (field.name, value)),
        typed=lambda field: slot(typed, field.name),
        csrf_value=lambda: slot(csrf),
    )
    parts = html.split(SLOT)
    if len(parts) != len(checkable) + len(typed) + len(csrf) + 1:  # a slot shown twice or not at all
        raise RuntimeError(f"{template.name}: every checked(), typed() and csrf_value() must be shown once")
    return parts, checkable, typed, csrf


def _filled(shell, form) -> str:
    """The shell with this form's values: CHECKED in the slot of each answer given, the text typed, the token."""
    parts, checkable, typed, csrf = shell
    values = [""] * (len(parts) - 1)
    for field in form:
        chosen = field.data
        for value in chosen or () if isinstance(field, Choices) else (chosen,):
            if isinstance(value, str | int | None) and (field.name, value) in checkable:
                values[checkable[field.name, value]] = CHECKED
    for name, number in typed.items():
        values[number] = escape(_typed(form[name]))
    for number in csrf:
        values[number] = escape(generate_csrf())
    values.append("")
    return "".join([piece for pair in zip(parts, values, strict=True) for piece in pair])


@pass_context
def step_form(context, step: str) -> Markup:
    """The form of `step` (a template of partials/assessment/) for this request, from its shape's shell."""
    name = f"partials/assessment/{step}.html"
    form = context["form"]
    app = current_app._get_current_object()
    if form.errors or not files_fixed(app):
        return Markup(  # noqa: S704  # nosec B704  # the template escaped it
            context.environment.get_template(name).render(
                context.get_all(), checked=_checked, typed=_typed, csrf_value=generate_csrf
            )
        )
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
        shell = shells[shape] = _shell(context.environment.get_template(name), context.get_all())
    return Markup(_filled(shell, form))  # noqa: S704  # nosec B704  # the template's HTML, and values escaped above

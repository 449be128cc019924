"""A step's form, rendered once per shape and filled for each request.

A step's HTML is the same for everyone asking in the same language and wording, but for what was answered:
which buttons are checked, the text typed, the CSRF token. The symptoms step alone has 118 radio buttons, and
rendering them was most of a step's cost. So the form is rendered once per shape with a slot wherever the
templates call checked(), typed() or csrf_value(), and each request fills the slots with its own answers. The
shape holds no answer: nothing one person typed can reach the next one (a shared phone). A form with errors,
or templates that may change (debug), are rendered whole, with the same helpers giving the values directly.
"""

from flask import current_app, render_template, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from markupsafe import Markup, escape

from companion.assessment.answers import speaks_of_the_person
from companion.assessment.forms import FORMS, Choices
from companion.kept import Bounded
from companion.web.assets import files_fixed
from companion.web.device import in_guide_mode, team_phone
from companion.web.slots import Shell, Slots

CHECKED = Markup(" checked")
# The keys of the slots: ("checked", field name, value) for each box or button, ("typed", field name), and this one.
CSRF = ("csrf",)
FORMS_KEPT = 256  # a few dozen shapes in practice (steps × languages × wordings); a bound in any case


def _checked(field, value) -> str:
    """The `checked` attribute of one radio button (`value` None: "no answer") or check box of `field`."""
    chosen = value in (field.data or ()) if isinstance(field, Choices) else field.data == value
    return CHECKED if chosen else ""


def _typed(field) -> str:
    return field.data or ""


def _shell(template, context: dict) -> tuple[Shell, tuple[str, ...], tuple[str, ...]]:
    """The step rendered with a slot for each per-person value (web/slots.py), cut at them; and the names of the
    fields that can be checked and of those typed in."""
    slots = Slots()
    html = template.render(
        context,
        checked=lambda field, value: slots(("checked", field.name, value)),
        typed=lambda field: slots(("typed", field.name)),
        csrf_value=lambda: slots(CSRF),
    )
    shell = slots.cut(html)
    if len(shell.keys) != len(slots) or len(set(shell.keys)) != len(slots):  # one shown twice or not at all
        raise RuntimeError(f"{template.name}: every checked(), typed() and csrf_value() must be shown once")
    checkable = tuple({key[1] for key in shell.keys if key[0] == "checked"})
    typed = tuple(key[1] for key in shell.keys if key[0] == "typed")
    return shell, checkable, typed


def _filled(made: tuple, kept: dict) -> str:
    """The shell with the answers `kept` for its step: CHECKED in the slot of each one, the text typed, the
    CSRF token. (What a form made from them would show: a field's data is its answer kept, or None.)"""
    shell, checkable, typed = made
    values = {CSRF: escape(generate_csrf())}
    for name in checkable:
        chosen = kept.get(name)
        for value in chosen if isinstance(chosen, list) else (chosen,):
            if isinstance(value, str | int | None):
                values["checked", name, value] = CHECKED
    for name in typed:
        values["typed", name] = escape(kept.get(name) or "")
    return shell.fill(values, blank="")


@pass_context
def step_form(context, step: str) -> Markup:
    """The form of `step` (a template of partials/assessment/) for this request: its shape's shell filled with
    the answers kept; whole when the context's `form` was posted with errors, or templates may change."""
    name = f"partials/assessment/{step}.html"
    kept = context["answers"].get(step) or {}
    app = current_app._get_current_object()
    if context["form"] is not None or not files_fixed(app):
        form = context["form"] or FORMS[step](formdata=None, data=kept)
        html = context.environment.get_template(name).render(
            {**context.get_all(), "form": form}, checked=_checked, typed=_typed, csrf_value=generate_csrf
        )
        return Markup(html)  # noqa: S704  # nosec B704  # the template escaped it
    # Everything the step's HTML depends on besides the slots (its templates read nothing else of the request).
    shape = (
        step,
        str(get_locale()),
        request.script_root,
        context["person_wording"],
        context["caregiver_answering"],
        context["outcome"].act_first,
    )

    def make():
        blank = FORMS[step](formdata=None)  # nobody's answers: they are slots
        return _shell(context.environment.get_template(name), {**context.get_all(), "form": blank})

    shell = Bounded.of(app.extensions, "assessment_step_forms", FORMS_KEPT).get(shape, make)
    return Markup(_filled(shell, kept))  # noqa: S704  # nosec B704  # the template's HTML, and values escaped above


PHONE_LIST = "partials/phone_list.html"


def phone_list(tier=None, numbers: tuple[str, ...] = ()) -> Markup:
    """The phone links of a tier of urgency (the cancer team's line first) or of `numbers` (keys of the clinical
    rules' NUMBERS). They read only the language, the wording and guide mode: rendered once per those (a card of
    who to call holds two or three lists, and rendering them was most of a step that shows one). A cancer team's
    number kept on this phone is this person's own: the list that shows it is rendered for this request only."""
    app = current_app._get_current_object()
    if team_phone() or not files_fixed(app):
        return Markup(render_template(PHONE_LIST, tier=tier, numbers=numbers))  # noqa: S704  # nosec B704  # the template escaped it
    shape = (
        tier and tier.key,
        numbers,
        str(get_locale()),
        speaks_of_the_person(),
        in_guide_mode(),
        request.script_root,
    )
    return Bounded.of(app.extensions, "phone_lists", FORMS_KEPT).get(
        shape,
        lambda: Markup(render_template(PHONE_LIST, tier=tier, numbers=numbers)),  # noqa: S704  # nosec B704
    )

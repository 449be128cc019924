"""The directory's forms (Flask-WTF, CSRF included): reporting a change, suggesting a place, and the
coordinator's."""

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from companion.directory.centre_file import MAX_LENGTHS
from companion.directory.corrections import MAX_DETAILS, REASONS
from companion.directory.kinds import AUDIENCES, PHONE_TYPES
from companion.directory.models import PlaceSuggestion
from companion.directory.suggestions import EVIDENCE, MAX_REASON, SUGGESTED_KINDS
from companion.phones import clean_phone
from companion.translatable import N_

SUGGESTION_LENGTHS = {c.name: getattr(c.type, "length", None) for c in PlaceSuggestion.__table__.c}

CHOOSE_A_REASON = N_("Choose what has changed.")
DECISIONS = {
    "accept": N_("Correct the entry"),
    "remove": N_("Take it out of the directory"),
    "reject": N_("Reject the report"),
}


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


TOO_LONG = N_("This is too long: please shorten it.")


class ReportForm(FlaskForm):
    reason = RadioField(
        N_("What has changed?"), choices=_choices(REASONS.items()), validators=[InputRequired(CHOOSE_A_REASON)]
    )
    details = TextAreaField(
        N_("What should it say? (optional)"),
        validators=[Length(max=MAX_DETAILS, message=TOO_LONG)],
        filters=[lambda v: " ".join((v or "").split())],
    )


class CoordinatorLoginForm(FlaskForm):
    token = PasswordField(N_("Coordinator key"), validators=[DataRequired(N_("Type the coordinator key."))])


def _text(label, column):
    return StringField(label, validators=[Length(max=MAX_LENGTHS[column], message=TOO_LONG)])


class CorrectionForm(FlaskForm):
    """The entry as it should read; the import's own checks run on it when it is accepted."""

    version = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{16}$")])
    decision = RadioField(
        N_("Decision"),
        choices=_choices(DECISIONS.items()),
        validators=[InputRequired(N_("Choose a decision."))],
    )
    name = _text(N_("Name"), "name")
    establishment = _text(N_("Establishment"), "establishment")
    address = _text(N_("Address"), "address")
    postcode = StringField(N_("Postcode"), validators=[Regexp(r"^(\d{5})?$", message=N_("A postcode has 5 digits."))])
    city = _text(N_("Town"), "city")
    phone = _text(N_("Phone"), "phone")
    phone_type = SelectField(
        N_("Phone type"), choices=_choices([("", "—"), *((k, t.short) for k, t in PHONE_TYPES.items())])
    )
    url = _text(N_("Website"), "url")
    audience = SelectField(N_("For whom"), choices=_choices(AUDIENCES.items()))


def _is_phone(form, field):
    if field.data and clean_phone(field.data) is None:
        raise ValidationError(N_("This does not look like a phone number."))
    field.data = clean_phone(field.data) if field.data else ""


def _web_address(form, field):
    if field.data and not re.match(r"https?://[^\s/]+\.[^\s/]+", field.data):
        raise ValidationError(N_("Type a web address that starts with https://"))


def _tidy(value):
    return " ".join((value or "").split())


def _typed(label, column, *validators, required: str | None = None):
    """A text field, spaces tidied, no longer than the table's column."""
    checks = [DataRequired(required)] if required else [Optional()]
    return StringField(
        label,
        validators=[*checks, Length(max=SUGGESTION_LENGTHS[column], message=TOO_LONG), *validators],
        filters=[_tidy],
    )


class SuggestForm(FlaskForm):
    """A place someone knows; nothing about them (no name, nothing about health)."""

    kind = RadioField(
        N_("What kind of place?"),
        choices=_choices((k, kind.name) for k, kind in SUGGESTED_KINDS.items()),
        validators=[InputRequired(N_("Choose the kind of place."))],
    )
    name = _typed(N_("Its name"), "name", required=N_("Type the name of the place."))
    address = _typed(N_("Address (optional)"), "address")
    town = _typed(N_("Town or postcode"), "town", required=N_("Type the town or its postcode."))
    phone = _typed(N_("Phone (optional)"), "phone", _is_phone)
    url = _typed(N_("Website (optional)"), "url", _web_address)
    audience = RadioField(N_("Who is it for?"), choices=_choices(AUDIENCES.items()), default="any")
    evidence = RadioField(
        N_("How do you know it?"),
        choices=_choices(EVIDENCE.items()),
        validators=[InputRequired(N_("Say how you know this place."))],
    )
    evidence_url = _typed(N_("The web page that describes it"), "evidence_url", _web_address)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Here, not as the field's own check: an empty field stops its own checks (Optional).
        if self.evidence.data == "page" and not self.evidence_url.data:
            self.evidence_url.errors.append(N_("Give the address of the page that describes it."))
            return False
        return valid


SUGGESTION_DECISIONS = {
    "accept": N_("Publish it"),
    "reject": N_("Reject it"),
}


class SuggestionDecisionForm(FlaskForm):
    """The place as it should be listed; the import's own checks run on it when it is published."""

    decision = RadioField(
        N_("Decision"),
        choices=_choices(SUGGESTION_DECISIONS.items()),
        validators=[InputRequired(N_("Choose a decision."))],
    )
    kind = SelectField(N_("Kind"), choices=_choices((k, kind.name) for k, kind in SUGGESTED_KINDS.items()))
    name = _text(N_("Name"), "name")
    address = _text(N_("Address"), "address")
    town = StringField(N_("Town or postcode"), validators=[Length(max=SUGGESTION_LENGTHS["town"], message=TOO_LONG)])
    phone = _text(N_("Phone"), "phone")
    phone_type = SelectField(
        N_("Phone type"), choices=_choices([("", "—"), *((k, t.short) for k, t in PHONE_TYPES.items())])
    )
    url = _text(N_("Website"), "url")
    audience = SelectField(N_("For whom"), choices=_choices(AUDIENCES.items()))
    reason = TextAreaField(
        N_("Why it is rejected (kept with it)"),
        validators=[Length(max=MAX_REASON, message=TOO_LONG)],
        filters=[_tidy],
    )

    def validate_reason(self, field):
        if self.decision.data == "reject" and not field.data:
            raise ValidationError(N_("Say why it is rejected."))

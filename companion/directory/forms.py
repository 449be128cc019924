"""The directory's forms (Flask-WTF, CSRF included): reporting a change, and the coordinator's."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from companion.directory.centre_file import MAX_LENGTHS
from companion.directory.corrections import MAX_DETAILS, REASONS
from companion.directory.kinds import AUDIENCES, PHONE_TYPES
from companion.translatable import N_

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

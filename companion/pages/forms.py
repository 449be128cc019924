"""The forms of the device's own settings (Flask-WTF, CSRF included): guide mode, the cancer team's number."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from companion.phones import clean_phone
from companion.translatable import N_

MAX_TYPED_PHONE = 25  # room for a number written with spaces, dots or +33; the server cuts at 40 before reading it
NOT_A_PHONE = N_("This does not look like a phone number. Type the digits, for example 01 23 45 67 89.")


class GuideModeForm(FlaskForm):
    mode = HiddenField()  # "on", or anything else for off
    next = HiddenField()


class NextPersonForm(FlaskForm):
    """Start afresh for the next person: `confirm` ("yes") once asked whether to close a notebook still open
    here; `next`, where to go afterwards (a path on this site; the home page otherwise)."""

    confirm = HiddenField()
    next = HiddenField()


class TeamNumberForm(FlaskForm):
    phone = StringField(filters=[lambda v: (v or "")[:40]])
    # "forget" removes the number; saving is the default (the form's main button sends no action).
    action = RadioField(
        choices=[SelectChoice("save", "save"), SelectChoice("forget", "forget")], validators=[Optional()]
    )

    def clean_phone(self) -> str | None:
        return clean_phone(self.phone.data)

"""The checklist's forms (Flask-WTF, CSRF included). They read what was posted; the notebook's own
functions keep the rules (lengths, statuses, centres), so a script can't get round them."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from companion.checklist.notebook import MAX_TYPED_CODE


class AddItemForm(FlaskForm):
    care = HiddenField()
    title = StringField()
    reason = HiddenField()
    centre = HiddenField()
    replace_centre = BooleanField(false_values=("", "no"))
    next = HiddenField()


def _a_version(_form, field):
    # Ids and versions are 32-bit in the database. (WTForms' NumberRange raises OverflowError on a
    # 400-digit number: it converts to float.)
    if field.data is None or not 1 <= field.data < 2**31:
        raise ValidationError("not a version")


class UpdateItemForm(FlaskForm):
    """One change to an item. A field that wasn't posted is not part of the change (its data is None). Its
    words are in the item's template: no labels (WTForms would translate one per field on every change)."""

    version = IntegerField("", validators=[InputRequired(), _a_version])
    status = StringField("")
    note = TextAreaField("")
    centre = HiddenField("")

    @property
    def changes(self) -> dict:
        return {name: getattr(self, name).data for name in ("status", "note", "centre")}


class OpenNotebookForm(FlaskForm):
    code = StringField(filters=[lambda v: (v or "")[:MAX_TYPED_CODE]])


class ConfirmForm(FlaskForm):
    """A step confirmed on a page of its own (closing a notebook, handing a list over)."""

    confirm = BooleanField(false_values=("", "no"))


class DeleteNotebookForm(ConfirmForm):
    forget_team = BooleanField(false_values=("", "no"))

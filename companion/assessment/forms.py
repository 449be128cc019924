"""The self-assessment's steps as Flask-WTF forms (CSRF included), built from the catalogue."""

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import Field

from companion.assessment.clinical_rules import CAREGIVER_STRAIN, SYMPTOM_KEYS, URGENT_SIGNS
from companion.assessment.questions import (
    CONTEXT_QUESTIONS,
    OTHER_PROBLEM_MAX_LENGTH,
    PROBLEMS,
    RESPONDENTS,
    SYMPTOM_CONDITION_QUESTIONS,
    TREATMENT_QUESTIONS,
    YES_NO_UNSURE,
)
from companion.translatable import KEEP_UNDER_MAX, N_

SCALE = tuple(range(11))
PICK_A_NUMBER = N_("Choose a number from 0 to 10, or leave it blank.")
PICK_AN_ANSWER = N_("Choose one of the answers shown, or leave it blank.")
ONLY_THESE_BOXES = N_("Tick only the boxes shown.")


def _no_answer():
    return None


class Answer(Field):
    """A question's answer. Its words are in the step's template: no label (WTForms would otherwise translate
    one made from the field's name, for each of a step's twenty fields, on every step)."""

    def __init__(self, label="", **kwargs):
        # No answer by default, given by a function: WTForms calls a default, and a None raised and caught an
        # error for each field of each post.
        super().__init__(label, default=_no_answer, **kwargs)


class Choice(Answer):
    """One answer out of a fixed set, or none at all."""

    def __init__(self, choices, coerce=str, message=PICK_AN_ANSWER, **kwargs):
        super().__init__(**kwargs)
        self.choices, self.coerce, self.message = tuple(choices), coerce, message

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or valuelist == [""]:
            return
        try:
            value = self.coerce(valuelist[0].strip())
        except ValueError:
            value = None
        if len(valuelist) > 1 or value not in self.choices:
            raise ValueError(gettext(self.message))
        self.data = value


class Choices(Answer):
    """Any number of answers out of a fixed set (check boxes)."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = tuple(choices)

    def process_formdata(self, valuelist):
        if any(v not in self.choices for v in valuelist):
            self.data = []
            raise ValueError(gettext(ONLY_THESE_BOXES))
        self.data = [c for c in self.choices if c in valuelist]

    def _value(self):
        return self.data or []


class ShortText(Answer):
    """Free text of limited length (stripped; empty is None)."""

    def __init__(self, max_length, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def process_formdata(self, valuelist):
        text = " ".join((valuelist[0] if valuelist else "").split())
        self.data = text or None
        if len(text) > self.max_length:
            raise ValueError(gettext(KEEP_UNDER_MAX, max=self.max_length))


class StepForm(FlaskForm):
    def answers(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class WhoForm(StepForm):
    respondent = Choice(RESPONDENTS)


class UrgentForm(StepForm):
    signs = Choices([s.key for s in URGENT_SIGNS])


class SymptomsForm(StepForm):
    other_label = ShortText(OTHER_PROBLEM_MAX_LENGTH)


for _key in TREATMENT_QUESTIONS:
    setattr(UrgentForm, _key, Choice(YES_NO_UNSURE))
for _key in SYMPTOM_KEYS:
    setattr(SymptomsForm, _key, Choice(SCALE, coerce=int, message=PICK_A_NUMBER))
for _key in SYMPTOM_CONDITION_QUESTIONS:
    setattr(SymptomsForm, _key, Choice(YES_NO_UNSURE))


class DistressForm(StepForm):
    score = Choice(SCALE, coerce=int, message=PICK_A_NUMBER)
    problems = Choices(PROBLEMS)


setattr(DistressForm, CAREGIVER_STRAIN, Choice(SCALE, coerce=int, message=PICK_A_NUMBER))


class ContextForm(StepForm):
    pass


for _key, (_question, _options) in CONTEXT_QUESTIONS.items():
    setattr(ContextForm, _key, Choice(_options))

FORMS = {
    "who": WhoForm,
    "urgent": UrgentForm,
    "symptoms": SymptomsForm,
    "distress": DistressForm,
    "context": ContextForm,
}

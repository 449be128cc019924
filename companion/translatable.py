"""Marking text for translation in modules that must not depend on Flask, and the shape of a refusal."""

import dataclasses


def N_(text: str) -> str:
    """Mark a string for extraction (pybabel -k N_); it is translated where it is shown."""
    return text


# Any text typed too long, in any part (a checklist note, the other symptom named in the questionnaire).
KEEP_UNDER_MAX = N_("Please keep it under %(max)s characters.")


@dataclasses.dataclass
class Refusal(Exception):
    """What a domain function refuses in what a person gave: which field, and why, as a message marked with N_
    and its values. The view translates it with web.i18n.refusal_text and answers 400 or 422."""

    field: str
    message: str
    values: dict = dataclasses.field(default_factory=dict)  # "field" is taken by the refusal

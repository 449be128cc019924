"""A checklist item's reason in words: the results' "because of" (here) and the directory's "found near"
(directory/entries.py). One function writes each, where it is shown (the add buttons post it) and where a kept item
is shown again; a reason posted in these words is kept as words to translate (notebook.worded_reason), so it follows
the page's language."""

from flask_babel import gettext

from companion.assessment.answers import answers_in_progress
from companion.assessment.questions import evaluate
from companion.checklist.notebook import reason_words, worded_reason
from companion.directory.entries import FOUND_NEAR, found_near
from companion.translatable import N_

BECAUSE = N_("Because of: %(reasons)s")


def because(reasons) -> str:
    """ "Because of" these items (msgids), in the page's language."""
    return gettext(BECAUSE, reasons=", ".join(map(gettext, reasons)))


def reason_to_keep(posted: str, care_key: str | None) -> str:
    """A reason the app wrote in this language (because(), found_near()), kept as words to translate when
    shown; anything else as posted."""
    if not posted:
        return ""
    for need in evaluate(answers_in_progress()).needs:
        if need.care == care_key and posted == because(need.reasons):
            return worded_reason(because=need.reasons)
    if posted == found_near(""):
        return worded_reason(near="")
    before, _, after = gettext(FOUND_NEAR).partition("%(place)s")
    if len(posted) > len(before) + len(after) and posted.startswith(before) and posted.endswith(after):
        return worded_reason(near=posted[len(before) : len(posted) - len(after)])
    return posted


def reason_text(stored: str) -> str:
    """An item's reason in the language of the page."""
    parts = reason_words(stored)
    if parts is None:
        return stored
    return because(parts["because"]) if "because" in parts else found_near(parts["near"])

"""Self-assessment answers in progress: kept in this browser's (sealed) session cookie, never in the database;
and whom the questions speak of (the person, in guide mode or when a loved one answers)."""

import time

from flask import g, session

from companion.assessment.questions import ABOUT_SOMEONE_ELSE, GUIDE_WORDING
from companion.web.device import in_guide_mode
from companion.web.i18n import translate

SESSION_KEY, TOUCHED_KEY = "assessment", "assessment_at"
# Phones are shared (volunteers, families): answers left untouched this long are forgotten.
IDLE_MINUTES = 30


def answers_in_progress(renew: bool = True) -> dict:
    """The answers kept so far in this browser, unless they sat untouched for IDLE_MINUTES (then forgotten).
    `renew` False: only looked at (whom a page speaks of), which does not keep them alive."""
    if SESSION_KEY not in session:
        return {}
    touched = session.get(TOUCHED_KEY)
    if not isinstance(touched, int) or time.time() - touched > IDLE_MINUTES * 60:
        forget_answers()
        return {}
    if renew and time.time() - touched > 60:  # still in use: keep them (at most one cookie update a minute)
        session[TOUCHED_KEY] = int(time.time())
    return session[SESSION_KEY]


def forget_answers():
    session.pop(SESSION_KEY, None)
    session.pop(TOUCHED_KEY, None)
    g.pop(PERSON_WORDING, None)


def keep_answer(step: str, answers: dict):
    """Keep one step's answers, and note the time: the idle clock starts again. The same answers sent again
    change nothing (answers_in_progress() has kept the clock, to the minute): the cookie is not sealed anew. A
    change of who is answering starts afresh: nothing the last respondent ticked is shown as the new one's."""
    kept = answers_in_progress()
    if step in kept and kept[step] == answers:
        return
    if step == "who":  # someone else answering (or answers kept with no one named): a blank questionnaire
        kept = {}
    session[SESSION_KEY] = {**kept, step: answers}
    session[TOUCHED_KEY] = int(time.time())
    g.pop(PERSON_WORDING, None)


def about_someone_else() -> bool:
    """A loved one or a volunteer is answering: the questions and results speak of "the person"."""
    return answers_in_progress(renew=False).get("who", {}).get("respondent") in ABOUT_SOMEONE_ELSE


PERSON_WORDING = "person_wording"


def speaks_of_the_person() -> bool:
    """Guide mode, or a loved one answering: questions and results speak of "the person". Worked out once per
    request (a step asks it for each of its questions); keeping or forgetting answers asks again."""
    wording = g.get(PERSON_WORDING)
    if wording is None:
        wording = g.person_wording = in_guide_mode() or about_someone_else()
    return wording


def worded(msgid: str) -> str:
    """A question, option or heading, translated; about "the person" in guide mode, or when a loved one answers."""
    return translate(GUIDE_WORDING.get(msgid, msgid) if speaks_of_the_person() else msgid)

"""The self-assessment: one step per page (or per swap), answers kept in the session cookie only."""

from flask import Blueprint, abort, flash, redirect, request, session, url_for

from companion.assessment.answers import (
    IDLE_MINUTES,
    answers_in_progress,
    forget_answers,
    keep_answer,
    speaks_of_the_person,
)
from companion.assessment.clinical_rules import (
    CAREGIVER_STRAIN,
    CAREGIVER_STRAIN_LABEL,
    DISTRESS_LABEL,
    SIGN_TIERS,
    SIGNS_BY_TIER,
    SYMPTOMS,
)
from companion.assessment.forms import FORMS
from companion.assessment.questions import (
    BANDS,
    CONTEXT_QUESTIONS,
    PROBLEM_GROUPS,
    RESPONDENTS,
    STEPS,
    SYMPTOM_CONDITION_QUESTIONS,
    TREATMENT_QUESTIONS,
    WHO_QUESTION,
    YES_NO_UNSURE,
    evaluate,
)
from companion.assessment.rendering import step_form
from companion.cares.catalogue import CARES
from companion.directory.kinds import KINDS
from companion.pages.people import closing_asked_first, forget_what_was_typed, start_next_person
from companion.translatable import N_
from companion.web.device import in_guide_mode
from companion.web.i18n import STAY_FIELD, keep_answers_on_language_change
from companion.web.render import fragment_or_redirect, render

bp = Blueprint("assessment", __name__, url_prefix="/assessment")
# The check boxes of the urgent signs (by tier) and of the problems (by group): the same for every request.
URGENT_GROUPS = [(tier, [(s.key, s.text) for s in SIGNS_BY_TIER[tier.key]]) for tier in SIGN_TIERS]
PROBLEM_CHOICES = [(title, [(p.key, p.label) for p in problems]) for title, problems in PROBLEM_GROUPS]
ANSWER_FIRST = N_("Please answer this first question: it checks for signs that need help straight away.")


def _to_first_step():
    """Later steps and results need the urgent-signs step first: say so once, however often it is asked."""
    if ANSWER_FIRST not in (message for _category, message in session.get("_flashes", [])):
        flash(ANSWER_FIRST)  # a msgid: translated when shown, in the language of that page
    return redirect(url_for(".answer", step="urgent"), 303)


def _page(step: str, form=None, status: int = 200, push: str | None = None):
    """`form`: the start page's, or a step's bound to what was posted (with its errors); a step shown without
    one shows the answers kept (rendering.py makes its form only when it renders the step whole)."""
    answers = answers_in_progress()
    if step in STEPS:
        keep_answers_on_language_change("step-form", url_for(".answer", step=step))
    return render(
        "pages/assessment.html",
        "partials/assessment/step.html",
        status=status,
        push_url=push,
        step=step,
        steps=STEPS,
        form=form,
        answers=answers,
        outcome=evaluate(answers),
        idle_minutes=IDLE_MINUTES,
        # Answers kept in this browser (a person may have left part-way): the start page asks whether to
        # continue them or start again, and shows none of them.
        resume_at=next((s for s in STEPS if s not in answers), "results") if "urgent" in answers else None,
        person_wording=speaks_of_the_person(),
        caregiver_answering=answers.get("who", {}).get("respondent") == "caregiver",
        caregiver_strain=CAREGIVER_STRAIN,
        distress_label=DISTRESS_LABEL,
        caregiver_strain_label=CAREGIVER_STRAIN_LABEL,
        urgent_groups=URGENT_GROUPS,
        who_question=WHO_QUESTION,
        respondents=RESPONDENTS,
        treatment_questions=TREATMENT_QUESTIONS,
        condition_questions=SYMPTOM_CONDITION_QUESTIONS,
        yes_no_unsure=YES_NO_UNSURE,
        symptoms=SYMPTOMS,
        problem_groups=PROBLEM_CHOICES,
        context_questions=CONTEXT_QUESTIONS,
        bands=BANDS,
        cares=CARES,
        kinds=KINDS,
        step_form=step_form,
    )


@bp.get("")
def start():
    return _page("start", _who_form())


@bp.route("/<step>", methods=["GET", "POST"])
def answer(step: str):
    if step not in FORMS:
        abort(404)
    if step not in ("who", "urgent") and "urgent" not in answers_in_progress():
        return _to_first_step()
    posted = request.method == "POST"
    if step == "who" and not posted:  # asked on the start page
        return redirect(url_for(".start"), 303)
    if posted:
        form = FORMS[step]()
        if not form.validate():
            return _page("start" if step == "who" else step, form, status=422)
        keep_answer(step, form.answers())
        if request.form.get(STAY_FIELD):  # a change of language: the same step again, answers kept
            return redirect(url_for(".answer", step=step), 303)
        following = STEPS.index(step) + 1 if step in STEPS else 0
        target = url_for(".answer", step=STEPS[following]) if following < len(STEPS) else url_for(".results")
        next_step = STEPS[following] if following < len(STEPS) else "results"
        return fragment_or_redirect(lambda: _page(next_step, push=target), target)
    return _page(step)


def _who_form():
    """The start page's question, with the answer kept so far."""
    saved = answers_in_progress().get("who")
    if saved is None and in_guide_mode():
        saved = {"respondent": "volunteer"}  # guide mode: a volunteer answers beside the person
    return FORMS["who"](formdata=None, data=saved or {})


@bp.get("/results")
def results():
    if "urgent" not in answers_in_progress():
        return _to_first_step()
    return _page("results")


@bp.post("/restart")
def restart():
    """Clear the answers; then the start page, or straight to the first question (a new person, guide mode)."""
    forget_answers()
    then = request.form.get("then")
    if then == "first":  # a new person: what they searched and opened was theirs too
        first_question = url_for(".answer", step="urgent")
        if closing_asked_first():  # a notebook is still open here: closed only once asked (its code shown)
            return redirect(url_for("pages.next_person", next=first_question), 303)
        return start_next_person(redirect(first_question, 303))
    if then == "someone-else":  # the answers kept were another person's: so was the place they searched
        forget_what_was_typed()
    return redirect(url_for(".start"), 303)

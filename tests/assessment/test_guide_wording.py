"""Guide mode speaks of "the person": no question, option, anchor, heading or button left in "you" or "I"."""

import re
import time

import pytest

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from companion.assessment.clinical_rules import SYMPTOMS
from companion.assessment.questions import GUIDE_WORDING
from companion.config import LANGUAGES
from tests.helpers import csrf_token, soup, text_of

# Second- and first-person forms, per language (the reader is guiding someone else).
PERSONAL = {
    "en": re.compile(r"\b(you|your|yours|yourself|i|i’m|my|me|mine)\b"),
    "fr": re.compile(r"\b(vous|votre|vos|tu|ton|ta|tes|je|j’|mon|ma|mes|moi)\b"),
}
# What the person answers to, and what the results call things: not the instructions to the reader.
SPOKEN = "legend, label, .scale-ends, h2, h3, h4, button, a.button-primary, .step-actions a, #assessment-step th, .urgent-action, .findings li"
# Answers that bring every block of the results: urgent card, call-today block, context rules, needs.
EVERYTHING = {
    "urgent": {"signs": ["fever", "chest_pain", "suicidal"], "on_treatment": "unsure"},
    "symptoms": {"pain": 8, "wellbeing": 9, "breathlessness": 5, "low_mood": 7, "other": 4, "other_label": "Hiccups"},
    "distress": {"score": 8, "problems": ["caregiver", "body_image", "money", "fertility"]},
    "context": {
        "phase": "diagnosis",
        "respondent": "volunteer",
        "age": "under_18",
        "pregnancy_plan": "unsure",
        "cancer_group": "sarcoma",
        "metastatic": "yes",
        "unplanned_stay": "yes",
    },
}


def spoken_words(page) -> list[str]:
    step = page.select_one("#assessment-step")
    return [text_of(node).lower() for node in step.select(SPOKEN)]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("step", ["urgent", "symptoms", "distress", "context", "results"])
def test_guide_mode_has_no_you_left(client, lang, step):
    client.set_cookie("guide", "on")
    with client.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = EVERYTHING, int(time.time())
    url = "/assessment/results" if step == "results" else f"/assessment/{step}"
    page = soup(client.get(url, headers={"Accept-Language": lang}))
    left = [words for words in spoken_words(page) if PERSONAL[lang].search(words)]
    assert left == []
    client.delete_cookie("guide")  # the same page for the person themselves does speak to them
    page = soup(client.get(url, headers={"Accept-Language": lang}))
    if step != "urgent":
        assert any(PERSONAL[lang].search(words) for words in spoken_words(page))


def test_guide_results_add_to_the_persons_list_and_say_so(client):
    client.set_cookie("guide", "on")
    with client.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = EVERYTHING, int(time.time())
    page = soup(client.get("/assessment/results", headers={"Accept-Language": "en"}))
    step = page.select_one("#assessment-step")
    # What is added or saved goes to the person's list, held here only until it is handed over: said once,
    # the same as on the list page, and every button says where it goes.
    assert "goes to the person’s list" in text_of(step) and "until you hand it over" in text_of(step)
    assert {text_of(b) for b in step.select("form.add-form button")} == {"Add to the person’s list"}
    assert text_of(step.select_one("form.save-scores button")) == "Save the scores and signs in the person’s list"
    assert "urgent signs ticked and today’s date" in text_of(step.select_one("form.save-scores"))


def test_every_guide_wording_differs_and_is_about_the_person():
    for plain, guided in GUIDE_WORDING.items():
        assert guided != plain and not PERSONAL["en"].search(guided.lower())


def test_every_symptom_scale_has_its_guide_wording():
    # The results show only the answered scales: a new symptom whose words speak to "you" would slip past the
    # pages above, so every symptom's words are checked here, each one.
    for symptom in SYMPTOMS:
        for text in (symptom.question, symptom.low, symptom.high, symptom.tell_team):
            if PERSONAL["en"].search(text.lower()):
                assert text in GUIDE_WORDING, text


def test_home_and_the_persons_list_speak_of_the_person_in_guide_mode(client):
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": csrf_token(client, "/checklist"), "care": "pain"})
    client.post("/checklist/scores", data={"csrf_token": csrf_token(client, "/checklist")})  # nothing answered: 422
    home = soup(client.get("/", headers={"Accept-Language": "fr"}))
    assert [text_of(h) for h in home.select(".parts h2")] == [
        "Besoins de la personne",
        "À proximité",
        "La liste de la personne",
    ]
    listing = soup(client.get("/checklist", headers={"Accept-Language": "fr"}))
    about = (
        "#progress, .add-more h2, label[for=personal-title], legend, .status-button, .item-edit label, #scores-heading"
    )
    about += ", .checklist-item p, #care-nutrition p"  # what each care is and whom to ask
    said = [text_of(node) for node in listing.select(about)]
    assert len(said) >= 6 and [w for w in said if PERSONAL["fr"].search(w.lower().replace("rendez-vous", ""))] == []
    assert "Mes" not in text_of(home.select_one(".parts")) and "moi" not in " ".join(said)

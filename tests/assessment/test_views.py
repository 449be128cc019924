import re
import time

import pytest

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from tests.helpers import PARTIAL, csrf_token, soup, text_of

EN = {"Accept-Language": "en"}


def token(client, url="/assessment/urgent"):
    return csrf_token(client, url)


def post(client, step, data, headers=None, csrf=None):
    return client.post(
        f"/assessment/{step}", data={"csrf_token": csrf or token(client), **data}, headers={**EN, **(headers or {})}
    )


def complete(client, urgent=None, symptoms=None, distress=None, context=None, headers=None):
    for step, data in (("urgent", urgent), ("symptoms", symptoms), ("distress", distress), ("context", context)):
        response = post(client, step, data or {}, headers)
        assert response.status_code in (200, 303), response.get_data(as_text=True)[:500]
    return response


def test_start_page_explains_and_promises_nothing_is_kept(client):
    page = soup(client.get("/assessment", headers=EN))
    assert "not a diagnosis" in text_of(page.main)
    form = page.select_one("form.who-form")
    assert form["action"] == "/assessment/who"
    assert [b["value"] for b in form.select("button[name=respondent]")] == ["patient", "caregiver", "volunteer"]


def test_who_is_answering_is_asked_first_and_a_caregiver_reads_about_the_person(client):
    """The review's W8: a loved one filling it in is never addressed as the patient, from the urgent step on."""
    response = post(client, "who", {"respondent": "caregiver"})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/urgent"
    page = soup(client.get("/assessment/urgent", headers=EN))
    assert "Does the person have any of these" in text_of(page.select_one("#field-signs legend"))
    assert "Is the person having treatment for cancer" in text_of(page.select_one("#field-on_treatment legend"))
    post(client, "urgent", {"signs": "fever", "on_treatment": "yes"})
    post(client, "symptoms", {"tiredness": "8"})
    distress = soup(client.get("/assessment/distress", headers=EN))
    assert distress.select_one("#field-caregiver_strain") is not None  # the caregiver's own, asked apart
    post(client, "distress", {"score": "2", "caregiver_strain": "7"})
    results = soup(client.get("/assessment/results", headers=EN))
    text = text_of(results.select_one("#assessment-step"))
    assert "The person’s results" in text and "Call the person’s cancer team now" in text
    assert "Tell the care team how tiredness limits the person’s days." in text
    own = text_of(results.select_one("#caregiver-own"))
    assert "7/10" in own and "not added to their scores" in own
    assert "What weighs on the person: 2/10" not in text  # 2 is below the cut-off: not listed to tell
    assert "need-carers" in [li["id"] for li in results.select("li.need")]


def test_an_unknown_respondent_is_refused_with_a_message(client):
    response = post(client, "who", {"respondent": "doctor"})
    assert response.status_code == 422
    assert "Choose one of the answers shown" in text_of(soup(response).main)


def test_without_javascript_each_step_redirects_to_the_next(client):
    response = post(client, "urgent", {})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/symptoms"
    response = post(client, "symptoms", {"pain": "5"})
    assert response.headers["Location"] == "/assessment/distress"
    response = post(client, "distress", {"score": "2"})
    assert response.headers["Location"] == "/assessment/context"
    response = post(client, "context", {})
    assert response.headers["Location"] == "/assessment/results"
    page = soup(client.get("/assessment/results", headers=EN))
    assert "Pain: 5/10" in text_of(page.select_one("section[aria-labelledby=tell-team]"))


def test_with_htmx_each_step_swaps_in_the_next_and_pushes_its_url(client):
    response = post(client, "urgent", {}, PARTIAL)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/assessment/symptoms"
    page = soup(response)
    assert page.find("html") is None
    assert page.select_one("section#assessment-step form[action='/assessment/symptoms']") is not None
    assert "Step 2 of 4" in text_of(page)
    response = complete(client, headers=PARTIAL)
    assert response.headers["HX-Push-Url"] == "/assessment/results"
    assert soup(response).select_one("#assessment-step h2").get_text(strip=True) == "Your results"


def test_reload_and_back_keep_the_answers(client):
    post(client, "urgent", {"signs": "fever", "on_treatment": "yes"})
    post(client, "symptoms", {"pain": "7", "other_label": "Hiccups", "other": "3"})
    page = soup(client.get("/assessment/symptoms"))
    assert page.select_one("input[name=pain][value='7']").has_attr("checked")
    assert page.select_one("input[name=other_label]")["value"] == "Hiccups"
    urgent = soup(client.get("/assessment/urgent"))
    assert urgent.select_one("input[name=signs][value=fever]").has_attr("checked")
    assert urgent.select_one("input[name=on_treatment][value=yes]").has_attr("checked")


def test_an_urgent_yes_shows_what_to_do_before_the_next_question(client):
    response = post(client, "urgent", {"signs": ["fever", "suicidal"], "on_treatment": "yes"}, PARTIAL)
    page = soup(response)
    step = page.select_one("#assessment-step")
    first = step.find(["section", "form"])
    assert first["id"] == "urgent-card"
    card = text_of(first)
    assert "Fever during cancer treatment" in card and "3114" in card
    assert page.select_one("#urgent-card a[href='tel:3114']") is not None
    assert page.select_one("#urgent-card a[href='tel:15']") is not None
    assert page.select_one("form[action='/assessment/symptoms']") is not None  # and they may go on


def test_fever_rule_fires_even_if_abandoned_after_the_first_screen(client):
    post(client, "urgent", {"signs": "fever", "on_treatment": "unsure"})
    page = soup(client.get("/assessment/results", headers=EN))
    assert "Fever during cancer treatment" in text_of(page.select_one("#urgent-card"))


def test_emergency_signs_come_before_any_score(client):
    complete(client, urgent={"signs": "chest_pain"}, symptoms={"pain": "9"})
    page = soup(client.get("/assessment/results", headers=EN))
    text = text_of(page.select_one("#assessment-step"))
    assert text.index("Call 15 or 112 now") < text.index("Pain: 9/10")


def test_no_urgent_card_without_urgent_signs_or_a_score_that_calls_now(client):
    complete(client, symptoms={"pain": "8", "worse": "no"})
    page = soup(client.get("/assessment/results"))
    assert page.select_one("#urgent-card") is None and page.select_one("#today-card") is not None


def test_stored_team_number_appears_in_the_urgent_card(client):
    client.set_cookie("team_phone", "01 23 45 67 89")
    page = soup(post(client, "urgent", {"signs": "fever", "on_treatment": "yes"}, PARTIAL))
    assert page.select_one("#urgent-card a[href='tel:+33123456789']") is not None


def test_results_map_needs_to_cares_and_nearby_resources(client):
    complete(
        client, symptoms={"pain": "8", "tiredness": "5"}, distress={"score": "6", "problems": ["money", "fertility"]}
    )
    page = soup(client.get("/assessment/results", headers=EN))
    needs = {li["id"]: li for li in page.select("li.need")}
    assert {"need-pain", "need-physical_activity", "need-psychology", "need-social", "need-fertility"} <= set(needs)
    assert needs["need-pain"].select_one("a[href='/centres?kind=sdc']") is not None
    assert needs["need-fertility"].select_one("a[href='/centres?kind=fertility']") is not None
    assert needs["need-social"].select_one("a[href='/centres?kind=eri']") is not None
    assert "Because of: Money" in text_of(needs["need-social"])
    assert "Add to my checklist" in text_of(needs["need-pain"])
    assert page.select("[id^=context-]") == []


def test_early_palliative_study_is_told_as_a_study(client):
    complete(client, context={"cancer_group": "digestive", "metastatic": "yes", "unplanned_stay": "yes"})
    page = soup(client.get("/assessment/results", headers=EN))
    assert "not only for the end of life" in text_of(page.select_one("#context-palliative_care"))
    study = text_of(page.select_one("#context-sppc_study"))
    assert "about 20 centres" in study and "what the study will measure" in study


@pytest.mark.parametrize(
    "step, data, field",
    [
        ("symptoms", {"pain": "11"}, "pain"),
        ("symptoms", {"pain": "-1"}, "pain"),
        ("symptoms", {"nausea": "abc"}, "nausea"),
        ("symptoms", {"pain": ["3", "4"]}, "pain"),
        ("symptoms", {"other_label": "x" * 81}, "other_label"),
        ("distress", {"score": "1e3"}, "score"),
        ("distress", {"problems": ["money", "yachts"]}, "problems"),
        ("context", {"phase": "cured"}, "phase"),
        ("urgent", {"signs": "hiccups"}, "signs"),
        ("urgent", {"on_treatment": "maybe"}, "on_treatment"),
    ],
)
def test_bad_answers_show_the_step_again_with_a_message(client, step, data, field):
    post(client, "urgent", {})
    response = post(client, step, data)
    assert response.status_code == 422
    page = soup(response)
    error = page.select_one(f"#field-{field}-error")
    assert error is not None and error.get_text(strip=True)
    assert page.select_one(f".error-summary a[href='#field-{field}']") is not None
    assert page.select_one(f"form[action='/assessment/{step}']") is not None


def test_bad_answer_in_a_swap_stays_on_the_step(client):
    post(client, "urgent", {})
    response = post(client, "symptoms", {"pain": "12"}, PARTIAL)
    assert response.status_code == 422 and "HX-Push-Url" not in response.headers
    assert soup(response).select_one("form[action='/assessment/symptoms']") is not None


def test_a_bad_answer_does_not_erase_the_saved_ones(client):
    post(client, "urgent", {})
    post(client, "symptoms", {"pain": "6"})
    post(client, "symptoms", {"pain": "99"})
    page = soup(client.get("/assessment/symptoms"))
    assert page.select_one("input[name=pain][value='6']").has_attr("checked")


def test_later_steps_need_the_urgent_step_first(client):
    response = client.get("/assessment/distress")
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/urgent"
    page = soup(client.get("/assessment/urgent", headers=EN))
    assert "Please answer this first question" in text_of(page.select_one("#messages"))
    assert client.get("/assessment/results").status_code == 303
    assert client.post("/assessment/symptoms", data={"csrf_token": token(client)}).status_code == 303


def test_being_sent_back_many_times_says_it_once(client):
    for _ in range(30):  # e.g. a bookmarked results page opened again and again
        client.get("/assessment/results")
    assert len(client.get_cookie("__Host-session").value) < 1000
    messages = soup(client.get("/assessment/urgent", headers=EN)).select("#messages p")
    assert [text_of(m) for m in messages] == [text_of(messages[0])] and "answer this first" in text_of(messages[0])


def test_unknown_step_is_404(client):
    assert client.get("/assessment/finances").status_code == 404
    assert client.post("/assessment/finances", data={"csrf_token": token(client)}).status_code == 404


def test_wrong_or_missing_csrf_token_is_refused(client):
    assert client.post("/assessment/urgent", data={}).status_code == 400
    assert client.post("/assessment/urgent", data={"csrf_token": "forged"}).status_code == 400


def test_answers_live_only_in_the_session_and_restart_clears_them(client, session):
    from sqlmodel import func, select

    from companion.checklist.models import Notebook, SavedAssessment

    complete(client, symptoms={"pain": "8"})
    client.get("/assessment/results")
    for table in (Notebook, SavedAssessment):  # nothing kept on the server unless asked
        assert session.exec(select(func.count()).select_from(table)).one() == 0
    response = client.post("/assessment/restart", data={"csrf_token": token(client)})
    assert response.status_code == 303
    assert client.get("/assessment/results").status_code == 303


def test_answers_never_reach_the_logs(client, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    complete(client, symptoms={"other_label": "Secret symptom", "other": "9"})
    client.get("/assessment/results")
    assert "Secret symptom" not in caplog.text


def test_answers_in_the_cookie_are_sealed_not_only_signed(app, client):
    complete(client, symptoms={"other_label": "Secret symptom", "other": "9"})
    payload = client.get_cookie("__Host-session").value
    assert payload.startswith("gAAAAA") and "." not in payload  # a Fernet token alone (its own HMAC and date)
    assert "Secret symptom" not in payload and "other" not in payload
    assert len(client.get_cookie("__Host-session").value) < 4096  # still fits in a cookie
    assert "Secret symptom" in text_of(soup(client.get("/assessment/results", headers=EN)))  # the app reads it back


def test_a_cookie_sealed_inside_a_signed_wrapping_still_opens(app, client):
    """Cookies from before the Fernet token stood alone (itsdangerous' signed text around it) keep their answers."""
    from flask.json.tag import TaggedJSONSerializer
    from itsdangerous import URLSafeTimedSerializer

    from companion.web.sealed_session import _sealer

    class Sealing:
        sealer = _sealer((app.secret_key,))
        dumps = staticmethod(
            lambda value: Sealing.sealer.encrypt(TaggedJSONSerializer().dumps(value).encode()).decode()
        )

    interface = app.session_interface
    signer = {"key_derivation": interface.key_derivation, "digest_method": interface.digest_method}
    wrapped = URLSafeTimedSerializer(app.secret_key, salt=interface.salt, serializer=Sealing, signer_kwargs=signer)
    complete(client, symptoms={"pain": "8"})
    with client.session_transaction() as session:
        kept = dict(session)
    fresh = app.test_client()
    fresh.set_cookie("__Host-session", wrapped.dumps({k: v for k, v in kept.items() if k != "csrf_token"}))
    assert "8/10" in text_of(soup(fresh.get("/assessment/results", headers=EN)).select_one(".findings"))


def test_a_cookie_from_before_sealing_starts_afresh(app, client):
    from flask.sessions import SecureCookieSessionInterface

    with app.test_request_context():
        old = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"assessment": {"urgent": {}}})
    client.set_cookie("__Host-session", old)
    assert client.get("/assessment/results").status_code == 303  # no answers: back to the first step
    assert client.get("/assessment/urgent").status_code == 200


def test_results_in_french(client):
    complete(client, symptoms={"pain": "8"}, headers={"Accept-Language": "fr"})
    page = soup(client.get("/assessment/results", headers={"Accept-Language": "fr"}))
    assert "Douleur\u00a0: 8/10" in page.select_one(".findings").get_text()  # the colon never wraps alone
    assert "sévère" in text_of(page)


def test_team_number_is_kept_in_a_cookie_only(client):
    response = client.post(
        "/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "phone": " 01 23 45 67 89 "}
    )
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("team_phone=") and "Secure" in cookie and "HttpOnly" in cookie
    page = soup(client.get("/urgent"))
    assert page.select_one("a[href='tel:+33123456789']") is not None
    forget = client.post("/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "action": "forget"})
    assert re.search(r"team_phone=;.*(Max-Age=0|expires=Thu, 01 Jan 1970)", forget.headers["Set-Cookie"])


def test_team_number_must_look_like_a_phone_number(client):
    response = client.post(
        "/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "phone": "call mum"}, headers=EN
    )
    assert response.status_code == 422
    assert "does not look like a phone number" in text_of(soup(response).select_one("#team-phone-error"))


def test_changing_language_in_the_middle_of_a_step_keeps_its_answers(client):
    """The language switch of a step is a button of the step's form: what was ticked goes with it."""
    post(client, "urgent", {})
    page = soup(client.get("/assessment/symptoms", headers={"Accept-Language": "fr"}))
    button = page.select_one("#language-switch button[name=stay]")
    assert button["form"] == "step-form" and page.select_one("form#step-form") is not None
    assert button["formaction"] == "/assessment/symptoms?lang=en" and text_of(button) == "English"
    csrf = page.select_one("input[name=csrf_token]")["value"]
    response = client.post(button["formaction"], data={"csrf_token": csrf, "pain": "5", "stay": "en"})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/symptoms"
    again = soup(client.get("/assessment/symptoms"))
    assert again.html["lang"] == "en" and "How do you feel right now?" in text_of(again.main)
    assert again.select_one("#field-pain input[value='5']").has_attr("checked")
    # An answer that can't be kept is said, in the new language, on the same step.
    refused = client.post("/assessment/symptoms?lang=fr", data={"csrf_token": csrf, "pain": "42", "stay": "fr"})
    assert refused.status_code == 422 and "Choisissez un nombre de 0 à 10" in text_of(soup(refused).main)


def test_pages_without_a_step_form_keep_plain_language_links(client):
    for path in ("/assessment", "/urgent", "/centres"):
        switch = soup(client.get(path)).select_one("#language-switch")
        assert switch.select_one("a[hreflang]") is not None and switch.select_one("button") is None


def test_the_same_answers_sent_again_leave_the_sealed_cookie_as_it_was(client):
    """Nothing changed: the session is not sealed anew. A change, or an idle clock over a minute old, is kept."""
    answers, csrf = {"pain": "4", "other_label": "Hiccups"}, token(client)
    post(client, "urgent", {}, csrf=csrf)
    first = post(client, "symptoms", answers, csrf=csrf)
    assert "__Host-session=" in first.headers.get("Set-Cookie", "")
    again = post(client, "symptoms", answers, csrf=csrf)
    assert again.status_code == 303 and "Set-Cookie" not in again.headers
    changed = post(client, "symptoms", {**answers, "pain": "5"}, csrf=csrf)
    assert "__Host-session=" in changed.headers.get("Set-Cookie", "")
    with client.session_transaction() as session:
        assert session[SESSION_KEY]["symptoms"]["pain"] == 5
        session[TOUCHED_KEY] -= 120  # two minutes idle: the clock is started again, whatever was sent
    idle = post(client, "symptoms", {**answers, "pain": "5"}, csrf=csrf)
    assert "__Host-session=" in idle.headers.get("Set-Cookie", "")
    with client.session_transaction() as session:
        assert time.time() - session[TOUCHED_KEY] < 5

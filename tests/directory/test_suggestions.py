"""'Suggest a place': from the public form, without JavaScript, to the public list only once a coordinator of
that town's area has checked it. Real app, real database, HTML read with a parser."""

import csv
import io

import pytest
from sqlmodel import select

from companion.directory.models import Centre, CentreChange, PlaceSuggestion
from tests.directory.test_coordinator_keys import make_key, sign_in
from tests.directory.test_honesty import decision_form
from tests.helpers import csrf_token, soup, text_of

GUERET_PLACE = {
    "kind": "sdc",
    "name": "Consultation douleur de Guéret",
    "address": "39 avenue de la Sénatorerie",
    "town": "Guéret",
    "phone": "05 55 51 70 00",
    "url": "https://example.org/douleur",
    "audience": "adults",
    "evidence": "page",
    "evidence_url": "https://example.org/page-qui-la-decrit",
}


def send(client, **fields):
    data = {"csrf_token": csrf_token(client, "/suggest-a-place"), **fields}
    return client.post("/suggest-a-place", data=data)


def listed(client, q="Guéret (23000)") -> str:
    return text_of(soup(client.get(f"/centres?q={q}&kind=sdc")).select_one("main"))


def suggestion_form(client, suggestion_id: int, **changes):
    return decision_form(client, suggestion_id, item="suggestion", **changes)


def test_the_form_is_offered_on_the_results_the_sheet_and_each_care_page(client):
    for url in ("/centres?q=Guéret", "/sheet?q=Guéret", "/cares/pain"):
        link = soup(client.get(url)).select_one("a[href^='/suggest-a-place']")
        assert link is not None, url
        assert client.get(link["href"]).status_code == 200
    form = soup(client.get("/suggest-a-place?kind=sdc&town=Guéret (23000)")).select_one("form[method=post]")
    assert form.select_one("input[name=kind][value=sdc]").has_attr("checked")
    assert form.select_one("input[name=town]")["value"] == "Guéret (23000)"
    names = {i["name"] for i in form.select("input[name], textarea[name]")}
    assert not names & {"first_name", "last_name", "email", "health"}  # nothing about the person


def test_a_suggestion_reaches_the_public_list_only_once_a_coordinator_accepts_it(app, runner, session):
    key = make_key(runner, "--label", "ONCO Nouvelle-Aquitaine", "--region", "75")
    public = app.test_client()
    before = listed(public)
    response = send(public, **GUERET_PLACE)
    assert response.status_code == 303 and response.headers["Location"].endswith("/suggest-a-place/thanks")
    thanks = text_of(soup(public.get(response.headers["Location"])).select_one("main"))
    assert "coordinator" in thanks or "coordinat" in thanks
    assert listed(public) == before  # nothing public yet
    assert session.exec(select(Centre).where(Centre.name == GUERET_PLACE["name"])).first() is None
    assert runner.invoke(args=["export-centres"]).output.count(GUERET_PLACE["name"]) == 0
    waiting = runner.invoke(args=["reports"]).output
    assert "suggestion #1" in waiting and "Guéret (23000)" in waiting and "1 suggestion(s) waiting." in waiting

    coordinator = app.test_client()
    assert sign_in(coordinator, key).status_code == 303
    action, data = suggestion_form(coordinator, 1, decision="accept", phone_type="switchboard")
    assert coordinator.post(action, data=data).status_code == 303

    page = soup(public.get("/centres?q=Guéret (23000)&kind=sdc"))
    entry = next(li for li in page.select("li") if GUERET_PLACE["name"] in text_of(li))
    said = text_of(entry)
    assert "centre de la ville" in said  # its position is its town's, and it says so
    session.expire_all()
    centre = session.get(Centre, "suggested-1")
    assert (centre.city, centre.departement, centre.coord_precision) == ("Guéret", "23", "commune")
    assert centre.source.startswith(
        f"{centre.checked_on.isoformat()}: suggested by a volunteer, checked by the coordinator ONCO Nouvelle-Aquitaine on"
    )
    assert GUERET_PLACE["evidence_url"] in centre.source
    change = session.exec(select(CentreChange).where(CentreChange.centre_id == "suggested-1")).one()
    assert (change.field, change.checked_by) == ("added", "ONCO Nouvelle-Aquitaine")
    exported = list(csv.DictReader(io.StringIO(runner.invoke(args=["export-centres"]).output)))
    assert any(row["id"] == "suggested-1" and row["coord_precision"] == "commune" for row in exported)
    history = text_of(soup(coordinator.get("/coordinator/")).select_one("table.history"))
    assert "suggested-1" in history and "ONCO Nouvelle-Aquitaine" in history


def test_a_rejected_suggestion_is_kept_with_its_reason_and_changes_nothing(app, runner, session):
    key = make_key(runner, "--label", "Creuse volunteers", "--departement", "23")
    assert send(app.test_client(), **GUERET_PLACE).status_code == 303
    coordinator = app.test_client()
    sign_in(coordinator, key)
    action, data = suggestion_form(coordinator, 1, decision="reject")
    assert coordinator.post(action, data=data).status_code == 422  # a rejection says why
    action, data = suggestion_form(coordinator, 1, decision="reject", reason="Closed since 2024")
    assert coordinator.post(action, data=data).status_code == 303
    session.expire_all()
    kept = session.get(PlaceSuggestion, 1)
    assert (kept.status, kept.reason, kept.checked_by) == ("rejected", "Closed since 2024", "Creuse volunteers")
    assert session.get(Centre, "suggested-1") is None
    assert coordinator.post(action, data=data).status_code in (404, 409)  # decided already


def test_another_regions_coordinator_neither_sees_nor_decides_it(app, runner, session):
    corsica = make_key(runner, "--label", "Corsica", "--region", "94")
    assert send(app.test_client(), **GUERET_PLACE).status_code == 303
    national = app.test_client()
    sign_in(national, make_key(runner, "--label", "Everywhere", "--national"))
    _, data = suggestion_form(national, 1, decision="accept", phone_type="switchboard")
    other = app.test_client()
    sign_in(other, corsica)
    assert soup(other.get("/coordinator/")).select_one("#suggestion-1") is None
    data["csrf_token"] = csrf_token(other, "/coordinator/")
    assert other.post("/coordinator/suggestions/1", data=data).status_code == 404
    session.expire_all()
    assert session.get(PlaceSuggestion, 1).status == "pending"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"town": "Nowhereville-sur-Rien"}, "town"),
        ({"town": "Saint-Denis"}, "town"),
        ({"kind": "paperwork"}, "kind"),
        ({"evidence": "page", "evidence_url": ""}, "evidence_url"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"url": "ftp://x"}, "url"),
        ({"phone": "call me"}, "phone"),
        ({"name": "x" * 201}, "name"),
        ({"evidence": "told"}, "evidence"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_nothing(client, session, changes, field):
    response = send(client, **{**GUERET_PLACE, **changes})
    assert response.status_code == 422
    errors = soup(response).select(f"#{field}-error, #field-{field} .field-error")
    assert errors and all(text_of(e) for e in errors)
    assert session.exec(select(PlaceSuggestion)).all() == []


def test_visiting_is_evidence_enough_and_the_page_is_not_kept_then(client, session):
    assert send(client, **{**GUERET_PLACE, "evidence": "visited"}).status_code == 303
    kept = session.exec(select(PlaceSuggestion)).one()
    assert (kept.evidence, kept.evidence_url, kept.town, kept.departement) == ("visited", "", "Guéret (23000)", "23")

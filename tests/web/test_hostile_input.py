"""Random and hostile values at every route and parameter: never a 500, never markup reflected unescaped."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from companion import create_app
from companion.assessment.forms import FORMS
from companion.directory.coordinator import SUGGESTION_FIELDS
from companion.directory.suggest import FIELDS as SUGGEST_FIELDS
from tests.helpers import FUZZ, PARTIAL, VALUES, assert_safe, soup

GET_ROUTES = {
    "/centres": ["q", "kind", "lat", "lon", "limit", "audience"],
    "/centres/places": ["q"],
    "/api/v1/centres": ["q", "kind", "lat", "lon", "limit", "audience"],
    "/api/v1/openapi.json": [],
    "/centres/sdc-foch/report": [],
    "/coordinator/": [],
    "/sheet": ["q", "audience"],
    "/departements/23": [],
    "/caregivers": [],
    "/sheet/qr.svg": ["q"],
    "/cares": ["group"],
    "/checklist/open": ["code"],
    "/assessment/results": [],
    "/checklist/delete": [],
    "/checklist/close": [],
    "/checklist/hand-over": [],
    "/next-person": ["next"],
    "/sources/clinical-rules": [],
    "/suggest-a-place": ["kind", "town"],
    "/suggest-a-place/thanks": [],
}
POST_ROUTES = {
    # Every field of every step of the self-assessment, as its form declares it.
    **{
        f"/assessment/{step}": [n for n, v in vars(form).items() if isinstance(v, UnboundField)]
        for step, form in FORMS.items()
    },
    "/checklist/items": ["care", "title", "reason", "centre", "next", "replace_centre"],
    "/checklist/delete": ["confirm", "forget_team"],
    "/checklist/close": ["confirm"],
    "/checklist/hand-over": ["confirm"],
    "/next-person": ["confirm", "next"],
    "/assessment/restart": ["then"],
    "/checklist/open": ["code"],
    "/urgent/team-number": ["phone", "action"],
    "/guide": ["mode", "next"],
    "/centres/sdc-foch/report": ["reason", "details"],
    "/coordinator/": ["token"],
    "/suggest-a-place": list(SUGGEST_FIELDS),
}


@pytest.mark.parametrize("route", list(GET_ROUTES))
@FUZZ
@given(data=st.data())
def test_get_routes_survive_anything(client, route, data):
    names = GET_ROUTES[route] + ["unexpected"]
    params = {name: data.draw(VALUES) for name in data.draw(st.lists(st.sampled_from(names), unique=True))}
    assert_safe(client.get(route, query_string=params, headers={"HX-Request": "true", "HX-Request-Type": "partial"}))
    assert_safe(client.get(route, query_string=params))


@pytest.mark.parametrize("route", list(POST_ROUTES))
@FUZZ
@given(data=st.data())
def test_post_routes_survive_anything(client, route, data):
    csrf = soup(client.get("/checklist")).select_one("input[name=csrf_token]")["value"]
    client.post("/assessment/urgent", data={"csrf_token": csrf})
    names = POST_ROUTES[route] + ["unexpected"]
    form = {
        name: data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)))
        for name in data.draw(st.lists(st.sampled_from(names), unique=True))
    }
    assert_safe(client.post(route, data={**form, "csrf_token": csrf}))


@FUZZ
@given(item=VALUES, version=VALUES, status=VALUES)
def test_checklist_item_updates_survive_anything(client, item, version, status):
    csrf = soup(client.get("/checklist")).select_one("input[name=csrf_token]")["value"]
    client.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"})
    path = f"/checklist/items/{item}" if item.strip("/") and "/" not in item else "/checklist/items/1"
    assert_safe(client.post(path, data={"csrf_token": csrf, "version": version, "status": status}))


@pytest.mark.parametrize("route", ["/", "/centres", "/assessment/urgent", "/checklist", "/api/v1/centres", "/healthz"])
@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "head"])
def test_wrong_methods(client, route, method):
    assert getattr(client, method)(route).status_code < 500


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", '{"signs": ["fever"]}'),
        ("text/plain", "signs=fever"),
        ("multipart/form-data; boundary=x", "--x--"),
        ("application/x-www-form-urlencoded", "%ZZ=%%&&=="),
    ],
)
def test_wrong_content_types(client, content_type, body):
    assert client.post("/assessment/urgent", data=body, content_type=content_type).status_code in (400, 403, 415, 422)


def test_oversized_body_is_413(client):
    response = client.post("/checklist/items", data={"title": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_duplicated_parameters(client):
    assert client.get("/api/v1/centres?q=Bondy&q=Poissy&limit=1&limit=2").status_code == 200
    assert client.get("/centres?lat=48&lat=49&lon=2").status_code == 200


NUL = "a\x00b"  # fine in SQLite, refused by PostgreSQL: every field must get it past the database safely


@pytest.mark.parametrize("route, field", [(route, field) for route, fields in GET_ROUTES.items() for field in fields])
def test_a_nul_character_in_any_query_parameter(client, route, field):
    assert_safe(client.get(route, query_string={field: NUL}))


@pytest.mark.parametrize(
    "route, field",
    [(route, field) for route, fields in POST_ROUTES.items() for field in fields]
    + [("/checklist/items/<id>", field) for field in ("status", "note", "centre", "version")],
)
def test_a_nul_character_in_any_form_field(client, route, field):
    csrf = soup(client.get("/checklist")).select_one("input[name=csrf_token]")["value"]
    client.post("/assessment/urgent", data={"csrf_token": csrf})
    client.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"})
    item = soup(client.get("/checklist")).select_one("li[id^=item-]")
    route = route.replace("<id>", item["id"].removeprefix("item-"))
    data = {"csrf_token": csrf, "version": item.select_one("input[name=version]")["value"], field: NUL}
    assert_safe(client.post(route, data=data))


@FUZZ
@given(q=VALUES, audience=VALUES)
def test_the_checklist_centre_picker_survives_anything(client, q, audience):
    csrf = soup(client.get("/checklist")).select_one("input[name=csrf_token]")["value"]
    client.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"})
    item = soup(client.get("/checklist")).select_one("li.checklist-item")["id"].removeprefix("item-")
    params = {"q": q, "audience": audience}
    assert_safe(client.get(f"/checklist/items/{item}/centre", query_string=params))
    assert_safe(client.get(f"/checklist/items/{item}/centre", query_string=params, headers=PARTIAL))


@pytest.fixture
def coordinator(database_url, tmp_path, monkeypatch):
    """Signed in with the configured (national) key, one suggestion waiting."""
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "COORDINATOR_TOKEN": "k" * 32})
    client = app.test_client()
    csrf = soup(client.get("/suggest-a-place")).select_one("input[name=csrf_token]")["value"]
    suggestion = {"kind": "sdc", "name": "Somewhere", "town": "Guéret", "evidence": "visited"}
    assert client.post("/suggest-a-place", data={**suggestion, "csrf_token": csrf}).status_code == 303
    assert client.post("/coordinator/", data={"token": "k" * 32, "csrf_token": csrf}).status_code == 303
    yield client, csrf
    app.extensions["engine"].dispose()


@FUZZ
@given(data=st.data())
def test_the_coordinator_s_suggestion_form_survives_anything(coordinator, data):
    client, csrf = coordinator
    names = ["decision", "reason", *SUGGESTION_FIELDS, "unexpected"]
    form = {f"s1-{n}": data.draw(VALUES) for n in data.draw(st.lists(st.sampled_from(names), unique=True))}
    suggestion_id = data.draw(st.sampled_from(["1", "2", "999999"]))
    assert_safe(client.post(f"/coordinator/suggestions/{suggestion_id}", data={**form, "csrf_token": csrf}))


@pytest.mark.parametrize("field", ["decision", "reason", *SUGGESTION_FIELDS])
def test_a_nul_character_in_any_coordinator_suggestion_field(coordinator, field):
    client, csrf = coordinator
    data = {"s1-decision": "accept", "s1-kind": "sdc", "s1-name": "x", "s1-town": "Guéret", f"s1-{field}": NUL}
    assert_safe(client.post("/coordinator/suggestions/1", data={**data, "csrf_token": csrf}))

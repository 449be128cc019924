"""Coordinator keys per region: made, listed and revoked on the command line, stored as digests, each
deciding only its area's reports. Real app, real database, HTML read with a parser."""

import hashlib

import pytest
from sqlmodel import select

from companion import create_app
from companion.directory.models import Centre, CentreChange, CentreReport, CoordinatorKey
from tests.directory.test_honesty import decision_form
from tests.helpers import csrf_token, soup, text_of


def make_key(runner, *options) -> str:
    result = runner.invoke(args=["coordinators", "add", *options])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def sign_in(client, key):
    return client.post("/coordinator/", data={"csrf_token": csrf_token(client, "/coordinator/"), "token": key})


def report(client, centre_id, reason="phone"):
    client.post(
        f"/centres/{centre_id}/report",
        data={"csrf_token": csrf_token(client, f"/centres/{centre_id}/report"), "reason": reason},
    )


def report_ids(client) -> set[int]:
    return {int(s["id"].removeprefix("report-")) for s in soup(client.get("/coordinator/")).select("section.report")}


def test_keys_are_made_listed_and_revoked_and_only_their_digest_is_kept(app, runner, session):
    assert app.test_client().get("/coordinator/").status_code == 404  # no key at all: no page
    key = make_key(runner, "--label", "ONCO AURA", "--region", "84")
    make_key(runner, "--label", "Rhône volunteers", "--departement", "69")
    make_key(runner, "--label", "Everywhere", "--national")
    assert len(key) >= 40
    rows = session.exec(select(CoordinatorKey).order_by(CoordinatorKey.id)).all()
    assert [(r.label, r.scope, r.area) for r in rows] == [
        ("ONCO AURA", "region", "84"),
        ("Rhône volunteers", "departement", "69"),
        ("Everywhere", "national", ""),
    ]
    assert rows[0].digest == hashlib.sha256(key.encode()).hexdigest() and key not in str(rows[0].model_dump())
    listed = runner.invoke(args=["coordinators", "list"]).output
    assert "#1 ONCO AURA · region 84" in listed and "active" in listed and key not in listed
    assert runner.invoke(args=["coordinators", "revoke", "1"]).exit_code == 0
    assert "revoked" in runner.invoke(args=["coordinators", "list"]).output.splitlines()[0]
    assert runner.invoke(args=["coordinators", "revoke", "99"]).exit_code != 0


@pytest.mark.parametrize(
    "options",
    [
        ["--label", "x"],
        ["--label", "x", "--region", "84", "--national"],
        ["--label", "x", "--region", "99"],
        ["--label", "x", "--departement", "20"],
        ["--label", "  ", "--national"],
        ["--label", "x" * 101, "--national"],
    ],
)
def test_a_wrong_key_request_makes_no_key(runner, session, options):
    assert runner.invoke(args=["coordinators", "add", *options]).exit_code != 0
    assert session.exec(select(CoordinatorKey)).all() == []


def test_a_regional_coordinator_sees_and_decides_only_its_region(app, runner, session):
    paris = make_key(runner, "--label", "ONCO Île-de-France", "--region", "11")
    angers = make_key(runner, "--label", "Maine-et-Loire volunteers", "--departement", "49")
    national = make_key(runner, "--label", "Everywhere", "--national")
    public = app.test_client()
    report(public, "sdc-foch")  # Suresnes, 92: Île-de-France
    report(public, "sdc-chu-angers")  # Angers, 49: Pays de la Loire

    idf, loire, everywhere = app.test_client(), app.test_client(), app.test_client()
    for client, key in ((idf, paris), (loire, angers), (everywhere, national)):
        assert sign_in(client, key).status_code == 303
    assert report_ids(idf) == {1} and report_ids(loire) == {2} and report_ids(everywhere) == {1, 2}
    assert "ONCO Île-de-France" in text_of(soup(idf.get("/coordinator/")).select_one("main"))

    # Another area's report does not exist for this key, whatever the decision.
    _, data = decision_form(everywhere, 1, decision="reject")
    data["csrf_token"] = csrf_token(loire, "/coordinator/")
    assert loire.post("/coordinator/reports/1", data=data).status_code == 404
    assert session.get(CentreReport, 1).status == "pending"

    action, data = decision_form(idf, 1, decision="accept", phone="01 23 45 67 89")
    assert idf.post(action, data=data).status_code == 303
    session.expire_all()
    assert session.get(Centre, "sdc-foch").phone == "01 23 45 67 89"
    assert "ONCO Île-de-France" in session.get(Centre, "sdc-foch").source
    changes = session.exec(select(CentreChange)).all()
    assert changes and {c.checked_by for c in changes} == {"ONCO Île-de-France"}
    history = soup(idf.get("/coordinator/")).select_one("table.history")
    assert "ONCO Île-de-France" in text_of(history)
    assert soup(loire.get("/coordinator/")).select_one("table.history") is None  # not its area's change


def test_a_revoked_key_opens_nothing_even_for_someone_signed_in_with_it(app, runner):
    key = make_key(runner, "--label", "ONCO AURA", "--region", "84")
    make_key(runner, "--label", "Other", "--national")  # the page stays, for the others
    client = app.test_client()
    assert sign_in(client, key).status_code == 303
    assert soup(client.get("/coordinator/")).select_one("input[name=token]") is None
    runner.invoke(args=["coordinators", "revoke", "1"])
    assert soup(client.get("/coordinator/")).select_one("input[name=token]") is not None
    assert sign_in(app.test_client(), key).status_code == 422


def test_the_configured_key_is_still_a_national_key(database_url, tmp_path, monkeypatch, runner):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "COORDINATOR_TOKEN": "k" * 32})
    client = app.test_client()
    report(client, "sdc-foch")
    report(client, "sdc-chu-angers")
    assert sign_in(client, "k" * 32).status_code == 303
    assert report_ids(client) == {1, 2}
    app.extensions["engine"].dispose()

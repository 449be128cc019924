"""The directory says where it stops, helps everywhere in France, shows how fresh each entry
is, and takes corrections through a coordinator. Real app, real database, HTML read with a parser."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from companion import create_app
from companion.directory.corrections import EDITABLE
from companion.directory.models import Centre, CentreChange, CentreReport
from companion.directory.version import bump_version
from tests.helpers import PARTIAL, VALUES, assert_safe, csrf_token, soup, text_of

EN = {"Accept-Language": "en"}


def positions(page, selector):
    """Document order of the elements matched, as indexes among every element of the page."""
    everything = page.find_all(True)
    return [everything.index(node) for node in page.select(selector)]


def test_outside_the_region_the_coverage_comes_first_then_help_that_works_there(client):
    page = soup(client.get("/centres?q=Lyon+3e", headers=EN))
    heading, notice = page.select_one("#results-heading"), page.select_one(".notice-coverage")
    assert notice is not None
    said = text_of(notice)
    assert "does not list yet: pain, fertility, health information." in said
    # Kind by kind, by name: the pain structures and the fertility centres are not listed in the same départements
    # (one count of the four together read as if each were listed in all four).
    where = {text_of(li.strong): text_of(li) for li in notice.select(".coverage-by-kind li")}
    assert where == {
        "Pain.": "Pain. For now it lists them one by one only in Île-de-France and in Maine-et-Loire, Vienne.",
        "Fertility.": "Fertility. For now it lists them one by one only in Île-de-France and in Côte-d'Or, Doubs.",
        "Health information.": "Health information. For now it lists them one by one only in Île-de-France.",
    }
    assert "other départements" not in said
    assert "e-cancer.fr" in text_of(page.select_one(".help-anywhere"))
    # The notice before every place; the regional cancer centre of Lyon first among the places.
    assert positions(page, ".notice-coverage")[0] < min(positions(page, "li.centre"))
    assert page.select("li.centre")[0]["id"] == "centre-cancer-centre-690000880"
    assert "Nothing listed" not in text_of(heading)
    # Nothing further than 50 km outside the "further away" part.
    for item in page.select("li.centre"):
        km = float(text_of(item.select_one(".distance")).split()[0].replace(",", ""))
        helps = item.find_parent("ol", class_="help-places") is not None
        assert km <= 50 or helps or item.find_parent("details", class_="far-places") is not None


def test_inside_the_region_nothing_is_said_about_coverage(client):
    page = soup(client.get("/centres?q=Bondy", headers=EN))
    assert page.select(".notice-coverage") == [] and page.select("details.far-places") == []


@pytest.mark.parametrize("q", ["Cayenne", "97300", "Mamoudzou", "Saint-Denis 974"])
def test_overseas_is_found_and_told_honestly(client, q):
    response = client.get(f"/centres?q={q}", headers={**EN, **PARTIAL})
    assert response.status_code == 200
    page = soup(response)
    assert "Nothing listed near" in text_of(page.select_one("#results-heading"))
    notice = text_of(page.select_one(".help-anywhere"))
    assert "Your own cancer team" in notice and "e-cancer.fr" in notice
    # Thousands of km away is no "nearest regional cancer centre".
    assert "The nearest regional cancer centre" not in text_of(page)


@pytest.mark.parametrize(
    "typed, first",
    [
        ("Bondi", "Bondy (93140)"),
        ("Cayene", "Cayenne (97300)"),
        ("Marseile", "Marseille"),
        ("Montfermei", "Montfermeil (93370)"),
    ],
)
def test_a_misspelt_town_is_never_picked_silently_but_offered(client, typed, first):
    response = client.get(f"/centres?q={typed}", headers=EN)
    assert response.status_code == 422
    offered = [text_of(a) for a in soup(response).select("#results .place-choices a")]
    assert offered[0] == first


@pytest.mark.parametrize(
    "typed, label",
    [
        ("Lyon 03", "Lyon 3e Arrondissement (69003)"),
        ("lyon 3e", "Lyon 3e Arrondissement (69003)"),
        ("Saint Denis 93", "Saint-Denis (93200)"),
        ("saint-denis 974", "Saint-Denis (97400)"),
    ],
)
def test_the_ways_people_write_a_town_resolve(client, typed, label):
    response = client.get(f"/centres?q={typed}", headers=EN)
    assert response.status_code == 200
    assert label in text_of(soup(response).select_one("#results-heading"))


def test_st_maur_asks_which_with_saint_maur_des_fosses_first(client):
    page = soup(client.get("/centres?q=st-maur", headers=EN))
    assert text_of(page.select_one("#results-heading")) == "Which town?"
    assert "Several places are called “st-maur”" in text_of(page.select_one("#results"))
    choices = [text_of(a) for a in page.select(".place-choices a")]
    assert choices[0] == "Saint-Maur-des-Fossés (94100)" and "Saint-Maur (36250)" in choices
    assert not page.select("#results li.centre")  # nothing shown near a guess


def test_every_entry_says_who_it_is_for_its_phone_line_and_when_it_was_checked(client):
    page = soup(client.get("/centres?q=Paris&limit=50&audience=any", headers=EN))
    entries = page.select("li.centre, li.centre-unplaced")
    assert len(entries) > 20
    for entry in entries:
        assert text_of(entry.select_one(".audience")) in ("For everyone", "For adults", "For children and teenagers")
        dated = text_of(entry.select_one(".checked"))
        # No one checked these: the date is the register extract's (or the source's), and says so.
        assert dated.startswith("Information from") and "call before you go" in dated
        assert "Checked on" not in dated and "Report a change" in dated
        assert entry.select_one("details.source p").get_text(strip=True)
        if entry.select_one("a[href^='tel:']"):
            assert text_of(entry.select_one(".phone-type")) in (
                "Hospital switchboard: ask for the service by name.",
                "Direct line of the service.",
            )
    trousseau = page.select_one("#centre-sdc-aphp-trousseau")
    assert "For children and teenagers" in text_of(trousseau.select_one(".centre-meta"))


def test_a_childrens_centre_is_left_out_for_an_adult_and_kept_for_a_child(client):
    ids = lambda audience: [  # noqa: E731
        li["id"]
        for li in soup(client.get(f"/centres?q=Paris&kind=sdc&limit=50&audience={audience}")).select("li.centre")
    ]
    assert "centre-sdc-aphp-trousseau" not in ids("adults")
    assert "centre-sdc-aphp-trousseau" in ids("children") and "centre-sdc-aphp-trousseau" in ids("any")
    assert "centre-sdc-aphp-trousseau" not in ids("")  # adults' entries by default


def test_no_premium_rate_number_is_shown_where_a_direct_line_is_known(client, session):
    # The France services desks' numbers are the ANCT's own: one is special-rate, and is said to be (test_paperwork).
    for centre in session.exec(select(Centre).where(Centre.kind != "paperwork")).all():
        assert not centre.phone.replace(" ", "").startswith(("081", "082", "089")), centre.id
    foch = session.get(Centre, "sdc-foch")
    assert (foch.phone, foch.phone_type) == ("01 46 25 24 26", "direct") and "hopital-foch.com" in foch.source


def test_an_entry_without_a_known_place_is_never_ranked(client):
    page = soup(client.get("/centres?q=Paris&kind=eri", headers=EN))
    paris = page.select_one("#centre-eri-paris")
    assert "centre-unplaced" in paris["class"] and not paris.has_attr("data-lat")
    assert paris.select_one(".distance") is None and "Directions" not in text_of(paris)
    assert "Address to be confirmed" in text_of(paris)
    assert "address to be confirmed" in text_of(paris.find_previous("h3"))
    body = client.get("/api/v1/centres?q=Paris&kind=eri").json
    assert "eri-paris" not in [c["id"] for c in body["centres"]]
    assert [c["id"] for c in body["unplaced"]] == ["eri-paris"] and "distance_km" not in body["unplaced"][0]


def test_the_sheet_says_where_the_directory_stops_kind_by_kind_and_dates_each_entry(client):
    page = soup(client.get("/sheet?q=Lyon+3e", headers=EN))
    assert page.select_one("#sheet-help") is not None
    for section in page.select("section.sheet-kind"):
        for item in section.select("li[data-centre]"):
            assert "National register, March 2020" in text_of(item)
    # Not "none within 50 km", which a person reads as "nothing near you": the directory doesn't cover this kind
    # here yet. Where it does, in the results' words for that kind (one place), and who to ask.
    for kind in ("sdc", "fertility", "mis"):
        section = page.select_one(f"section[aria-labelledby=sheet-{kind}]")
        said = text_of(section.select_one(".sheet-not-listed"))
        assert section.select("li[data-centre]") == [] and "None listed" not in text_of(section)
        assert said.startswith("The directory does not list these near here yet.")
        assert said.endswith("Ask your cancer team, or your region’s cancer network, above.")
        results = text_of(
            soup(client.get(f"/centres?q=Lyon+3e&kind={kind}", headers=EN)).select(".notice-coverage p")[1]
        )
        assert results in said and "For now it lists them one by one only in Île-de-France" in results
    assert "ONCO AURA" in text_of(page.select_one(".sheet-network"))
    assert page.select(".notice-coverage") == []  # said in each kind's part, not once above them all
    assert "directory data of" not in text_of(page)


def test_the_sheet_says_none_within_50_km_only_where_the_directory_covers_the_place(client, session):
    # Bondy is covered for every kind; its one information house made for adults only, a sheet for children finds
    # none within 50 km: then, and only then, "none within 50 km" is true.
    session.get(Centre, "mis-aphp-pitie-salpetriere").audience = "adults"
    bump_version(session)
    session.commit()
    page = soup(client.get("/sheet?q=Bondy&audience=children", headers=EN))
    mis = page.select_one("section[aria-labelledby=sheet-mis]")
    assert mis.select("li[data-centre]") == [] and "None listed within 50 km." in text_of(mis)
    assert page.select(".sheet-not-listed") == []


def test_the_sheet_leaves_off_an_entry_that_gives_nothing_to_act_on_and_says_where_it_is(client):
    page = soup(client.get("/sheet?q=Bondy", headers=EN))
    # The Paris ERI has no address, no phone and no known place: on paper it would only be a name.
    assert page.select_one("[data-centre=eri-paris]") is None and "ERI) – Paris" not in text_of(page)
    footer = text_of(page.select_one(".sheet-footer"))
    assert "The up-to-date list, with a map and 1 more place whose address and phone are not known yet:" in footer
    # Away from Paris nothing is left off, and nothing is said of it.
    assert "more place" not in text_of(soup(client.get("/sheet?q=Lyon+3e", headers=EN)).select_one(".sheet-footer"))


@pytest.mark.parametrize("q", ["Lyon 3e", "Bondy", "Cayenne"])
def test_the_french_sheet_puts_a_no_break_space_before_each_colon_and_semicolon(client, q):
    page = soup(client.get(f"/sheet?q={q}", headers={"Accept-Language": "fr"}))
    said = re.sub(r"[ \t\r\n]+", " ", page.main.get_text(" "))  # text_of would make its no-break spaces plain
    # A word (or closing bracket) against its colon, or an ordinary space that lets the sign wrap alone.
    assert re.findall(r"[\w)][:;](?=\s)| [:;]", said) == []
    assert "de votre région\u00a0: " in said


def test_the_api_says_coverage_first_with_help(client):
    body = client.get("/api/v1/centres?q=Lyon", headers=EN).json
    assert body["coverage"]["complete"] is False and "sdc" in body["coverage"]["missing_kinds"]
    # Kind by kind, as the pages say it: pain structures and fertility centres are listed in different départements.
    by_kind = body["coverage"]["listed_by_kind"]
    assert set(by_kind) == set(body["coverage"]["missing_kinds"])
    assert {"49", "86"} <= set(by_kind["sdc"]) and not {"21", "25"} & set(by_kind["sdc"])
    assert {"21", "25"} <= set(by_kind["fertility"]) and not {"49", "86"} & set(by_kind["fertility"])
    assert "cancer team" in body["coverage"]["message"]
    assert body["help"][0]["id"] == "cancer-centre-690000880" and body["help"][0]["kind"] == "cancer_centre"
    assert client.get("/api/v1/centres?q=Bondy").json["coverage"]["complete"] is True


def test_the_api_offers_suggestions_for_a_misspelt_town(client):
    response = client.get("/api/v1/centres?q=Bondi")
    assert response.status_code == 400 and response.json["suggestions"][0] == "Bondy (93140)"
    assert client.get("/api/v1/centres?q=Qzxwvk").json == {
        "error": response.json["error"],
        "param": "q",
        "suggestions": [],
    }


# --- Corrections -----------------------------------------------------------------------------------


def csrf_of(client, url="/centres/sdc-foch/report"):
    return csrf_token(client, url)


def test_a_report_is_kept_for_the_coordinator_and_changes_nothing_publicly(client, session):
    csrf = csrf_of(client)
    response = client.post(
        "/centres/sdc-foch/report",
        data={"csrf_token": csrf, "reason": "phone", "details": "  new  number  "},
        headers=EN,
    )
    assert response.status_code == 200 and "Thank you" in text_of(soup(response).main)
    session.expire_all()
    report = session.exec(select(CentreReport)).one()
    assert (report.centre_id, report.reason, report.details, report.status) == (
        "sdc-foch",
        "phone",
        "new number",
        "pending",
    )
    assert session.get(Centre, "sdc-foch").phone == "01 46 25 24 26"


def test_the_report_form_stops_typing_where_the_database_column_ends(client):
    textarea = soup(client.get("/centres/sdc-foch/report", headers=EN)).select_one("textarea[name=details]")
    assert textarea["maxlength"] == str(CentreReport.__table__.c.details.type.length)


@pytest.mark.parametrize(
    "form, status",
    [({"reason": "nonsense"}, 422), ({}, 422), ({"reason": "other", "details": "x" * 501}, 422)],
)
def test_a_bad_report_is_refused_clearly_and_stores_nothing(client, session, form, status):
    response = client.post("/centres/sdc-foch/report", data={"csrf_token": csrf_of(client), **form}, headers=EN)
    assert response.status_code == status and soup(response).select(".field-error")
    assert session.exec(select(CentreReport)).all() == []


def test_a_report_without_its_csrf_token_is_refused(client, session):
    assert client.post("/centres/sdc-foch/report", data={"reason": "closed"}).status_code == 400
    assert session.exec(select(CentreReport)).all() == []


def test_reports_are_rate_limited(client):
    csrf = csrf_of(client)
    codes = [
        client.post("/centres/sdc-foch/report", data={"csrf_token": csrf, "reason": "other"}).status_code
        for _ in range(7)
    ]
    assert codes[:5] == [200] * 5 and codes[-1] == 429


def test_a_report_on_an_unknown_entry_is_404(client):
    assert client.get("/centres/no-such-centre/report").status_code == 404


def test_without_a_coordinator_key_the_page_does_not_exist(client):
    assert client.get("/coordinator/").status_code == 404


@pytest.fixture
def coordinator(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "COORDINATOR_TOKEN": "k" * 32})
    yield app.test_client()
    app.extensions["engine"].dispose()


def sign_in(client, key="k" * 32):
    return client.post("/coordinator/", data={"csrf_token": csrf_of(client, "/coordinator/"), "token": key})


def decision_form(client, report_id: int, item: str = "report", **changes):
    """The coordinator's form for one report (or, item="suggestion", one suggestion) as shown, with `changes`."""
    form = soup(client.get("/coordinator/")).select_one(f"#{item}-{report_id} form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[name]") if i.get("type") != "radio"}
    for select_ in form.select("select"):
        chosen = select_.select_one("option[selected]")
        data[select_["name"]] = chosen["value"] if chosen else ""
    data.update({f"{item[0]}{report_id}-{k}": v for k, v in changes.items()})
    return form["action"], data


def test_a_correction_travels_from_the_public_form_to_the_directory_through_the_coordinator(coordinator, session):
    coordinator.post("/centres/sdc-foch/report", data={"csrf_token": csrf_of(coordinator), "reason": "phone"})
    assert sign_in(coordinator, "wrong").status_code == 422
    assert coordinator.post("/coordinator/reports/1", data={"csrf_token": csrf_of(coordinator)}).status_code == 403
    assert sign_in(coordinator).status_code == 303
    action, data = decision_form(coordinator, 1, decision="accept", phone="01 23 45 67 89")
    assert coordinator.post(action, data=data).status_code == 303
    session.expire_all()
    foch = session.get(Centre, "sdc-foch")
    assert foch.phone == "01 23 45 67 89" and foch.checked_on == date.today()
    assert "reported by a user, checked by the coordinator" in foch.source
    fields = {c.field for c in session.exec(select(CentreChange)).all()}
    assert {"phone", "checked_on", "source"} <= fields
    page = soup(coordinator.get("/centres?q=Suresnes&kind=sdc", headers=EN))
    foch_entry = text_of(page.select_one("#centre-sdc-foch"))
    assert "01 23 45 67 89" in foch_entry  # a new directory version: nothing cached before it is shown
    assert "Checked on" in foch_entry and "national register" not in foch_entry  # a check, now, is said as one
    # The same form again: the report was decided, the entry changed: refused, not applied twice.
    assert coordinator.post(action, data=data).status_code == 409


def test_a_correction_the_import_would_refuse_is_refused_and_changes_nothing(coordinator, session):
    coordinator.post("/centres/sdc-foch/report", data={"csrf_token": csrf_of(coordinator), "reason": "moved"})
    sign_in(coordinator)
    action, data = decision_form(coordinator, 1, decision="accept", url="javascript:alert(1)")
    response = coordinator.post(action, data=data)
    assert response.status_code == 422 and "http" in text_of(soup(response).select_one(".field-error"))
    session.expire_all()
    assert session.get(Centre, "sdc-foch").url.startswith("https://")
    assert session.exec(select(CentreChange)).all() == []
    assert session.exec(select(CentreReport)).one().status == "pending"


def test_a_closed_entry_can_be_taken_out_and_a_report_rejected(coordinator, session):
    csrf = csrf_of(coordinator)
    coordinator.post("/centres/sdc-foch/report", data={"csrf_token": csrf, "reason": "closed"})
    coordinator.post("/centres/sdc-aphp-hegp/report", data={"csrf_token": csrf, "reason": "other"})
    sign_in(coordinator)
    action, data = decision_form(coordinator, 1, decision="remove")
    assert coordinator.post(action, data=data).status_code == 303
    action, data = decision_form(coordinator, 2, decision="reject")
    assert coordinator.post(action, data=data).status_code == 303
    session.expire_all()
    assert session.get(Centre, "sdc-foch") is None and session.get(Centre, "sdc-aphp-hegp") is not None
    assert [r.status for r in session.exec(select(CentreReport).order_by(CentreReport.id))] == ["accepted", "rejected"]
    assert coordinator.get("/centres/sdc-foch/report").status_code == 404
    history = text_of(soup(coordinator.get("/coordinator/")).select_one("table.history"))
    assert "sdc-foch" in history and "removed" in history


def test_signing_out_forgets_the_coordinator_and_a_copied_cookie_opens_nothing(coordinator):
    sign_in(coordinator)
    copied = coordinator.application.test_client()
    copied.set_cookie("__Host-session", coordinator.get_cookie("__Host-session").value)
    assert soup(copied.get("/coordinator/")).select_one("input[name=token]") is None  # the copy works, for now
    coordinator.post("/coordinator/sign-out", data={"csrf_token": csrf_of(coordinator, "/coordinator/")})
    assert soup(coordinator.get("/coordinator/")).select_one("input[name=token]") is not None
    assert soup(copied.get("/coordinator/")).select_one("input[name=token]") is not None  # revoked everywhere


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_coordinator_s_form_survives_anything(coordinator, data):
    csrf = csrf_of(coordinator)
    coordinator.post("/centres/sdc-foch/report", data={"csrf_token": csrf, "reason": "other"})
    sign_in(coordinator)
    names = ["version", "decision", *EDITABLE, "unexpected"]
    form = {f"r1-{n}": data.draw(VALUES) for n in data.draw(st.lists(st.sampled_from(names), unique=True))}
    report_id = data.draw(st.sampled_from(["1", "2", "999999"]))
    assert_safe(coordinator.post(f"/coordinator/reports/{report_id}", data={**form, "csrf_token": csrf}))

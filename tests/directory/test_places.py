import re

import pytest

from companion.directory.gazetteer import GAZETTEERS
from companion.directory.places import normalise, resolve_place, suggest_places
from tests.helpers import ROOT


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Saint-Germain-en-Laye", "saint germain en laye"),
        ("St Germain en Laye", "saint germain en laye"),
        ("ST-MAUR-DES-FOSSÉS", "saint maur des fosses"),
        ("Ste-Geneviève-des-Bois", "sainte genevieve des bois"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("  bondy  ", "bondy"),
    ],
)
def test_normalise_tolerates_accents_case_hyphens_and_saint(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "query, name, postcode, departement",
    [
        ("93140", "Bondy", "93140", "93"),
        ("bondy", "Bondy", "93140", "93"),
        ("st germain en laye", "Saint-Germain-en-Laye", "78100", "78"),
        ("SAINT-MAUR-DES-FOSSES", "Saint-Maur-des-Fossés", "94100", "94"),
        ("l'hay les roses", "L'Haÿ-les-Roses", "94240", "94"),
        ("Poissy (78300)", "Poissy", "78300", "78"),
        ("75016", "Paris 16e Arrondissement", "75016", "75"),
        ("Paris 16e", "Paris 16e Arrondissement", "75016", "75"),
        ("paris 1er", "Paris 1er Arrondissement", "75001", "75"),
        ("Lyon 3", "Lyon 3e Arrondissement", "69003", "69"),
        ("Marseille 8e arrondissement", "Marseille 8e Arrondissement", "13008", "13"),
    ],
)
def test_resolve_place_finds_real_communes(session, query, name, postcode, departement):
    place = resolve_place(session, query).place
    assert (place.name, place.postcode, place.departement) == (name, postcode, departement)


def test_whole_city_is_the_centre_of_its_arrondissements(session):
    resolution = resolve_place(session, "Paris")
    assert resolution.place.label == "Paris"
    assert 48.84 < resolution.place.lat < 48.88 and 2.32 < resolution.place.lon < 2.37


def test_ambiguous_name_prefers_ile_de_france_and_offers_the_others(session):
    resolution = resolve_place(session, "Saint-Denis")
    assert resolution.place.departement == "93"
    others = {p.departement for p in resolution.alternatives}
    assert {"11", "30"} <= others


def test_postcode_shared_by_several_communes_offers_each(session):
    resolution = resolve_place(session, "78610")
    names = [resolution.place.name] + [p.name for p in resolution.alternatives]
    assert len(names) == len(set(names)) >= 2


def test_unknown_place_resolves_to_nothing(session):
    assert resolve_place(session, "Atlantis-sur-Mer").place is None
    assert resolve_place(session, "00000").place is None
    assert resolve_place(session, "---").place is None


def test_the_start_of_a_name_is_offered_never_picked(session):
    resolution = resolve_place(session, "Montfermei")
    assert resolution.place is None and resolution.alternatives[0].name == "Montfermeil"


def test_suggestions_by_name_and_postcode(session):
    labels = [p.label for p in suggest_places(session, "villej")]
    assert labels[0] == "Villejuif (94800)"
    assert "Poissy (78300)" in [p.label for p in suggest_places(session, "783")]
    assert suggest_places(session, "pari")[0].label == "Paris"
    assert suggest_places(session, "v") == []


@pytest.mark.parametrize("column, typed", [("search_name", "villej"), ("postcode", "931")])
def test_prefix_searches_use_an_index(session, column, typed):
    """Suggestions run on every keystroke: a prefix must be an index range, on SQLite and PostgreSQL alike."""
    from sqlalchemy import text
    from sqlmodel import col, select

    from companion.directory.models import Commune

    query = select(Commune.id).where(col(getattr(Commune, column)).like(typed + "%"))
    sql = str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
    explain = "EXPLAIN QUERY PLAN " if session.get_bind().dialect.name == "sqlite" else "EXPLAIN "
    plan = " ".join(str(row) for row in session.exec(text(explain + sql)).all())
    assert f"ix_commune_{column}" in plan, plan


def plans_of(session, run) -> list[str]:
    """The query plan of every statement `run` sends to the database (with its own parameters)."""
    from sqlalchemy import event

    engine = session.get_bind()
    sent = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    connection = session.connection().connection.dbapi_connection
    plans = []
    for statement, parameters in sent:
        cursor = connection.cursor()
        cursor.execute(explain + statement, parameters)
        plans.append(" ".join(str(row) for row in cursor.fetchall()))
        cursor.close()
    return plans


def full_scans(plans: list[str]) -> list[str]:
    return [p for p in plans if re.search(r"SCAN commune(?! USING)|Seq Scan on commune", p)]


@pytest.mark.parametrize("typed", ["Paris", "Lyon", "Marseille", "pa", "ly", "ma", "Paris 14", "75014", "Bondy"])
def test_big_cities_and_short_prefixes_are_found_through_indexes(session, typed):
    GAZETTEERS.get(session)  # loaded once per worker and gazetteer, like the directory's index: not per search
    session.info.clear()  # a new request reads the directory's version (and the gazetteer's digest) again
    plans = plans_of(session, lambda: (resolve_place(session, typed), suggest_places(session, typed)))
    assert plans and full_scans(plans) == []


def test_resolving_a_place_asks_the_database_nothing(session):
    """Names, postcodes, arrondissements and whole cities are resolved from the in-memory gazetteer, found by
    the digest the worker knows (read again once per recheck interval, here longer than the test)."""
    from companion.directory.version import WORKER

    WORKER.recheck_every(session.get_bind(), 3600)
    GAZETTEERS.get(session)
    for typed in ("Paris", "Lyon 3e", "75014", "Bondy (93140)", "Saint Denis 93", "st-maur"):
        session.info.clear()
        assert plans_of(session, lambda typed=typed: resolve_place(session, typed)) == []


def test_the_in_memory_gazetteer_follows_a_new_load(session, tmp_path):
    """A gazetteer loaded again with other content is seen by the next request, without a restart."""
    import csv

    from companion.directory.reference_data import load_communes

    source = ROOT / "data" / "communes.csv"
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    bondy = next(r for r in rows if r["name"] == "Bondy")
    moved = tmp_path / "communes.csv"
    with moved.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, {**bondy, "name": "Bondyville", "insee": "93999", "postcode": "93999"}])
    assert resolve_place(session, "Bondyville").place is None
    assert load_communes(session, moved) == len(rows) + 1
    assert resolve_place(session, "Bondyville").place.label == "Bondyville (93999)"
    assert load_communes(session, moved) == 0  # the same content again: nothing written


def test_every_two_letter_prefix_uses_an_index(session):
    letters = "abcdefghijklmnopqrstuvwxyz"
    prefixes = [a + b for a in letters for b in letters]
    plans = plans_of(session, lambda: [suggest_places(session, p) for p in prefixes])
    assert len(plans) >= len(prefixes) and full_scans(plans) == []

import random

import pytest
from geopy.distance import geodesic
from sqlmodel import select

from companion.directory.kinds import KINDS
from companion.directory.models import Centre
from companion.directory.nearest import geodesic_km, haversine_km, nearest_centres
from companion.directory.places import resolve_place


@pytest.mark.parametrize(
    "town, kind, centre_id, km",
    [
        # Worked out by hand (haversine) from data/centres.csv and the commune centroids in data/communes.csv.
        ("93140", "fertility", "fertility-aphp-jean-verdier", 1.45),
        ("78300", "fertility", "fertility-chi-poissy", 0.66),
        ("92140", "fertility", "fertility-aphp-antoine-beclere", 0.74),
        ("Villejuif", "eri", "eri-villejuif-gustave-roussy", 0.90),
        ("Rambouillet", "sdc", "sdc-ch-rambouillet", 0.14),
        ("Montfermeil", "eri", "eri-montfermeil-ghi", 0.44),
    ],
)
def test_known_nearest_answers(session, town, kind, centre_id, km):
    place = resolve_place(session, town).place
    first = nearest_centres(session, place.lat, place.lon, {kind}, limit=1)[0]
    assert first.centre.id == centre_id
    assert first.distance_km == pytest.approx(km, abs=0.01)


def test_results_are_nearest_first_with_geodesic_distances(session):
    results = nearest_centres(session, 48.8566, 2.3522, limit=10)
    assert len(results) == 10
    distances = [r.distance_km for r in results]
    assert distances == sorted(distances)
    first = results[0]
    assert first.distance_km == pytest.approx(geodesic((48.8566, 2.3522), (first.centre.lat, first.centre.lon)).km)


@pytest.mark.parametrize("kinds", [None, {"paperwork"}])
def test_same_answer_as_a_full_scan_from_anywhere(session, kinds):
    # Every kind together leaves out the help with paperwork, which is offered apart.
    wanted = (lambda c: c.kind == "paperwork") if kinds else (lambda c: not KINDS[c.kind].apart)
    centres = [c for c in session.exec(select(Centre)).all() if c.placed and wanted(c)]  # the others never ranked
    assert centres
    rng = random.Random(7)
    for _ in range(50 if kinds is None else 10):
        lat, lon = rng.uniform(42, 51), rng.uniform(-4.5, 8)
        expected = sorted(centres, key=lambda c: (geodesic((lat, lon), (c.lat, c.lon)).km, c.id))[:5]
        assert [r.centre.id for r in nearest_centres(session, lat, lon, kinds, limit=5)] == [c.id for c in expected]


def test_far_away_origin_still_finds_the_nearest(session):
    results = nearest_centres(session, -33.9, 151.2, {"mis"}, limit=3)  # Sydney
    assert [r.centre.kind for r in results] == ["mis"]
    assert 16_000 < results[0].distance_km < 17_500


def test_kind_filter_and_limit(session):
    results = nearest_centres(session, 48.85, 2.35, {"fertility"}, limit=50)
    listed = session.exec(select(Centre).where(Centre.kind == "fertility")).all()
    assert len(results) == len(listed) == 8 and {r.centre.kind for r in results} == {"fertility"}
    assert len(nearest_centres(session, 48.85, 2.35, {"fertility"}, limit=3)) == 3


def test_haversine_is_close_to_geodesic():
    assert haversine_km(48.85, 2.35, 45.76, 4.84) == pytest.approx(geodesic((48.85, 2.35), (45.76, 4.84)).km, rel=0.005)


def test_the_index_follows_every_change_to_the_directory(session):
    from companion.directory.centre_file import save_centres

    before = nearest_centres(session, 48.8566, 2.3522, {"mis"}, limit=1)[0]
    moved = Centre(**{**before.centre.model_dump(), "id": "mis-new", "lat": 48.8566, "lon": 2.3523})
    save_centres(session, [moved])
    assert nearest_centres(session, 48.8566, 2.3522, {"mis"}, limit=1)[0].centre.id == "mis-new"


def test_an_entry_placed_at_its_town_only_is_never_ranked(session):
    ids = [r.centre.id for r in nearest_centres(session, 48.85659, 2.34292, {"eri"}, limit=10)]
    assert "eri-paris" not in ids and ids


def test_shown_distances_are_geopys_geodesic_within_ten_metres(session):
    """The rows shown are measured with Vincenty's formula: the same kilometres as geopy's geodesic, pair by
    pair, from 120 places to every entry near them (and across the world, for the far cases)."""
    centres = [c for c in session.exec(select(Centre)).all() if c.placed]
    rng = random.Random(25)
    origins = [(rng.uniform(41.3, 51.1), rng.uniform(-5.2, 9.6)) for _ in range(100)]
    origins += [(rng.uniform(-60, 70), rng.uniform(-180, 180)) for _ in range(20)]
    for lat, lon in origins:
        km = geodesic_km(lat, lon, [c.lat for c in centres], [c.lon for c in centres])
        expected = [geodesic((lat, lon), (c.lat, c.lon)).km for c in centres]
        assert max(abs(k - e) for k, e in zip(km, expected, strict=True)) < 0.01
    # Antipodes, where Vincenty's formula can't settle, still get geopy's answer.
    assert geodesic_km(0, 0, [0.0, 0.5], [180.0, 179.7]) == pytest.approx(
        [geodesic((0, 0), (0, 180)).km, geodesic((0, 0), (0.5, 179.7)).km], abs=0.01
    )


def test_a_kind_scanned_whole_answers_as_its_k_d_tree_would():
    """Kinds with few entries are scanned rather than searched through a k-d tree: the same nearest, in the same
    order, and the same "anything within" answer, as the tree over the same points."""
    import numpy as np
    from scipy.spatial import cKDTree

    from companion.directory.index import _Tree, unit_vector

    rng = random.Random(512)
    places = [(rng.uniform(41.3, 51.1), rng.uniform(-5.2, 9.6)) for _ in range(300)]
    points = np.array([unit_vector(lat, lon) for lat, lon in places])
    rows, audiences = np.arange(len(points)), np.array(["any"] * len(points), dtype=object)
    scanned, treed = _Tree(points, rows, audiences), _Tree(points, rows, audiences, tree=cKDTree(points))
    for _ in range(200):
        vector = unit_vector(rng.uniform(41.3, 51.1), rng.uniform(-5.2, 9.6))
        k = rng.choice([1, 2, 10, 300])
        (c1, f1), (c2, f2) = scanned.nearest(vector, k), treed.nearest(vector, k)
        assert f1 == f2 and c1 == pytest.approx(c2, abs=1e-12)
        chord = rng.uniform(0, 0.02)
        assert scanned.any_within(vector, chord) == treed.any_within(vector, chord)

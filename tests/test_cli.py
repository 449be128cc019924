import csv

import pytest
from sqlmodel import func, select

from companion.db import get_session
from companion.directory.models import Centre, Commune
from companion.directory.reference_data import CENTRE_FILES, FRANCE_SERVICES_FILE
from tests.helpers import ROOT

DATA = ROOT / "data"


def rows_in(*names: str) -> int:
    """Data rows of the bundled files (header aside), so the tests follow the data."""
    return sum(len((DATA / name).read_text(encoding="utf-8").splitlines()) - 1 for name in names)


with (DATA / FRANCE_SERVICES_FILE).open(encoding="utf-8", newline="") as f:
    DESKS = sum(1 for _ in csv.DictReader(f))  # some comments run over several lines
CENTRES = rows_in(*CENTRE_FILES) + DESKS
GAZETTEER = rows_in("communes.csv")


def counts(app):
    with app.app_context():
        session = get_session()
        return (
            session.exec(select(func.count()).select_from(Centre)).one(),
            session.exec(select(func.count()).select_from(Commune)).one(),
        )


def test_init_db_on_an_empty_database_then_again_changes_nothing(tmp_path, monkeypatch):
    from companion import create_app

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}", "SECRET_KEY": "t"})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    assert f"{GAZETTEER} gazetteer rows written, {CENTRES} centres loaded" in first.output
    assert counts(app) == (CENTRES, GAZETTEER)
    again = runner.invoke(args=["init-db"])
    assert again.exit_code == 0 and "0 gazetteer rows written" in again.output
    assert counts(app) == (CENTRES, GAZETTEER)


def test_import_centres_is_all_or_nothing(app, runner, tmp_path):
    lines = (DATA / "centres.csv").read_text(encoding="utf-8").splitlines()
    good = lines[0:2]
    bad_file = tmp_path / "bad.csv"
    # A new valid row first, then a bad one on line 3: nothing at all may be written.
    new_row = lines[1].replace("eri-villejuif-gustave-roussy", "eri-new", 1)
    bad_row = lines[2].replace(",eri,", ",spa,", 1)
    bad_file.write_text("\n".join([lines[0], new_row, bad_row]) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import-centres", str(bad_file), "--replace"])
    assert result.exit_code != 0
    assert "line 3, column 'kind'" in result.output and "Nothing was imported" in result.output
    assert counts(app)[0] == CENTRES

    good_file = tmp_path / "good.csv"
    good_file.write_text("\n".join(good) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import-centres", str(good_file), "--replace"])
    assert result.exit_code == 0, result.output
    assert counts(app)[0] == 1


def test_import_centres_refuses_a_file_that_is_not_utf8(app, runner, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((DATA / "centres.csv").read_text(encoding="utf-8").encode("latin-1", "replace"))
    result = runner.invoke(args=["import-centres", str(path)])
    assert result.exit_code != 0
    assert counts(app)[0] == CENTRES


def test_export_centres_round_trips_through_import(app, runner, tmp_path):
    exported = tmp_path / "directory.csv"
    result = runner.invoke(args=["export-centres", str(exported)])
    assert result.exit_code == 0, result.output
    assert len(exported.read_text(encoding="utf-8").splitlines()) == CENTRES + 1
    result = runner.invoke(args=["import-centres", str(exported), "--replace"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["export-centres"])
    assert again.output == exported.read_text(encoding="utf-8")


# --- France services: a newer ANCT list replaces the desks, all or nothing ---------------------------


def anct_file(tmp_path, rows: list[dict], name="liste-fs.csv"):
    with (DATA / FRANCE_SERVICES_FILE).open(encoding="utf-8", newline="") as f:
        header = csv.DictReader(f).fieldnames
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def bundled_desks(count: int) -> list[dict]:
    with (DATA / FRANCE_SERVICES_FILE).open(encoding="utf-8", newline="") as f:
        return [row for _, row in zip(range(count), csv.DictReader(f), strict=False)]


def paperwork(app):
    with app.app_context():
        return {c.id: c for c in get_session().exec(select(Centre).where(Centre.kind == "paperwork"))}


def test_a_newer_anct_list_replaces_the_desks(app, runner, tmp_path):
    rows = bundled_desks(3)
    rows[0] = {**rows[0], "telephone": "04 50 00 00 00", "h_samedi": "09:00 - 12:00"}
    result = runner.invoke(args=["import-france-services", str(anct_file(tmp_path, rows)), "--published", "2025-03-01"])
    assert result.exit_code == 0, result.output
    assert "Imported 3 France services desks (version of 2025-03-01)" in result.output
    desks = paperwork(app)
    assert len(desks) == 3 and counts(app)[0] == CENTRES - DESKS + 3
    first = desks[f"france-services-{rows[0]['id_fs']}"]
    assert first.phone == "04 50 00 00 00" and first.hours.endswith("|09:00 - 12:00")
    assert str(first.checked_on) == "2025-03-01" and "version of 2025-03-01" in first.source
    # init-db afterwards keeps the newer list: the bundled one is older.
    assert runner.invoke(args=["init-db"]).exit_code == 0
    assert len(paperwork(app)) == 3


@pytest.mark.parametrize(
    "change, where",
    [
        ({"latitude": "north"}, "line 3, column 'lat'"),
        ({"h_lundi": "9h-12h"}, "line 3, column 'hours'"),
        ({"format_fs": "Fusée"}, "line 3, column 'format_fs'"),
        ({"code_postal": "7500"}, "line 3, column 'postcode'"),
        ({"id_fs": "1"}, "line 3, column 'id_fs'"),
        ({"lib_fs": ""}, "line 3, column 'name'"),
    ],
)
def test_one_wrong_row_and_nothing_changes(app, runner, tmp_path, change, where):
    rows = bundled_desks(3)
    rows[1] = {**rows[1], **change}
    before = paperwork(app)
    result = runner.invoke(args=["import-france-services", str(anct_file(tmp_path, rows)), "--published", "2025-03-01"])
    assert result.exit_code != 0
    assert where in result.output and "Nothing was imported" in result.output
    assert paperwork(app).keys() == before.keys() and counts(app)[0] == CENTRES


def test_a_file_without_the_expected_columns_is_refused(app, runner, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id_fs,lib_fs\n1,France services\n", encoding="utf-8")
    result = runner.invoke(args=["import-france-services", str(path), "--published", "2025-03-01"])
    assert result.exit_code != 0 and "line 1" in result.output and "latitude" in result.output
    assert counts(app)[0] == CENTRES


def test_the_date_of_the_list_is_required_and_not_in_the_future(app, runner, tmp_path):
    path = anct_file(tmp_path, bundled_desks(1))
    assert runner.invoke(args=["import-france-services", str(path)]).exit_code != 0
    result = runner.invoke(args=["import-france-services", str(path), "--published", "2999-01-01"])
    assert result.exit_code != 0 and "future" in result.output
    assert counts(app)[0] == CENTRES

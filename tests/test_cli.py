from sqlmodel import func, select

from companion.db import get_session
from companion.directory.models import Centre, Commune
from companion.directory.reference_data import CENTRE_FILES
from tests.helpers import ROOT

DATA = ROOT / "data"


def rows_in(*names: str) -> int:
    """Data rows of the bundled files (header aside), so the tests follow the data."""
    return sum(len((DATA / name).read_text(encoding="utf-8").splitlines()) - 1 for name in names)


CENTRES = rows_in(*CENTRE_FILES)
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

import io

import pytest
from sqlmodel import select

from companion.directory.centre_file import CENTRE_COLUMNS, CentreFileError, read_centres, save_centres
from companion.directory.models import Centre

GOOD = {
    "id": "sdc-test",
    "kind": "sdc",
    "name": "Centre douleur test",
    "establishment": "CH Test",
    "address": "1 rue de l'Essai",
    "postcode": "69003",
    "city": "Lyon",
    "departement": "69",
    "phone": "04 00 00 00 00",
    "url": "https://example.org",
    "lat": "45.76",
    "lon": "4.85",
    "coord_precision": "establishment",
    "source": "test",
    "audience": "any",
    "phone_type": "switchboard",
    "checked_on": "2026-01-15",
}


def csv_text(*rows, header=CENTRE_COLUMNS) -> io.StringIO:
    lines = [",".join(header)] + [",".join(f'"{row.get(c, "")}"' for c in header) for row in rows]
    return io.StringIO("\n".join(lines) + "\n")


def test_reads_a_good_file():
    centres = read_centres(csv_text(GOOD, {**GOOD, "id": "eri-test", "kind": "eri"}))
    assert [c.id for c in centres] == ["sdc-test", "eri-test"]
    assert centres[0].lat == 45.76


@pytest.mark.parametrize(
    "change, line, column, words",
    [
        ({"kind": "spa"}, 3, "kind", "not one of"),
        ({"lat": "abc"}, 3, "lat", "not a number"),
        ({"lat": "91"}, 3, "lat", "outside"),
        ({"lon": "nan"}, 3, "lon", "outside"),
        ({"lon": "-181"}, 3, "lon", "outside"),
        ({"name": ""}, 3, "name", "required"),
        ({"id": "Bad Id"}, 3, "id", "lower-case"),
        ({"id": "sdc-test"}, 3, "id", "already used on line 2"),
        ({"postcode": "7500"}, 3, "postcode", "5-digit"),
        ({"url": "javascript:alert(1)"}, 3, "url", "http"),
        ({"coord_precision": "gps"}, 3, "coord_precision", "one of"),
        ({"name": "x" * 201}, 3, "name", "longer than"),
        ({"address": "1 rue\x00 Test"}, 3, "address", "control character"),
        ({"city": "Lyon\tNord"}, 3, "city", "control character"),
        ({"audience": "elderly"}, 3, "audience", "one of"),
        ({"phone_type": ""}, 3, "phone_type", "when there is a phone"),
        ({"phone": "", "phone_type": "direct"}, 3, "phone_type", "empty when there is no phone"),
        ({"checked_on": ""}, 3, "checked_on", "required"),
        ({"checked_on": "31/01/2026"}, 3, "checked_on", "not a date"),
        ({"checked_on": "2999-01-01"}, 3, "checked_on", "future"),
        ({"source": ""}, 3, "source", "required"),
    ],
)
def test_names_line_and_column_of_the_first_bad_row(change, line, column, words):
    with pytest.raises(CentreFileError) as info:
        read_centres(csv_text(GOOD, {**GOOD, "id": "other", **change}))
    assert (info.value.line, info.value.column) == (line, column)
    assert words in info.value.problem
    assert f"line {line}, column '{column}'" in str(info.value)


def test_wrong_header_is_line_1():
    with pytest.raises(CentreFileError) as info:
        read_centres(csv_text(GOOD, header=CENTRE_COLUMNS[:-1]))
    assert info.value.line == 1 and "missing ['checked_on']" in info.value.problem


def test_short_row_and_empty_file():
    with pytest.raises(CentreFileError, match=f"expected {len(CENTRE_COLUMNS)} fields"):
        read_centres(io.StringIO(",".join(CENTRE_COLUMNS) + "\nsdc-x,sdc\n"))
    with pytest.raises(CentreFileError, match="no centres"):
        read_centres(io.StringIO(",".join(CENTRE_COLUMNS) + "\n"))


def test_save_adds_and_updates_or_replaces(session):
    before = len(session.exec(select(Centre)).all())
    save_centres(session, read_centres(csv_text(GOOD)))
    assert len(session.exec(select(Centre)).all()) == before + 1
    save_centres(session, read_centres(csv_text({**GOOD, "name": "Renamed"})))
    assert session.get(Centre, "sdc-test").name == "Renamed"
    save_centres(session, read_centres(csv_text(GOOD)), replace=True)
    assert [c.id for c in session.exec(select(Centre)).all()] == ["sdc-test"]


@pytest.mark.parametrize(
    "bad_row, problem",
    [
        ('sdc-b,sdc,"Na"me,E,1 rue,75014,Paris,75,,,48.8,2.3,establishment,src,any,,,,2020-03-06', "not valid CSV"),
        ('sdc-b,sdc,"Name', "not valid CSV"),
    ],
)
def test_csv_level_errors_name_the_line_of_the_bad_row(bad_row, problem):
    good = "sdc-a,sdc,Name,E,1 rue,75014,Paris,75,,,48.8,2.3,establishment,src,any,,,,2020-03-06"
    text = ",".join(CENTRE_COLUMNS) + "\n" + good + "\n" + bad_row + "\n" + good.replace("sdc-a", "sdc-c") + "\n"
    with pytest.raises(CentreFileError) as info:
        read_centres(io.StringIO(text))
    assert info.value.line == 3 and problem in info.value.problem


def test_export_then_import_changes_nothing(session):
    from companion.directory.centre_file import write_centres

    before = session.exec(select(Centre).order_by(Centre.id)).all()
    out = io.StringIO()
    write_centres(before, out)
    again = read_centres(io.StringIO(out.getvalue()))
    assert [c.model_dump() for c in again] == [c.model_dump() for c in before]
    save_centres(session, again, replace=True)
    out_after = io.StringIO()
    write_centres(session.exec(select(Centre).order_by(Centre.id)).all(), out_after)
    assert out_after.getvalue() == out.getvalue()

"""Both catalogues complete, and in step with the strings in the code and templates."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from companion.config import LANGUAGES
from tests.helpers import ROOT


def catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "_l",
            "-o",
            str(pot),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog(pot) if m.id}


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_catalogue_is_complete_and_in_step(extracted, locale):
    messages = [m for m in catalog(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po") if m.id]
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in messages}
    assert extracted - ids == set(), "strings not in the catalogue: run make extract"
    untranslated = [m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [] and fuzzy == []


# Proper names, written the same in both languages.
SAME_IN_BOTH = {
    "Institut national du cancer (INCa)",
    "Ligue contre le cancer",
    "GPS Cancer",
    "Retour à domicile",
    "La santé par le sport",
    "Département %(code)s",
}


def test_french_translations_differ_from_english(extracted):
    messages = [m for m in catalog(ROOT / "translations/fr/LC_MESSAGES/messages.po") if m.id]
    same = [m.id for m in messages if isinstance(m.id, str) and m.string == m.id and " " in m.id]
    assert set(same) <= SAME_IN_BOTH


def test_french_punctuation_never_starts_a_line():
    """French puts a space before : ? ! ; and inside « »; an ordinary one lets the sign wrap alone."""
    messages = [m for m in catalog(ROOT / "translations/fr/LC_MESSAGES/messages.po") if m.id]
    strings = [s for m in messages for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    wrapping = [s for s in strings if re.search(r"\s(?<![\u00a0\u202f])[:?!;»]|«\s(?<![\u00a0\u202f])", s)]
    assert wrapping == [], "run scripts/apply_translations.py to set the no-break spaces"

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


def test_a_number_never_parts_from_its_unit_in_what_is_urgent():
    """No "38 °C" broken after 38 on a 360 px phone: a no-break space holds every temperature to its unit, and every
    number to its unit in the urgent signs and who to call, in both languages."""
    from companion.assessment.clinical_rules import SCORE_RULES, SIGN_NOTES, TIERS, URGENT_SIGNS
    from companion.assessment.questions import GUIDE_WORDING, TREATMENT_QUESTIONS

    urgent = {s.text for s in URGENT_SIGNS} | {t for tier in TIERS.values() for t in (tier.action, tier.note) if t}
    urgent |= {n for notes in SIGN_NOTES.values() for n in notes} | {r.says for r in SCORE_RULES if r.says}
    urgent |= set(TREATMENT_QUESTIONS.values())  # asked with the signs
    urgent |= {GUIDE_WORDING[t] for t in urgent if t in GUIDE_WORDING}
    parted = re.compile(r"\d (°C|h|hours?|heures?|days?|jours?|weeks?|semaines?|months?|mois|derni\w+)\b")
    for locale in LANGUAGES:
        messages = [m for m in catalog(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po") if m.id]
        texts = [(m.id, m.string) for m in messages if isinstance(m.id, str)]
        assert [s for i, s in texts if re.search(r"\d\s(?<!\u00a0)°C", i + " " + s)] == []
        assert [s for i, s in texts if i in urgent and parted.search(s)] == [], locale
        assert urgent <= {i for i, _ in texts}

"""How an entry's register text is shown to a person, without changing the data.

The national register (FINESS) gives legal names without accents ("Centre Leon Berard"), postal codes that
route mail rather than name a place (CEDEX "69373", "Cs 10059"): kept as the source gives them, shown tidied.
"""

import re

from companion.directory.places import normalise

# Mail-routing codes inside an address: "CS 10059", "BP 27", "TSA 70001". No use to someone going there.
_MAIL_CODE = re.compile(r"[\s,]*\b(?:CS|BP|TSA)\s*\d+\b", re.IGNORECASE)
# Words of a register name that only say what kind of establishment it is.
_GENERIC = frozenset(
    [
        "centre",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "lutte",
        "contre",
        "cancer",
        "regional",
        "clcc",
        "institut",
        "site",
        "hopital",
        "groupe",
    ]
)


def street_address(address: str) -> str:
    """The address without its mail-routing codes ("15 Rue Andre Bocquel Cs 10059" → "15 Rue Andre Bocquel")."""
    return _MAIL_CODE.sub("", address).strip(" ,")


def adds_to_name(establishment: str, name: str) -> bool:
    """Whether the establishment says more than the entry's name: "Centre Leon Berard" adds nothing to
    "Centre Léon Bérard", "AP-HP Hôpital Cochin" adds AP-HP to "… – Hôpital Cochin"."""
    said = set(normalise(name).split())
    return bool(set(normalise(establishment).split()) - said - _GENERIC)

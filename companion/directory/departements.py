"""Départements: which codes exist (from the gazetteer) and the names of those the directory covers."""

import re

from sqlmodel import Session, select

from companion.directory.models import Commune

# Île-de-France, the region of the bundled directory; other départements are shown by code.
NAMES = {
    "75": "Paris",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
}


# What a département code looks like: 01–95, 2A and 2B (Corsica), 971–976 (overseas).
CODE = re.compile(r"\d{2,3}|2[AB]", re.IGNORECASE)


def departement_exists(session: Session, code: str) -> bool:
    if not CODE.fullmatch(code):
        return False
    return session.exec(select(Commune.id).where(Commune.departement == code).limit(1)).first() is not None

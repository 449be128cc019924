"""The gazetteer held in memory for resolving what people type: by postcode, by name, by INSEE code.

Why: resolving a place is on every search's path, and its lookups through the ORM cost more than the
whole nearest search. The gazetteer (35,000 rows, a few MB) changes only when a load replaces it whole,
which writes its digest beside the directory's version: each worker keeps one copy per digest (read with
the version, once per request), shared by every database that holds the same gazetteer. Prefix searches
as people type stay in SQL (places.suggest_places). No Flask here.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, col, select

from companion.directory.departements import NAMES as ILE_DE_FRANCE_NAMES
from companion.directory.models import Commune
from companion.directory.version import directory_state
from companion.kept import Kept

# The gazetteer lists these three cities by arrondissement only; "Paris" alone means the whole city.
CITIES_BY_ARRONDISSEMENT = {"paris": "751", "lyon": "6938", "marseille": "132"}


class Row(NamedTuple):
    """One (commune, postcode) pair that has a position; `rank` orders them as places.py offers them."""

    rank: int
    insee: str
    name: str
    search_name: str
    postcode: str
    departement: str
    lat: float
    lon: float
    population: int


@dataclass
class Gazetteer:
    by_postcode: dict[str, list[Row]] = field(default_factory=dict)
    by_name: dict[str, list[Row]] = field(default_factory=dict)
    by_insee: dict[str, list[Row]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # distinct search names, sorted (for "starts with")
    city_rows: dict[str, list[Row]] = field(default_factory=dict)  # paris, lyon, marseille -> arrondissements
    fuzzy_names: list[str] = field(default_factory=list)  # what a misspelt name is compared with (RapidFuzz)

    def named(self, name: str) -> list[Row]:
        return self.by_name.get(name, [])

    def starting_with(self, prefix: str, limit: int) -> list[Row]:
        """The best `limit` rows whose name starts with `prefix`."""
        found, names = [], self.names
        i = bisect_left(names, prefix)  # walked from there: a slice would copy the rest of France's names
        while i < len(names) and names[i].startswith(prefix):
            found += self.by_name[names[i]]
            i += 1
        return sorted(found)[:limit]


def _build(session: Session) -> Gazetteer:
    columns = (Commune.insee, Commune.name, Commune.search_name, Commune.postcode, Commune.departement)
    rows = session.exec(
        select(*columns, Commune.lat, Commune.lon, Commune.population).where(col(Commune.lat).is_not(None))
    ).all()
    # Île-de-France first (the directory covers it), then the most populous.
    ordered = sorted(rows, key=lambda r: (r.departement not in ILE_DE_FRANCE_NAMES, -r.population, r.insee, r.postcode))
    gazetteer = Gazetteer()
    for rank, r in enumerate(ordered):
        row = Row(rank, *r)
        gazetteer.by_postcode.setdefault(row.postcode, []).append(row)
        gazetteer.by_name.setdefault(row.search_name, []).append(row)
        gazetteer.by_insee.setdefault(row.insee, []).append(row)
        for city, prefix in CITIES_BY_ARRONDISSEMENT.items():
            if row.insee.startswith(prefix):
                gazetteer.city_rows.setdefault(city, []).append(row)
    gazetteer.names = sorted(gazetteer.by_name)
    gazetteer.fuzzy_names = sorted({*gazetteer.names, *CITIES_BY_ARRONDISSEMENT})
    return gazetteer


class _Gazetteers:
    """The gazetteers in use, one per digest (tests open many databases, most holding the same one)."""

    def __init__(self):
        self._kept = Kept(keep=3)

    def get(self, session: Session) -> Gazetteer:
        if "gazetteer" not in session.info:  # once per session (one request)
            # A database loaded before digests were kept is known by its address and highest id.
            key = directory_state(session).gazetteer or (
                f"{session.get_bind().url}#{session.exec(select(func.max(Commune.id))).one()}"
            )
            session.info["gazetteer"] = self._kept.get(key, lambda: _build(session))
        return session.info["gazetteer"]

    def forget(self, session: Session) -> None:
        """After this session loaded a gazetteer: look it up again (by its new digest) on the next resolution."""
        session.info.pop("gazetteer", None)


GAZETTEERS = _Gazetteers()

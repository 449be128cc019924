"""Offline place resolution: postcode or commune name to coordinates, from the gazetteer."""

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import case
from sqlmodel import Session, col, select

from .models import Commune

IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")
# The gazetteer lists these three cities by arrondissement only; "Paris" alone means the whole city.
CITIES_BY_ARRONDISSEMENT = {"paris": "751", "lyon": "6938", "marseille": "132"}
_SUGGESTION = re.compile(r"^(?P<name>.+?)\s*\((?P<postcode>\d{5})\)$")
_ARRONDISSEMENT = re.compile(r"^(?P<city>paris|lyon|marseille)\s*(?P<n>\d{1,2})\s*(?:e|er|eme|ieme|em)?(?:\s+arr\w*)?$")


@dataclass(frozen=True)
class Place:
    name: str
    postcode: str  # empty for a whole city made of arrondissements
    departement: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.postcode})" if self.postcode else self.name


@dataclass(frozen=True)
class Resolution:
    """The place understood from a query, and the other places it could have meant."""

    place: Place | None
    alternatives: list[Place] = field(default_factory=list)


def normalise(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, St/Ste spelt out."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    words = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
    return " ".join(words.get(w, w) for w in text.split())


def _starts_with(column, prefix: str):
    # A plain bound pattern (not `? || '%'`) so SQLite can use the index; see db.py's case_sensitive_like.
    return col(column).like(prefix + "%")


def _place(c: Commune) -> Place:
    return Place(c.name, c.postcode, c.departement, c.lat, c.lon)


def _ranked(query):
    """Île-de-France first (the directory covers it), then the most populous."""
    idf_first = case((col(Commune.departement).in_(IDF_DEPARTEMENTS), 0), else_=1)
    return query.where(col(Commune.lat).is_not(None)).order_by(
        idf_first, col(Commune.population).desc(), Commune.insee, Commune.postcode
    )


def _distinct_communes(rows: list[Commune]) -> list[Place]:
    seen, places = set(), []
    for c in rows:
        if c.insee not in seen:
            seen.add(c.insee)
            places.append(_place(c))
    return places


def _whole_city(session: Session, key: str) -> Place | None:
    prefix = CITIES_BY_ARRONDISSEMENT[key]
    rows = session.exec(select(Commune).where(_starts_with(Commune.insee, prefix), col(Commune.lat).is_not(None))).all()
    weight = sum(c.population for c in rows)
    if not weight:
        return None
    lat = sum(c.lat * c.population for c in rows) / weight
    lon = sum(c.lon * c.population for c in rows) / weight
    return Place(key.capitalize(), "", rows[0].departement, round(lat, 5), round(lon, 5))


def _arrondissement(session: Session, city: str, n: int) -> list[Commune]:
    insee = f"{CITIES_BY_ARRONDISSEMENT[city]}{n:02d}"
    return session.exec(_ranked(select(Commune).where(Commune.insee == insee))).all()


def is_postcode(text: str) -> bool:
    return re.fullmatch(r"\d{5}", text.strip()) is not None


def resolve_place(session: Session, query: str) -> Resolution:
    """Find the place meant by a postcode, a commune name, or a suggestion label."""
    query = query.strip()
    if is_postcode(query):
        rows = session.exec(_ranked(select(Commune).where(Commune.postcode == query))).all()
        places = [Place(c.name, query, c.departement, c.lat, c.lon) for c in rows]
        return Resolution(places[0], places[1:]) if places else Resolution(None)

    suggestion = _SUGGESTION.match(query)
    if suggestion:
        rows = session.exec(
            _ranked(
                select(Commune).where(
                    Commune.postcode == suggestion["postcode"],
                    Commune.search_name == normalise(suggestion["name"]),
                )
            )
        ).all()
        if rows:
            return Resolution(_place(rows[0]))
        query = suggestion["name"]

    name = normalise(query)
    if not name:
        return Resolution(None)
    arrondissement = _ARRONDISSEMENT.match(name)
    if arrondissement and 1 <= int(arrondissement["n"]) <= 20:
        rows = _arrondissement(session, arrondissement["city"], int(arrondissement["n"]))
        if rows:
            return Resolution(_place(rows[0]))

    places = _distinct_communes(session.exec(_ranked(select(Commune).where(Commune.search_name == name))).all())
    if name in CITIES_BY_ARRONDISSEMENT:
        city = _whole_city(session, name)
        if city:
            places.insert(0, city)
    if not places:
        places = _distinct_communes(
            session.exec(_ranked(select(Commune).where(_starts_with(Commune.search_name, name))).limit(40)).all()
        )[:10]
    return Resolution(places[0], places[1:10]) if places else Resolution(None)


def suggest_places(session: Session, prefix: str, limit: int = 8) -> list[Place]:
    """Places whose name or postcode starts with what was typed, best first."""
    prefix = prefix.strip()
    if re.fullmatch(r"\d{2,5}", prefix):
        rows = session.exec(_ranked(select(Commune).where(_starts_with(Commune.postcode, prefix))).limit(limit)).all()
        return [_place(c) for c in rows]
    name = normalise(prefix)
    if len(name) < 2:
        return []
    rows = session.exec(_ranked(select(Commune).where(_starts_with(Commune.search_name, name))).limit(limit * 3)).all()
    places = _distinct_communes(rows)
    cities = [c for c in CITIES_BY_ARRONDISSEMENT if c.startswith(name)]
    for city in cities:
        whole = _whole_city(session, city)
        if whole:
            places.insert(0, whole)
    return places[:limit]

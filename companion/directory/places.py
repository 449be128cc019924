"""Offline place resolution: postcode or commune name to coordinates, from the gazetteer."""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import case
from sqlmodel import Session, col, select

from companion.directory.departements import CODE as DEPARTEMENT_CODE
from companion.directory.gazetteer import CITIES_BY_ARRONDISSEMENT, GAZETTEERS, Row
from companion.directory.models import Commune
from companion.directory.nearest import ILE_DE_FRANCE

_SUGGESTION = re.compile(r"^(?P<name>.+?)\s*\((?P<postcode>\d{5})\)$")
_ARRONDISSEMENT = re.compile(r"^(?P<city>paris|lyon|marseille)\s*(?P<n>\d{1,2})\s*(?:e|er|eme|ieme|em)?(?:\s+arr\w*)?$")
# "Saint Denis 93", "saint-denis 974": a name and its département, as people disambiguate.
_WITH_DEPARTEMENT = re.compile(rf"^(?P<name>.*[a-z].*?)\s+(?P<dep>{DEPARTEMENT_CODE.pattern})$", re.IGNORECASE)
# How close a misspelt name must be to be offered (rapidfuzz's ratio, 0-100), and how many are offered.
NEAR_MISS_SCORE = 60
MAX_SUGGESTIONS = 8


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


def _place(c: Commune | Row) -> Place:
    return Place(c.name, c.postcode, c.departement, c.lat, c.lon)


def _ranked(query):
    """Île-de-France first (the directory covers it), then the most populous."""
    idf_first = case((col(Commune.departement).in_(sorted(ILE_DE_FRANCE)), 0), else_=1)
    return query.where(col(Commune.lat).is_not(None)).order_by(
        idf_first, col(Commune.population).desc(), Commune.insee, Commune.postcode
    )


def _distinct_communes(rows: list[Commune] | list[Row]) -> list[Place]:
    seen, places = set(), []
    for c in rows:
        if c.insee not in seen:
            seen.add(c.insee)
            places.append(_place(c))
    return places


def _whole_city(session: Session, key: str) -> Place | None:
    """Paris, Lyon or Marseille as a whole: the centre of its arrondissements, weighted by who lives there."""
    rows = GAZETTEERS.get(session).city_rows.get(key, [])
    weight = sum(c.population for c in rows)
    if not weight:
        return None
    lat = sum(c.lat * c.population for c in rows) / weight
    lon = sum(c.lon * c.population for c in rows) / weight
    return Place(key.capitalize(), "", rows[0].departement, round(lat, 5), round(lon, 5))


def _arrondissement(session: Session, city: str, n: int) -> list[Row]:
    prefix = CITIES_BY_ARRONDISSEMENT[city]
    return GAZETTEERS.get(session).by_insee.get(prefix + str(n).zfill(5 - len(prefix)), [])  # 75103, 69383


def near_misses(session: Session, name: str, limit: int = MAX_SUGGESTIONS) -> list[Place]:
    """Places whose name is close to a misspelt one: closest first, then Île-de-France, then the most populous."""
    gazetteer = GAZETTEERS.get(session)
    matches = process.extract(name, gazetteer.fuzzy_names, scorer=fuzz.ratio, limit=40, score_cutoff=NEAR_MISS_SCORE)
    if not matches:
        return []
    closeness = {match: score for match, score, _ in matches}
    rows = sorted(row for match in closeness for row in gazetteer.named(match))
    # Scores in steps of 10: within a step, where the directory is and how many live there decide.
    rows = sorted(rows, key=lambda c: -(closeness[c.search_name] // 10))
    places = _distinct_communes(rows)
    for city in sorted(set(closeness) & set(CITIES_BY_ARRONDISSEMENT), key=lambda c: -closeness[c]):
        whole = _whole_city(session, city)
        if whole:
            places.insert(0, whole)
    return places[:limit]


def is_postcode(text: str) -> bool:
    return re.fullmatch(r"\d{5}", text.strip()) is not None


def resolve_place(session: Session, query: str) -> Resolution:
    """Find the place meant by a postcode, a commune name, or a suggestion label."""
    gazetteer = GAZETTEERS.get(session)
    query = query.strip()
    if is_postcode(query):
        places = [_place(c) for c in gazetteer.by_postcode.get(query, [])]
        return Resolution(places[0], places[1:]) if places else Resolution(None)

    suggestion = _SUGGESTION.match(query)
    if suggestion:
        rows = [c for c in gazetteer.named(normalise(suggestion["name"])) if c.postcode == suggestion["postcode"]]
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

    with_departement = _WITH_DEPARTEMENT.match(name)
    if with_departement:
        departement = with_departement["dep"].upper()
        rows = [c for c in gazetteer.named(with_departement["name"]) if c.departement == departement]
        if rows:
            return Resolution(_place(rows[0]), _distinct_communes(rows)[1:10])

    places = _distinct_communes(gazetteer.named(name))
    if name in CITIES_BY_ARRONDISSEMENT:
        city = _whole_city(session, name)
        if city:
            places.insert(0, city)
    if places:
        # Longer names that start the same ("Saint-Maur" → Saint-Maur-des-Fossés) are offered too.
        extra = [p for p in _distinct_communes(gazetteer.starting_with(name + " ", 20)) if p not in places]
        return Resolution(places[0], (places[1:] + extra)[:9])
    # Not a name we know: never pick one silently, offer the closest names ("Bondi" → Bondy). A short
    # start of a name ("pa") is better answered by the names it starts.
    prefixed = suggest_places(session, name, MAX_SUGGESTIONS)
    fuzzy = near_misses(session, name) if len(name) > 2 else []  # two letters are a start, not a misspelling
    first, then = (prefixed, fuzzy) if len(name) < 4 else (fuzzy, prefixed)
    return Resolution(None, (first + [p for p in then if p not in first])[:MAX_SUGGESTIONS])


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

"""Offline place resolution: postcode or commune name to coordinates, from the gazetteer."""

import re
import threading
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import case, func
from sqlmodel import Session, col, select

from companion.directory.departements import CODE as DEPARTEMENT_CODE
from companion.directory.models import Commune
from companion.directory.nearest import ILE_DE_FRANCE

# The gazetteer lists these three cities by arrondissement only; "Paris" alone means the whole city.
CITIES_BY_ARRONDISSEMENT = {"paris": "751", "lyon": "6938", "marseille": "132"}
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


def _place(c: Commune) -> Place:
    return Place(c.name, c.postcode, c.departement, c.lat, c.lon)


def _ranked(query):
    """Île-de-France first (the directory covers it), then the most populous."""
    idf_first = case((col(Commune.departement).in_(sorted(ILE_DE_FRANCE)), 0), else_=1)
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
    prefix = CITIES_BY_ARRONDISSEMENT[city]
    insee = prefix + str(n).zfill(5 - len(prefix))  # 75103, 13203, but 69383
    return session.exec(_ranked(select(Commune).where(Commune.insee == insee))).all()


class _Gazetteer:
    """Distinct commune names held in memory for near-miss matching, rebuilt when the table changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._key = None
        self._names: list[str] = []

    def names(self, session: Session) -> list[str]:
        # The gazetteer is replaced whole by init-db (new ids): its highest id, read from the primary
        # key's index, tells when to rebuild.
        key = (str(session.get_bind().url), session.exec(select(func.max(Commune.id))).one())
        with self._lock:
            if key != self._key:
                rows = session.exec(select(Commune.search_name).where(col(Commune.lat).is_not(None)).distinct())
                self._names, self._key = sorted({*rows, *CITIES_BY_ARRONDISSEMENT}), key
            return self._names


_GAZETTEER = _Gazetteer()


def near_misses(session: Session, name: str, limit: int = MAX_SUGGESTIONS) -> list[Place]:
    """Places whose name is close to a misspelt one: closest first, then Île-de-France, then the most populous."""
    matches = process.extract(
        name, _GAZETTEER.names(session), scorer=fuzz.ratio, limit=40, score_cutoff=NEAR_MISS_SCORE
    )
    if not matches:
        return []
    closeness = {match: score for match, score, _ in matches}
    rows = session.exec(_ranked(select(Commune).where(col(Commune.search_name).in_(list(closeness))))).all()
    # Scores in steps of 10: within a step, where the directory is and how many live there decide.
    rows = sorted(rows, key=lambda c: -(closeness[c.search_name] // 10))
    places = _distinct_communes(rows)
    for city in sorted(set(closeness) & set(CITIES_BY_ARRONDISSEMENT), key=lambda c: -closeness[c]):
        whole = _whole_city(session, city)
        if whole:
            places.insert(0, whole)
    return places[:limit]


def _named(session: Session, name: str, *where) -> list[Commune]:
    """The communes of this normalised name (and conditions), best first."""
    return session.exec(_ranked(select(Commune).where(Commune.search_name == name, *where))).all()


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
        rows = _named(session, normalise(suggestion["name"]), Commune.postcode == suggestion["postcode"])
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
        rows = _named(session, with_departement["name"], Commune.departement == with_departement["dep"].upper())
        if rows:
            return Resolution(_place(rows[0]), _distinct_communes(rows)[1:10])

    places = _distinct_communes(_named(session, name))
    if name in CITIES_BY_ARRONDISSEMENT:
        city = _whole_city(session, name)
        if city:
            places.insert(0, city)
    if places:
        # Longer names that start the same ("Saint-Maur" → Saint-Maur-des-Fossés) are offered too.
        longer = session.exec(_ranked(select(Commune).where(_starts_with(Commune.search_name, name + " "))).limit(20))
        extra = [p for p in _distinct_communes(longer.all()) if p not in places]
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

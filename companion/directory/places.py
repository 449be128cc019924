"""Offline place resolution: postcode or commune name to coordinates, from the gazetteer."""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import case
from sqlmodel import Session, col, select

from companion.directory.departements import CODE as DEPARTEMENT_CODE
from companion.directory.departements import DEPARTEMENTS, REGIONS
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
# A place whose name starts the same (or a homonym) is worth asking about when at least this share of the
# best-known one's population lives there: "Saint-Maur" asks (Saint-Maur-des-Fossés), "Nantes" does not
# (Nantes-en-Ratier has 0.1 % of Nantes' people).
NOTABLE_SHARE = 0.1
# Chefs-lieux the gazetteer lists by arrondissement only.
WHOLE_CITY_INSEE = {"75056": "paris", "69123": "lyon", "13055": "marseille"}
# Words that join a town to its area, as people write it: "Saint-Denis de La Réunion", "Sens en Bourgogne".
_JOINING_WORDS = {"de", "d", "en", "in", "du", "des", "la", "le", "les", "l", "a", "au", "aux"}


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
class Area:
    """A département or a region named instead of a town."""

    kind: str  # "departement" or "region"
    code: str
    name: str


@dataclass(frozen=True)
class Resolution:
    """The place understood from a query, and the other places it could have meant.

    `ask`: the query could mean several places that matter (a postcode of several towns, "Saint-Maur", a
    region): ask which, place and alternatives in that order, before showing anything near one of them.
    `area`: the query named a département (place is its prefecture) or a region (the choices are its
    départements)."""

    place: Place | None
    alternatives: list[Place] = field(default_factory=list)
    ask: bool = False
    area: Area | None = None


@dataclass(frozen=True)
class _Query:
    """What was typed, trimmed, and the name read from it (normalised; a suggestion label's postcode set apart)."""

    text: str
    name: str
    label_postcode: str | None  # "Bondy (93140)" picked from the suggestions


def _read_query(query: str) -> _Query:
    text = query.strip()
    label = _SUGGESTION.match(text)
    if label:
        return _Query(text, normalise(label["name"]), label["postcode"])
    return _Query(text, normalise(text), None)


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


def _without_article(name: str) -> str:
    return re.sub(r"^(la|le|les|l) ", "", name)


def _area_names() -> dict[str, Area]:
    """Normalised names of départements and regions ("creuse", "reunion", "ile de france"): what they mean."""
    names: dict[str, Area] = {}
    for code, name in REGIONS.items():
        for key in {normalise(name), _without_article(normalise(name))}:
            names[key] = Area("region", code, name)
    for d in DEPARTEMENTS.values():  # a region of one département (La Réunion, Guyane…) is that département
        for key in {normalise(d.name), _without_article(normalise(d.name))}:
            names[key] = Area("departement", d.code, d.name)
    return names


AREAS = _area_names()


def departements_of(area: Area) -> list[str]:
    """The codes of the départements an area is made of."""
    if area.kind == "departement":
        return [area.code]
    return [d.code for d in DEPARTEMENTS.values() if d.region == area.code]


def _chef_lieu(session: Session, code: str) -> Place | None:
    insee = DEPARTEMENTS[code].chef_lieu
    if insee in WHOLE_CITY_INSEE:
        return _whole_city(session, WHOLE_CITY_INSEE[insee])
    rows = GAZETTEERS.get(session).by_insee.get(insee, [])
    return _place(rows[0]) if rows else None


def _area_resolution(session: Session, area: Area, homonyms: list[Place]) -> Resolution | None:
    """A département: its prefecture, with the towns of the same name offered. A region: which département?"""
    if area.kind == "departement":
        prefecture = _chef_lieu(session, area.code)
        return Resolution(prefecture, homonyms[:MAX_SUGGESTIONS], area=area) if prefecture else None
    choices = []
    for code in departements_of(area):
        prefecture = _chef_lieu(session, code)
        if prefecture:  # offered by the département's name, which resolves back to its prefecture
            choices.append(Place(DEPARTEMENTS[code].name, "", code, prefecture.lat, prefecture.lon))
    return Resolution(choices[0], choices[1:], ask=True, area=area) if choices else None


def _in_area(session: Session, query: _Query) -> Resolution | None:
    """ "Saint-Denis La Réunion", "Créteil Val-de-Marne": a town followed by its département's or region's name."""
    words = query.name.split()
    gazetteer = GAZETTEERS.get(session)
    for cut in range(1, len(words)):
        area = AREAS.get(" ".join(words[cut:]))
        if area is None:
            continue
        town = words[:cut]
        while len(town) > 1 and town[-1] in _JOINING_WORDS:
            town = town[:-1]
        codes = set(departements_of(area))
        rows = [c for c in gazetteer.named(" ".join(town)) if c.departement in codes]
        if rows:
            places = _distinct_communes(rows)
            return Resolution(places[0], places[1:MAX_SUGGESTIONS])
    return None


def _by_name(session: Session, query: _Query) -> Resolution | None:
    """Communes called by the name read, and those whose name starts with it: the best one, or a question
    when several matter (covered first, then the most populous)."""
    name = query.name
    gazetteer = GAZETTEERS.get(session)
    exact = gazetteer.named(name)
    if not exact:
        return None
    longer = gazetteer.starting_with(name + " ", 20)
    biggest = max(c.population for c in (*exact, *longer))
    notable = {c.insee for c in longer if c.population >= NOTABLE_SHARE * biggest}
    rows = sorted([*exact, *(c for c in longer if c.insee in notable)])
    places = _distinct_communes(rows)
    notable |= {c.insee for c in exact if c.population >= NOTABLE_SHARE * biggest}
    ask = len(notable) > 1 or rows[0].search_name != name
    return Resolution(places[0], places[1 : MAX_SUGGESTIONS + 1], ask=ask)


def is_postcode(text: str) -> bool:
    return re.fullmatch(r"\d{5}", text.strip()) is not None


def _by_postcode(session: Session, query: _Query) -> Resolution | None:
    """Five digits are a postcode, known or not: never read as a name."""
    if not is_postcode(query.text):
        return None
    places = [_place(c) for c in GAZETTEERS.get(session).by_postcode.get(query.text, [])]
    return Resolution(places[0], places[1:], ask=len(places) > 1) if places else Resolution(None)


def _by_label(session: Session, query: _Query) -> Resolution | None:
    """A label picked from the suggestions; a label that matches nothing is read by its name alone."""
    if query.label_postcode is None:
        return None
    rows = [c for c in GAZETTEERS.get(session).named(query.name) if c.postcode == query.label_postcode]
    return Resolution(_place(rows[0])) if rows else None


def _nothing_named(session: Session, query: _Query) -> Resolution | None:
    return None if query.name else Resolution(None)


def _by_arrondissement(session: Session, query: _Query) -> Resolution | None:
    """ "Paris 11e", "Lyon 3", "marseille 8eme arrondissement"."""
    match = _ARRONDISSEMENT.match(query.name)
    if not match or not 1 <= int(match["n"]) <= 20:
        return None
    rows = _arrondissement(session, match["city"], int(match["n"]))
    return Resolution(_place(rows[0])) if rows else None


def _by_name_and_departement(session: Session, query: _Query) -> Resolution | None:
    match = _WITH_DEPARTEMENT.match(query.name)
    if not match:
        return None
    departement = match["dep"].upper()
    rows = [c for c in GAZETTEERS.get(session).named(match["name"]) if c.departement == departement]
    return Resolution(_place(rows[0]), _distinct_communes(rows)[1:10]) if rows else None


def _by_whole_city(session: Session, query: _Query) -> Resolution | None:
    """ "Paris", "Lyon", "Marseille": the whole city, with the towns of the same name offered."""
    city = _whole_city(session, query.name) if query.name in CITIES_BY_ARRONDISSEMENT else None
    if city is None:
        return None
    others = _distinct_communes(GAZETTEERS.get(session).named(query.name))
    return Resolution(city, others[:MAX_SUGGESTIONS])


def _by_area_name(session: Session, query: _Query) -> Resolution | None:
    area = AREAS.get(query.name)
    if area is None:
        return None
    return _area_resolution(session, area, _distinct_communes(GAZETTEERS.get(session).named(query.name)))


def _near_misses_offered(session: Session, query: _Query) -> Resolution:
    """Not a name we know: never pick one silently, offer the closest names ("Bondi" → Bondy). A short start
    of a name ("pa") is better answered by the names it starts."""
    name = query.name
    prefixed = suggest_places(session, name, MAX_SUGGESTIONS)
    fuzzy = near_misses(session, name) if len(name) > 2 else []  # two letters are a start, not a misspelling
    first, then = (prefixed, fuzzy) if len(name) < 4 else (fuzzy, prefixed)
    return Resolution(None, (first + [p for p in then if p not in first])[:MAX_SUGGESTIONS])


# Tried in order: the first that understands the query answers; when none does, the near misses are offered.
_READERS = (
    _by_postcode,
    _by_label,
    _nothing_named,
    _by_arrondissement,
    _by_name_and_departement,
    _by_whole_city,
    _by_area_name,
    _by_name,
    _in_area,
)


def resolve_place(session: Session, query: str) -> Resolution:
    """Find the place meant by a postcode, a commune name, or a suggestion label."""
    read = _read_query(query)
    for reader in _READERS:
        resolution = reader(session, read)
        if resolution is not None:
            return resolution
    return _near_misses_offered(session, read)


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

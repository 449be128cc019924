"""The directory of nearby resources: search page, results fragment, place suggestions."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from urllib.parse import quote, unquote_plus, urlsplit

from babel.numbers import get_decimal_symbol, get_group_symbol
from flask import Blueprint, abort, current_app, g, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from markupsafe import Markup, escape

from companion.assessment.answers import answers_in_progress
from companion.checklist.on_device import listed_here
from companion.db import get_session
from companion.directory.corrections import REASONS, dated_as, report_change
from companion.directory.departements import DEPARTEMENTS, departement_exists, overseas_name
from companion.directory.departements import NAMES as ILE_DE_FRANCE_NAMES
from companion.directory.forms import ReportForm
from companion.directory.gazetteer import GAZETTEERS
from companion.directory.index import SNAPSHOTS
from companion.directory.kinds import (
    AUDIENCES,
    CARE_FOR_KIND,
    DAY_NAMES,
    FERTILITY_DUTY,
    KINDS,
    PHONE_TYPES,
    PRECISIONS,
)
from companion.directory.lookups import (
    UNKNOWN_PLACE,
    address_lookup,
    keep_last_place,
    regional_network,
    remember_place,
    search_network,
)
from companion.directory.models import Centre
from companion.directory.nearest import (
    HELP_MAX_KM,
    NATIONAL_LISTING_URL,
    NEAR_KM,
    centres_in_departement,
    coverage,
    help_anywhere,
    nearest_of_each_kind,
    nearest_paperwork,
    unplaced_near,
)
from companion.directory.places import resolve_place, suggest_places
from companion.directory.register_text import place_postcode
from companion.directory.search import (
    CentreQuery,
    InvalidQuery,
    UnknownPlace,
    default_audience,
    parse_centre_query,
    search_centres,
    typed_place,
)
from companion.translatable import N_
from companion.web.caching import cache
from companion.web.device import in_guide_mode
from companion.web.i18n import refusal_text
from companion.web.limits import limiter
from companion.web.render import CSRF_SLOT, qr_svg, render_for_everyone, render_shared

bp = Blueprint("centres", __name__)
bp.after_app_request(keep_last_place)  # every page may forget the place (a new person), a search keeps it


# Reports are few and considered: a tighter budget than other writes, against a flood for the coordinator.
REPORT_LIMIT = "5 per minute;30 per day"


# The words every entry repeats: translated once per page, not once per entry.
ENTRY_LABELS = {
    "no_phone": N_("No phone number listed"),
    "website": N_("Website"),
    "directions": N_("Directions"),
    "web_directions": N_("Directions on the web"),
    "report": N_("Report a change"),
    "source": N_("Source"),
    "source_note": N_("Where each fact comes from, as recorded for the directory's maintainers (in English):"),
    "premium": N_("This number costs more than a normal call."),
    "add": N_("Add to my checklist"),
    "hours": N_("Opening hours"),
    "roaming": N_("A France services bus: it travels to several towns on set days. Call to know where it stops."),
}


@lru_cache(maxsize=8)
def _entry_words(_locale: str) -> dict:
    """The words every entry repeats, translated once per language (called with the current locale)."""
    return dict(
        labels={key: gettext(text) for key, text in ENTRY_LABELS.items()},
        kind_names={key: gettext(kind.name) for key, kind in KINDS.items()},
        precision_hints={key: gettext(text) for key, text in PRECISIONS.items() if text},
        audience_labels={key: gettext(text) for key, text in AUDIENCES.items() if text},
        phone_hints={key: gettext(t.hint) for key, t in PHONE_TYPES.items()},
        day_names={key: gettext(name) for key, name in DAY_NAMES.items()},
    )


def entry_context() -> dict:
    """What every listing of entries needs to say what each one is, translated once per language."""
    return dict(
        **_entry_words(str(get_locale())),
        add_url=url_for("checklist.add"),
        # Without JavaScript, come back to this very place after adding.
        back_url=g.get("shown_url") or request.full_path.rstrip("?"),
        csrf_value=generate_csrf(),
        kinds=KINDS,
        phone_types=PHONE_TYPES,
        care_for_kind=CARE_FOR_KIND,
        near_km=NEAR_KM,
        help_max_km=HELP_MAX_KM,
        fertility_duty=FERTILITY_DUTY,
        national_map_url=NATIONAL_LISTING_URL,
        directions_url=current_app.config["DIRECTIONS_URL"],
    )


# In search results, an entry's HTML is the same for every search but for these parts, filled per search.
DISTANCE_SLOT, FOUND_NEAR_SLOT, BACK_SLOT = "slot-distance-8d2e", "slot-found-near-8d2e", "slot-back-8d2e"


@pass_context
def listed_entry(context, centre: Centre, km: float | None, found_near: str) -> Markup:
    """One entry of the search results (a fragment made by render_for_everyone), rendered once per directory
    version, language and listing (ranked or not), then completed for this search: its distance, the place
    it was found near and the way back, for the add form without JavaScript."""
    entries = SNAPSHOTS.get(get_session()).memo.setdefault("entries", {})
    key = (centre.id, str(get_locale()), km is None, current_app.config["DIRECTIONS_URL"])
    html = entries.get(key)
    if html is None:
        template = context.environment.get_template("partials/centres/centre.html")
        html = template.render(
            {
                **context.get_all(),
                "item": {"centre": centre},
                "distance": None if km is None else DISTANCE_SLOT,
                "found_near": FOUND_NEAR_SLOT,
                "back_url": BACK_SLOT,
                "csrf_value": CSRF_SLOT,
            }
        )
        entries[key] = html
    if km is not None:
        html = html.replace(DISTANCE_SLOT, escape(distance_words(str(get_locale()))(km)))
    # The cached HTML comes from the autoescaping template; what goes into its slots is escaped here.
    html = html.replace(FOUND_NEAR_SLOT, escape(found_near)).replace(BACK_SLOT, escape(context["back_url"]))
    return Markup(html)  # noqa: S704  # nosec B704


@lru_cache(maxsize=8)
def distance_words(locale: str):
    """'12.3 km away' as this language writes it: translated and its number symbols looked up once per
    language, not through Babel for each distance (the same words as format_decimal(km, "#,##0.0"))."""
    sentence = gettext("%(km)s km away")
    symbols = str.maketrans({".": get_decimal_symbol(locale), ",": get_group_symbol(locale)})
    tenth = Decimal("0.1")

    def words(km: float) -> str:
        # As Babel rounds: the decimal the float prints as, to a tenth, half to even.
        number = f"{Decimal(str(km)).quantize(tenth, ROUND_HALF_EVEN):,}"
        return sentence % {"km": number.translate(symbols)}

    return words


def web_address(url: str, host_only: bool = False) -> str:
    """A web address as people read and type it: no scheme, no trailing slash (or the site alone)."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return host if host_only else (host + parts.path).rstrip("/")


# An entry's add form, as centre.html marks it: <!--add care centre-->…<!--/add-->.
ADD_FORM = re.compile(r"<!--add ([a-z_]+) ([a-z0-9-]+)-->.*?<!--/add-->", re.DOTALL)


def personal_entries(html: str) -> str:
    """Entries shared by everyone, made this person's: in guide mode no "add" (the list is made for the
    person on the checklist, then handed over); a care already in the open notebook says so instead."""
    guide = in_guide_mode()
    listed = {} if guide else listed_here()
    if not guide and not listed:
        return html

    def own(match: re.Match) -> str:
        if guide:
            return ""
        item = listed.get(match[1])
        if item is None:
            return match[0]
        return render_template("partials/checklist/listed.html", listed=item, anchor=f"centre-{match[2]}")

    return ADD_FORM.sub(own, html)


# What an entry's date means, said with it: a register extract is not a check.
DATED_AS = {
    "checked": N_("Checked on %(date)s"),
    "register": N_(
        "Information from the national register of health establishments (FINESS), %(date)s: call before you go."
    ),
    "source": N_("Information from its source, %(date)s: call before you go."),
}
# The same on the printed sheet, where its header says once what the dates are.
DATED_AS_SHORT = {
    "checked": N_("Checked on %(date)s"),
    "register": N_("National register, %(date)s"),
    "source": N_("Source of %(date)s"),
}


def shown_postcode(centre: Centre) -> str:
    """The entry's postcode if it names a place; a CEDEX code (mail routing, "69373 Lyon") is left out."""
    return place_postcode(centre.postcode, GAZETTEERS.get(get_session()).by_postcode)


def geo_uri(centre: Centre) -> str:
    """A geo: link (RFC 5870, with the query Android's and most maps apps read): opens the phone's maps app."""
    return f"geo:{centre.lat},{centre.lon}?q={centre.lat},{centre.lon}({quote(centre.name)})"


def entry_date(centre: Centre, short: bool = False) -> str:
    """'Checked on 2 December 2026', or where the information comes from and how old it is."""
    kind = dated_as(centre)
    if kind == "unknown":
        return gettext("Date of the information: not known. Call before you go.")
    return _entry_date(kind, centre.checked_on, short, str(get_locale()))


@lru_cache(maxsize=256)
def _entry_date(kind: str, day, short: bool, _locale: str) -> str:  # few distinct dates: once per language
    # A check is dated to the day; a source only to the month (its day says nothing to a person).
    when = format_date(day, "long") if kind == "checked" else format_date(day, "MMMM yyyy")
    return gettext((DATED_AS_SHORT if short else DATED_AS)[kind], date=when)


@dataclass(frozen=True)
class Results:
    """The results part of the directory page, rendered once for everyone asking the same thing in the same
    language (render_for_everyone: nothing per person in it), and what the page around it needs."""

    html: str
    status: int
    query: CentreQuery  # as parsed (or, for a bad one, the place as typed): the page's search form
    place: str | None  # for the page's title
    has_results: bool


def audience_by_default() -> str:
    """Whom the pages list for when the person doesn't say (search.default_audience, from the answers kept in
    this browser)."""
    return default_audience(answers_in_progress())


@bp.get("/centres")
def index():
    audience = audience_by_default()
    key = _cache_key(audience)
    results = cache.get(key) if key else None
    if results is None:
        results = _results(audience)
        if results.status == 200 and key:
            cache.set(key, results)
    q = typed_place(request.args)
    if results.status == 200 and q:
        remember_place(q)
    return render_shared(
        personal_entries(results.html),
        "pages/centres.html",
        status=results.status,
        results=results,
        query=results.query,
        kinds=KINDS,
        audience_choices=AUDIENCES,
        tile_url=current_app.config["TILE_URL"],
        tile_attribution=current_app.config["TILE_ATTRIBUTION"],
    )


def _cache_key(audience: str) -> str | None:
    """The question as parsed, not as written: however it is spelt in the address (parameters in another order,
    unknown ones added, spaces), one entry; a question that can't be parsed is never cached. The parsed question
    holds whom it lists for, which may come from this person's answers (audience_by_default)."""
    try:
        return f"centres:{get_locale()}:{parse_centre_query(request.args, default_audience=audience)!r}"
    except InvalidQuery:
        return None


def _results(audience: str) -> Results:
    status, error, search, suggestions = 200, None, None, []
    try:
        query = parse_centre_query(request.args, default_audience=audience)
    except InvalidQuery as exc:
        query = CentreQuery(q=typed_place(request.args))
        status, error = 400, refusal_text(exc)
    else:
        if query.has_origin:
            try:
                search = search_centres(get_session(), query, address_lookup(), ask_which=True)
            except UnknownPlace as exc:
                status, error, suggestions = 422, gettext(UNKNOWN_PLACE, q=query.q), exc.suggestions
    html = render_for_everyone(
        "partials/centres/results.html",
        query=query,
        search=search,
        question=which_place(query.q, search) if search and search.choices else None,
        error=error,
        suggestions=suggestions,
        network=search_network(search, query),
        **entry_context(),
    )
    place = search.origin.label if search and search.origin else None
    return Results(html, status, query, place, bool(search and (search.listable or search.unplaced)))


@bp.get("/sheet")
def sheet():
    """A one-page printable sheet of the nearest resources of each kind, for a commune or postcode."""
    q = typed_place(request.args)
    audience = (request.args.get("audience") or "").strip() or audience_by_default()
    if audience not in AUDIENCES:
        return render_template(
            "pages/sheet.html",
            place=None,
            q=q,
            error=gettext("audience must be adults, children or any."),
            suggestions=[],
            **_sheet_context(),
        ), 400
    g.sheet_audience = audience
    if not q:
        return render_template(
            "pages/sheet.html", place=None, q="", error=None, suggestions=[], **_sheet_context()
        ), 200
    resolution = resolve_place(get_session(), q)
    if resolution.place is None:
        error = gettext(UNKNOWN_PLACE, q=q)
        return render_template(
            "pages/sheet.html", place=None, q=q, error=error, suggestions=resolution.alternatives, **_sheet_context()
        ), 404
    if resolution.ask:  # one sheet is for one place: which one?
        return render_template(
            "pages/sheet.html",
            place=None,
            q=q,
            error=None,
            suggestions=[resolution.place, *resolution.alternatives],
            **{**_sheet_context(), "question": which_place(q, resolution)},
        )
    place, session_ = resolution.place, get_session()
    local = [key for key, kind in KINDS.items() if not kind.national]
    covered = coverage(session_, place.lat, place.lon)
    return render_template(
        "pages/sheet.html",
        place=place,
        q=q,
        error=None,
        # Printed to be typed: accents and spaces as people write them, not percent-encoded.
        live_url=unquote_plus(url_for(".index", q=place.label, _external=True)),
        # Only what is near: a far place is not "supportive care near" this town.
        groups={
            kind: [r for r in results if r.distance_km <= NEAR_KM]
            for kind, results in nearest_of_each_kind(
                session_, place.lat, place.lon, local, per_kind=2, audience=None if audience == "any" else audience
            ).items()
        },
        coverage=covered,
        overseas=overseas_name(place.departement),
        help=[] if covered.complete else help_anywhere(session_, place.lat, place.lon),
        unplaced=unplaced_near(session_, place.lat, place.lon),
        network=regional_network(place.departement),
        paperwork=nearest_paperwork(session_, place.lat, place.lon, count=1),  # one page: the nearest only
        where=place.label,
        **_sheet_context(),
    )


@bp.get("/sheet/qr.svg")
def sheet_qr():
    """QR code of the live list for a place, made here (no outside service)."""
    place = resolve_place(get_session(), typed_place(request.args)).place
    if place is None:
        abort(404)
    return qr_svg(url_for(".index", q=place.label, _external=True))


def which_place(q: str, resolution) -> str:
    """The question asked when a query could mean several places."""
    if resolution.area:
        return gettext("%(region)s is a region. Choose a département:", region=resolution.area.name)
    if q.isdigit():
        return gettext("Several towns share the postcode %(postcode)s. Choose yours:", postcode=q)
    return gettext("Several places are called “%(name)s”. Choose yours:", name=q)


def _sheet_context():
    return dict(
        today=datetime.now(UTC),
        question=None,
        audience=g.get("sheet_audience", "adults"),
        audience_choices=AUDIENCES,
        **entry_context(),
    )


def _centre_or_404(centre_id: str) -> Centre:
    centre = get_session().get(Centre, centre_id[:80])
    if centre is None:
        abort(404)
    return centre


@bp.route("/centres/<centre_id>/report", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, methods=["POST"])
def report(centre_id: str):
    """Report a change to one entry: kept for a coordinator to check; nothing changes publicly before."""
    centre = _centre_or_404(centre_id)
    form = ReportForm()
    if form.validate_on_submit():
        report_change(get_session(), centre, form.reason.data, form.details.data, datetime.now(UTC))
        return render_template("pages/report.html", centre=centre, form=None, reasons=REASONS, **entry_context())
    status = 422 if form.is_submitted() else 200
    return render_template("pages/report.html", centre=centre, form=form, reasons=REASONS, **entry_context()), status


@bp.get("/departements/<code>")
def departement(code: str):
    code = code.upper()
    if not departement_exists(get_session(), code):
        abort(404)
    return personal_entries(
        render_template(
            "pages/departement.html",
            code=code,
            name=DEPARTEMENTS[code].name if code in DEPARTEMENTS else "",
            centres=centres_in_departement(get_session(), code),
            departements=ILE_DE_FRANCE_NAMES,
            **entry_context(),
        )
    )


@bp.get("/centres/places")
def places():
    """Suggestions for the place field (a <datalist>'s options)."""
    q = typed_place(request.args)
    return render_template("partials/centres/place_options.html", places=suggest_places(get_session(), q))

"""How the directory's entries are shown wherever they are listed (search results, the printed sheet, a
département's page, a report): the words they repeat translated once per language, each search result's HTML
rendered once per directory version and completed per search, and what each entry says of itself.

Like lookups.py, this module reads the request (its language, the open notebook, guide mode): it renders."""

import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from urllib.parse import quote, urlsplit

from babel.numbers import get_decimal_symbol, get_group_symbol
from flask import current_app, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from markupsafe import Markup, escape

from companion.checklist.on_device import listed_here
from companion.db import get_session
from companion.directory.corrections import dated_as
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
from companion.directory.models import Centre
from companion.directory.nearest import HELP_MAX_KM, NATIONAL_LISTING_URL, NEAR_KM
from companion.directory.register_text import street_address
from companion.translatable import N_
from companion.web.device import in_guide_mode
from companion.web.render import BACK_SLOT, CSRF_SLOT, way_back

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


def kinds_named(kinds: tuple[str, ...]) -> Markup:
    """Kinds of resource by their short names, in lower case, in a line ("pain, information space"): what the
    coverage note says a place lacks, put together once per language and kinds."""
    return _kinds_named(tuple(kinds), str(get_locale()))


@lru_cache(maxsize=64)
def _kinds_named(kinds: tuple[str, ...], _locale: str) -> Markup:
    # The catalogue's words, as the templates' _() gives them (Markup: what goes round them escapes nothing more).
    return Markup(", ".join(gettext(KINDS[key].short).lower() for key in kinds))  # noqa: S704  # nosec B704


def entry_context(shared: bool = False) -> dict:
    """What every listing of entries needs to say what each one is, translated once per language. `shared`: for
    render_for_everyone, which puts slots in place of this person's CSRF token and way back."""
    return dict(
        **_entry_words(str(get_locale())),
        add_url=url_for("checklist.add"),
        # Without JavaScript, come back to this very place after adding.
        **({} if shared else {"back_url": way_back(), "csrf_value": generate_csrf()}),
        kinds=KINDS,
        phone_types=PHONE_TYPES,
        care_for_kind=CARE_FOR_KIND,
        near_km=NEAR_KM,
        help_max_km=HELP_MAX_KM,
        fertility_duty=FERTILITY_DUTY,
        national_map_url=NATIONAL_LISTING_URL,
        directions_url=current_app.config["DIRECTIONS_URL"],
    )


FOUND_NEAR, FOUND_NEAR_ME = N_("Found near %(place)s"), N_("Found near my position")


def found_near(place: str) -> str:
    """ "Found near" a place, or near my position for "": said with each entry a search lists, and posted with
    it to the checklist, where it is kept as words (checklist/reasons.py)."""
    return gettext(FOUND_NEAR, place=place) if place else gettext(FOUND_NEAR_ME)


# In search results, an entry's HTML is the same for every search but for these parts, filled per search. A "<"
# that no escaped text holds: an entry whose name or address spells a slot is shown as written, never filled.
DISTANCE_SLOT = Markup("<slot-distance-8d2e>")  # noqa: S704  # nosec B704
FOUND_NEAR_SLOT = Markup("<slot-found-near-8d2e>")  # noqa: S704  # nosec B704


@pass_context
def entry_lister(context, found_near: str) -> Callable[..., Markup]:
    """What lists one search's entries (in a fragment made by render_for_everyone), a list at a time: each
    entry's HTML rendered once per directory version, language and listing (ranked or not), then completed for
    this search with its distance, the place it was found near and the way back (for the add form without
    JavaScript). What every entry of the search shares is looked up once, here."""
    entries = SNAPSHOTS.get(get_session()).memo.entries
    locale = context["locale"]  # the page's language, looked up once per page (language_links)
    directions, distance = current_app.config["DIRECTIONS_URL"], distance_words(locale)
    script_root = request.script_root  # where the app is mounted: its links start with it
    # The kept HTML comes from the autoescaping template; what goes into its slots is escaped here. In a shared
    # fragment the way back is itself a slot (render_for_everyone), filled for each response.
    near, back = str(escape(found_near)), str(escape(context["back_url"]))

    def kept(centre: Centre, ranked: bool) -> str:
        key = (centre.id, locale, not ranked, directions, script_root)
        html = entries.get(key)
        if html is None:
            # As an include renders: the results' own context shared as it is (not copied name by name), with
            # this entry's names over it.
            template = context.environment.get_template("partials/directory/centre.html")
            slots = {
                "item": {"centre": centre},
                "distance": DISTANCE_SLOT if ranked else None,
                "found_near": FOUND_NEAR_SLOT,
                "back_url": BACK_SLOT,
                "csrf_value": CSRF_SLOT,
            }
            shared = template.new_context(context.get_all(), shared=True, locals=slots)
            html = entries[key] = "".join(template.root_render_func(shared))
        return html

    def listed(items: list, ranked: bool = True) -> Markup:
        """The entries of one list, in its order: NearbyCentre items, or Centre items when not `ranked`."""
        html = "".join(
            kept(item.centre, True).replace(DISTANCE_SLOT, escape(distance(item.distance_km)))
            if ranked
            else kept(item, False)
            for item in items
        )
        return Markup(html.replace(FOUND_NEAR_SLOT, near).replace(BACK_SLOT, back))  # noqa: S704  # nosec B704

    return listed


@lru_cache(maxsize=8)
def distance_words(locale: str):
    """'12.3 km away' as this language writes it: translated and its number symbols looked up once per
    language, not through Babel for each distance (the same words as format_decimal(km, "#,##0.0"))."""
    sentence = gettext("%(km)s km away")
    symbols = str.maketrans({".": get_decimal_symbol(locale), ",": get_group_symbol(locale)})
    tenth = Decimal("0.1")

    def words(km: float) -> str:
        # As Babel rounds: the decimal the float prints as (its repr), to a tenth, half to even. A repr with more
        # than two decimals has no tie between it and the float (the tie, shorter, would have been the repr),
        # so formatting the float itself gives the same tenth, without a Decimal (a twelfth of a results page).
        text = repr(km)
        if "e" in text or "n" in text or len(text) - text.find(".") <= 3:
            number = f"{Decimal(text).quantize(tenth, ROUND_HALF_EVEN):,}"
        else:
            number = f"{km:,.1f}"
        return sentence % {"km": number.translate(symbols)}

    return words


def web_address(url: str, host_only: bool = False) -> str:
    """A web address as people read and type it: no scheme, no trailing slash (or the site alone)."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return host if host_only else (host + parts.path).rstrip("/")


# An entry's add form, as centre.html marks it: <!--add care centre-->…<!--/add-->.
ADD_FORM = re.compile(r"<!--add ([a-z_]+) ([a-z0-9-]+)-->.*?<!--/add-->", re.DOTALL)


def personal_entries(html: str | bytes) -> str | bytes:
    """Entries shared by everyone, made this person's: in guide mode no "add" (the list is made for the
    person on the checklist, then handed over); a care already in the open notebook says so instead.
    `html` in UTF-8 comes back as it is when nothing is this person's (else as text)."""
    guide = in_guide_mode()
    listed = {} if guide else listed_here()
    if not guide and not listed:
        return html
    if isinstance(html, bytes):
        html = html.decode()

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


def address_line(centre: Centre) -> Markup:
    """An entry's address on one line, its register text tidied (no mail-routing code); an entry placed at its
    town only says so."""
    if not centre.address:
        return Markup("{} · {}").format(centre.city, gettext("Address to be confirmed: call before you go."))
    # The postcode if it names a place (the gazetteer knows it): a CEDEX code ("69373 Lyon") only routes mail.
    postcode = centre.postcode if centre.postcode in GAZETTEERS.get(get_session()).by_postcode else ""
    return Markup("{}, {}{}").format(street_address(centre.address), f"{postcode} " if postcode else "", centre.city)


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

"""Every name a template may use without its view passing it, registered on the app here and nowhere else.

A name found in a template but in no view's render call is one of these (or Jinja's own words functions, `_`
and `gettext`, which web/i18n.py installs with the language); each says why it is app-wide.
The functions live with their part; only the registration is gathered (this module is wiring, like
create_app, so it may import any part)."""

from flask import Flask
from flask_babel import gettext

from companion.assessment import clinical_rules
from companion.assessment.answers import worded
from companion.assessment.rendering import phone_list
from companion.cares.helplines import (
    HELPLINES,
    LIGUE,
    LIGUE_SOURCE,
    LIGUE_SUPPORTIVE_CARE,
    LIGUE_SUPPORTIVE_CARE_SHORT,
    LIGUE_URL,
)
from companion.checklist.notebook import CODE_LENGTH, MAX_NOTE, MAX_TITLE, MAX_TYPED_CODE
from companion.checklist.on_device import current_notebook, listed_here
from companion.checklist.reasons import because, reason_text
from companion.directory.departements import departement_name
from companion.directory.entries import (
    address_line,
    entry_date,
    entry_lister,
    found_near,
    geo_uri,
    kinds_named,
    web_address,
)
from companion.directory.kinds import AUDIENCES
from companion.directory.lookups import audience_by_default, last_place
from companion.directory.nearest import outside_ile_de_france
from companion.directory.register_text import adds_to_name
from companion.directory.search import MAX_QUERY_LENGTH
from companion.pages.forms import MAX_TYPED_PHONE
from companion.phones import is_premium_rate, tel_uri
from companion.web.assets import service_worker_url
from companion.web.device import in_guide_mode, team_phone
from companion.web.i18n import elide, language_links
from companion.web.render import once_per_language

FILTERS = {
    "tel_uri": tel_uri,  # every number shown is a link to call it
    "is_premium_rate": is_premium_rate,  # a costly number is said to be one wherever it is shown
    "translated": gettext,  # lists of catalogue strings (N_): {{ items|map('translated')|join(', ') }}
    "elide": elide,  # long names cut the same way in every list
    "departement_name": departement_name,  # the coverage note names départements, not codes
    "outside_ile_de_france": outside_ile_de_france,  # ...and Île-de-France as one
    "adds_to_name": adds_to_name,  # an establishment is named only when it says more than the entry's name
    "web_address": web_address,  # a website as people read it, on entries, sources and helplines
    "address_line": address_line,  # an address without mail-routing codes (CEDEX), wherever an entry is shown
    "geo_uri": geo_uri,  # the phone's maps app opens on an entry, wherever an entry is shown
    "entry_date": entry_date,  # every entry shown says how old its information is
    "kinds_named": kinds_named,  # the kinds a place lacks, named alike in results and on the printed sheet
    "reason": reason_text,  # a checklist item's stored reason, in the page's language, wherever items are shown
}

GLOBALS = {
    # The longest text each field takes, said to the browser (maxlength) from the rule the server applies.
    "max_length": {"title": MAX_TITLE, "note": MAX_NOTE, "code": MAX_TYPED_CODE, "phone": MAX_TYPED_PHONE},
    "code_length": CODE_LENGTH,  # a notebook code's length, said where a code is typed
    "audience_choices": AUDIENCES,  # the "who is it for" choice, on every search form
    "audience_by_default": audience_by_default,  # whom a search lists for, from the answers in this browser
    "entry_lister": entry_lister,  # one search's results, each rendered once per directory version, completed per search
    "listed_here": listed_here,  # add buttons say what this device's notebook already lists
    "notebook_here": current_notebook,  # guide mode's banner says which notebook is open
    "phone_list": phone_list,  # who to call, with each tier of urgent signs: the urgent pages, cards, results
    "because": because,  # why a care is suggested: said on the results, posted to the checklist, shown again there
    "found_near": found_near,  # where an entry was found: said in the directory, posted to the checklist, shown again
    "worded": worded,  # questions about "the person" in guide mode, or when a loved one answers
    # The lines to talk to someone: the caregivers' page, the directory, the sheet, the urgent pages.
    "helplines": HELPLINES,
    "ligue_name": LIGUE,
    "ligue_supportive_care": LIGUE_SUPPORTIVE_CARE,
    "ligue_supportive_care_short": LIGUE_SUPPORTIVE_CARE_SHORT,
    "ligue_url": LIGUE_URL,
    "ligue_source": LIGUE_SOURCE,
    "once_per_language": once_per_language,  # the helplines block, the same for everyone in a language
}


def device_preferences() -> dict:
    """Kept in cookies on the device only: the cancer team's number (shown with urgent help everywhere), and
    guide mode for volunteers (it changes the wording of every page)."""
    return {"team_phone": team_phone(), "guide": in_guide_mode()}


def clinical_rules_table() -> dict:
    """Urgent signs, tiers and numbers: every page that shows urgent help renders from this one table."""
    return {"rules": clinical_rules}


def place_asked() -> dict:
    """The place last searched in this browser session, offered again wherever a place is asked for, and
    how long a place name may be."""
    return {"last_place": last_place(), "max_place_length": MAX_QUERY_LENGTH}


CONTEXT_PROCESSORS = (
    language_links,  # the language switch on every page links to this page in the other language
    device_preferences,
    clinical_rules_table,
    place_asked,
    service_worker_url,  # every page registers the offline worker under its current version
)


def register(app: Flask):
    for name, function in FILTERS.items():
        app.add_template_filter(function, name)
    app.jinja_env.globals.update(GLOBALS)
    for processor in CONTEXT_PROCESSORS:
        app.context_processor(processor)

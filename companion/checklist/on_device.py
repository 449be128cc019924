"""The notebook open on this device.

A person's own phone keeps their notebook's code in a __Host- cookie. A volunteer's phone (guide mode) is
passed from person to person, so it never does: the list made for the person is held in the sealed session
only until it is handed over (its code and QR code shown once), then forgotten; it is also forgotten after
the same idle time as answers in progress, and when the next person starts. The phone owner's own notebook,
if any, stays hidden in guide mode.
"""

import time

from flask import abort, g, request, session, url_for
from markupsafe import Markup
from sqlalchemy import Row

from companion.assessment.answers import IDLE_MINUTES
from companion.checklist.models import ChecklistItem
from companion.checklist.notebook import find_notebook, grouped, items_of, normalise_code
from companion.db import get_session
from companion.web.device import forget_cookie, in_guide_mode, keep_cookie
from companion.web.limits import code_attempt_allowed
from companion.web.render import qr_markup

COOKIE = "__Host-notebook"
PERSON_LIST, PERSON_LIST_AT = "person_list", "person_list_at"


def _person_list_code() -> str | None:
    """The code of the list being made for the person in guide mode, unless it sat idle too long."""
    code, touched = session.get(PERSON_LIST), session.get(PERSON_LIST_AT)
    if not code:
        return None
    if not isinstance(touched, int) or time.time() - touched > IDLE_MINUTES * 60:
        forget_person_list()
        return None
    if time.time() - touched > 60:  # still in use (at most one cookie update a minute)
        session[PERSON_LIST_AT] = int(time.time())
    return code


def forget_person_list():
    session.pop(PERSON_LIST, None)
    session.pop(PERSON_LIST_AT, None)
    _forget_found()


def _forget_found():
    """What this request found open is not shown after it was closed (the page rendered afterwards)."""
    g.pop("notebook", None)
    g.pop("items_here", None)


def open_code() -> str | None:
    """The code of the notebook open here: the person's list in guide mode, else the cookie's."""
    return _person_list_code() if in_guide_mode() else request.cookies.get(COOKIE)


def _opened_by(code: str) -> Row | None:
    notebook = find_notebook(get_session(), code)
    if notebook is None and not code_attempt_allowed():  # a forged cookie is a try at a code, like a typed one
        abort(429)
    return notebook


def current_notebook() -> Row | None:
    """The notebook open on this device, as a row (see find_notebook), or None."""
    if "notebook" not in g:
        code = open_code()
        g.notebook = _opened_by(code) if code else None  # no code: no database session
        if code and g.notebook is None:  # a code that opens nothing (deleted, purged): tried once, then dropped
            g.stale_notebook = True
    return g.notebook


def own_notebook_code() -> str | None:
    """The code of this phone's own notebook (its cookie), if it opens one: hidden in guide mode, yet still here.
    Looked up once per request (asking whether to close it, then showing its code)."""
    if not in_guide_mode():  # then it is the notebook open here, already looked up
        return open_code() if current_notebook() is not None else None
    if "own_notebook_code" not in g:
        code = request.cookies.get(COOKIE)
        g.own_notebook_code = code if code and _opened_by(code) is not None else None
    return g.own_notebook_code


def shown_code(code: str) -> str:
    """A code as shown to a person (in groups, easier to copy) and as put in the link that opens it."""
    return grouped(normalise_code(code) or "")


def code_qr(code: str) -> Markup:
    """The QR code of the link that opens the notebook of `code`, to put in a page shown once."""
    return qr_markup(url_for("checklist.open_notebook", code=shown_code(code), _external=True))


def forget_stale_notebook(response):
    """A deleted or purged notebook's code is dropped, so it is tried only once."""
    replaced = any(c.startswith(f"{COOKIE}=") for c in response.headers.getlist("Set-Cookie"))
    if g.get("stale_notebook") and not replaced:
        if in_guide_mode():
            forget_person_list()
        else:
            forget_cookie(response, COOKIE)
    return response


def keep_open(response, code: str | None):
    """Keep a new (or newly opened) notebook open here: in guide mode only until it is handed over."""
    if not code:
        return response
    if in_guide_mode():
        session[PERSON_LIST], session[PERSON_LIST_AT] = code, int(time.time())
        return response
    return keep_cookie(response, COOKIE, code, days=400)


def close_here(response):
    """Close whatever notebook is open on this device (the cookie and the person's list); it stays in
    Companion for whoever has its code. The offline copy (the service worker's caches) goes too."""
    forget_person_list()
    forget_cookie(response, COOKIE)
    g.notebook = None  # the cookie this request came with opens nothing any more
    response.headers["Clear-Site-Data"] = '"storage", "cache"'
    return response


def items_here() -> list[ChecklistItem]:
    """The items of the notebook open here (none when nothing is open)."""
    if "items_here" not in g:
        notebook = current_notebook()
        g.items_here = items_of(get_session(), notebook) if notebook else []
    return g.items_here


def listed_here() -> dict[str, ChecklistItem]:
    """The cares in the notebook open here, by care key."""
    return {i.care_key: i for i in items_here() if i.care_key}

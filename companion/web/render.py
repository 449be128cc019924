"""Page or fragment: the one place that reads htmx's request headers and sets its response headers."""

import io
from collections.abc import Callable

import segno
from flask import Response, current_app, g, make_response, redirect, render_template, request
from flask_babel import get_locale
from flask_htmx import HTMX
from flask_htmx import make_response as htmx_response
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from companion.kept import Bounded
from companion.web.assets import files_fixed
from companion.web.i18n import language_switch
from companion.web.slots import Shell, Slots

htmx = HTMX()


def is_partial() -> bool:
    """True for an htmx swap into an element; boosted, history and plain requests need the page.

    htmx 4 says which with HX-Request-Type (which Flask-HTMX 0.4 doesn't know). A request with HX-Request
    alone (older htmx, a script, the documented contract) gets the fragment too, unless it is boosted or
    restores history.
    """
    # Flask-HTMX's answers, read straight from the WSGI environment (HX-Request is HTTP_HX_REQUEST there, as
    # request.headers reads it): asked twice per response, through three proxies and header lookups each time.
    environ = request.environ
    if environ.get("HTTP_HX_REQUEST") != "true":
        return False
    kind = environ.get("HTTP_HX_REQUEST_TYPE")
    if kind is not None:
        return kind == "partial"
    return not (environ.get("HTTP_HX_BOOSTED") == "true" or environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true")


def _vary(response):
    response.vary.update(("HX-Request", "HX-Request-Type"))
    return response


# The per-person parts a shared fragment may hold, in its no-JavaScript forms: the CSRF token, and the way back
# (this request's address as it was written: its spelling and any other parameter are this person's, while the
# cache answers everyone whose question parses the same). They are rendered as these slots and filled for each
# response, so a cache only ever holds what anyone may see. A "<" no escaped text holds: a place typed as a
# slot is shown as typed, never filled.
CSRF_SLOT, BACK_SLOT = Markup("<slot-csrf-3f9c1e>"), Markup("<slot-back-3f9c1e>")  # noqa: S704  # nosec B704
CSRF_SLOT_BYTES, BACK_SLOT_BYTES = CSRF_SLOT.encode(), BACK_SLOT.encode()


def _render_plain(fragment: str, **values) -> str:
    """`fragment` rendered with `values`, the page's language (`locale`) and the app's template globals and filters,
    but none of the context processors: nothing of this person (guide mode, the team number, the place last
    searched) is even within the template's reach."""
    return current_app.jinja_env.get_template(fragment).render({**values, "locale": str(get_locale())})


def render_for_everyone(fragment: str, **context) -> str:
    """Render a fragment that may be cached and served to anyone asking the same thing: slots for `csrf_value`
    and `back_url`, and nothing of the person asking (_render_plain)."""
    return _render_plain(fragment, **context, csrf_value=CSRF_SLOT, back_url=BACK_SLOT)


def way_back() -> str:
    """The address of the page this request shows (the one htmx pushes, if any): where a form without
    JavaScript comes back to."""
    return g.get("shown_url") or request.full_path.rstrip("?")


ONCE_KEPT = 512  # a few dozen in practice (partials × languages × values); a bound in any case


def once_per_language(fragment: str, **values) -> Markup:
    """A partial that reads nothing of the request or the person (the helplines): rendered once per language
    and `values` (few, chosen by the code), with nothing else within its reach (_render_plain), then the same
    HTML for every page that shows it."""
    key = (fragment, str(get_locale()), tuple(sorted(values.items())))
    return Bounded.of(current_app.extensions, "once_per_language", ONCE_KEPT).get(
        key,
        lambda: Markup(_render_plain(fragment, **values)),  # noqa: S704  # nosec B704  # the template escaped it
    )


def render_shared(
    fragment: str | bytes, page: str, status: int = 200, shape: tuple | None = None, filled=None, **context
):
    """Like render(), for a fragment made by render_for_everyone() (and perhaps cached): an htmx swap gets
    it as it is, the full page embeds it as `fragment`; this person's CSRF token and way back fill its slots.
    The full page is rendered by render_shell() with `shape` and `filled` (whole when `shape` is None). The fragment
    comes in UTF-8 (encoded once, when it was cached) or as text (made this person's): its slots are filled in
    UTF-8, and a swap, or a page from its shell, sends it with no text decoded or encoded again (encoding a page
    of results in French, curly apostrophes and all, was a fifteenth of a cached search)."""
    token, back = generate_csrf(), escape(way_back())
    if isinstance(fragment, str):
        fragment = fragment.encode()
    fragment = fragment.replace(CSRF_SLOT_BYTES, token.encode()).replace(BACK_SLOT_BYTES, back.encode())
    if is_partial():
        return _vary(make_response(fragment + str(language_switch(oob=True)).encode(), status))
    filled = {**(filled or {}), "fragment": fragment}
    return _vary(make_response(render_shell(page, shape, filled, swapped=False, **context), status))


# A page's shell: the page rendered around slots for what each request fills in (render_shell), kept per app for
# the few dozen shapes a page takes (language, filters), the oldest dropped first.
SHELLS_KEPT = 256
# Names base.html calls rather than reads: their slot is what the call returns.
CALLED = ("csrf_token", "language_switch")


def _utf8(value) -> bytes:
    """A value for a slot, in UTF-8: HTML in UTF-8 as it is, Markup as it is, text escaped."""
    return value if isinstance(value, bytes) else str(escape(value)).encode()


def _as_read(values: dict) -> dict:
    """`values` as the page reads them: a name it calls (CALLED) is a function giving its value."""
    return {name: (lambda value=value: value) if name in CALLED else value for name, value in values.items()}


def render_shell(page: str, shape: tuple | None, filled: dict, **context) -> str | bytes:
    """`page` rendered once per `shape` (everything its HTML depends on besides `filled`: a few words such as the
    filters chosen, never anything of a person's) with each name of `filled` rendered as a slot (web/slots.py),
    then filled for this request with `filled`'s values (text is escaped here, Markup kept as it is, bytes are
    HTML in UTF-8). `filled` must hold the CSRF token and the language switch; the page's other names read from
    context processors must be the same for everyone asking in that language: guide mode or a message to show
    means rendering the page whole (`shape` None, and then text comes back; from a shell, UTF-8)."""
    app = current_app._get_current_object()
    if shape is None or not files_fixed(app):  # also whole under a debug server: templates may change
        values = {n: Markup(v.decode()) if isinstance(v, bytes) else v for n, v in filled.items()}  # noqa: S704  # nosec B704  # HTML
        return render_template(page, **context, **_as_read(values))

    def make() -> Shell:
        slots = Slots()
        html = render_template(page, **context, **_as_read({name: slots(name) for name in filled}))
        return slots.cut(html, utf8=True)

    key = (page, str(get_locale()), request.script_root, shape)
    shell = Bounded.of(app.extensions, "page_shells", SHELLS_KEPT).get(key, make)
    return shell.fill({name: _utf8(value) for name, value in filled.items()})


def render(
    page: str,
    partial: str,
    status: int = 200,
    push_url: str | None = None,
    page_context=None,
    swap_into: str | None = None,
    **context,
):
    """Render the full page, or only its partial for an htmx swap, from the same context.

    `push_url`: the address htmx shows after the swap (HX-Push-Url); links built for "this page",
    such as the language switch, then point there rather than to the URL the form posted to.
    `page_context`: a function giving what only the full page needs, called only when it is rendered.
    `swap_into`: the element an htmx swap fills instead of its own target (HX-Retarget).
    """
    swapped = is_partial()
    if push_url:
        g.shown_url = push_url
    if not swapped and page_context is not None:
        context = context | page_context()
    html = render_template(partial if swapped else page, swapped=swapped, **context)
    if not swapped or swap_into is None:
        return _vary(htmx_response(html, status, push_url=push_url))
    return _vary(htmx_response(html, status, push_url=push_url, retarget=swap_into, reswap="innerHTML"))


def fragment_or_redirect(fragment: str | Callable[[], Response], location: str | Callable[[], str], **context):
    """After a change: an htmx swap gets `fragment`; without JavaScript, a 303 to `location`, the page that
    shows the change. A function for `location` is called only then (it may flash a word for that page); a
    function for `fragment` makes the swap's whole response (a step rendered as its own page would be)."""
    if is_partial():
        if callable(fragment):
            return fragment()
        return _vary(make_response(render_template(fragment, swapped=True, **context)))
    return _vary(redirect(location() if callable(location) else location, 303))


def _svg(link: str, **options) -> bytes:
    svg = io.BytesIO()
    segno.make(link, error="m").save(svg, kind="svg", scale=4, dark="#000", light="#fff", xmldecl=False, **options)
    return svg.getvalue()


def qr_markup(link: str) -> Markup:
    """`link` as a QR code to put in a page (an answer shown once, whose image can't be asked for later)."""
    # A viewBox instead of a fixed size: the page's CSS sizes it for the screen and for paper.
    return Markup(_svg(link, omitsize=True).decode())  # noqa: S704  # nosec B704  # segno's own SVG: paths and numbers only


def qr_svg(link: str, private: bool = False):
    """`link` as a QR code in SVG, made here (no outside service). `private`: never kept by a cache."""
    response = make_response(_svg(link))
    response.mimetype = "image/svg+xml"
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response

"""Page or fragment: the one place that reads htmx's request headers."""

from flask import g, make_response, render_template, request


def is_partial() -> bool:
    """True for an htmx swap into an element; boosted, history and plain requests need the page.

    htmx 4 says which with HX-Request-Type. A request with HX-Request alone (older htmx, a script, the
    documented contract) gets the fragment too, unless it is boosted or restores history.
    """
    headers = request.headers
    if headers.get("HX-Request") != "true":
        return False
    if "HX-Request-Type" in headers:
        return headers["HX-Request-Type"] == "partial"
    return "true" not in (headers.get("HX-Boosted"), headers.get("HX-History-Restore-Request"))


def _vary(response):
    response.vary.update(("HX-Request", "HX-Request-Type"))
    return response


def render_shared(fragment: str, page: str, status: int = 200, **context):
    """Like render(), for a fragment rendered once and shared by everyone (cached): an htmx swap gets it
    as it is, the full page embeds it as `fragment`."""
    if is_partial():
        switch = render_template("partials/language_switch.html", oob=True)
        return _vary(make_response(fragment + switch, status))
    return _vary(make_response(render_template(page, swapped=False, fragment=fragment, **context), status))


def render(page: str, partial: str, status: int = 200, push_url: str | None = None, **context):
    """Render the full page, or only its partial for an htmx swap, from the same context.

    `push_url`: the address htmx shows after the swap (HX-Push-Url); links built for "this page",
    such as the language switch, then point there rather than to the URL the form posted to.
    """
    swapped = is_partial()
    if push_url:
        g.shown_url = push_url
    response = _vary(make_response(render_template(partial if swapped else page, swapped=swapped, **context), status))
    if push_url:
        response.headers["HX-Push-Url"] = push_url
    return response

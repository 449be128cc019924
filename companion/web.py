"""Page or fragment: the one place that reads htmx's request headers."""

from flask import make_response, render_template, request


def is_partial() -> bool:
    """True for an htmx swap into an element; boosted, history and plain requests need the page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Request-Type") == "partial"


def render(page: str, partial: str, status: int = 200, **context):
    """Render the full page, or only its partial for an htmx swap, from the same context."""
    swapped = is_partial()
    response = make_response(render_template(partial if swapped else page, swapped=swapped, **context), status)
    response.vary.update(("HX-Request", "HX-Request-Type"))
    return response

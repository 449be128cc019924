"""Security headers on every response, and CSRF protection on every unsafe method."""

from urllib.parse import urlsplit

from flask import Flask, request

from companion.web.csrf import FormTokenCheck

csrf = FormTokenCheck()


def tile_source(tile_url: str) -> str:
    """The CSP source for a Leaflet tile URL template; {s} subdomains become a wildcard."""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.replace("{s}", "*")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(tile_url: str) -> str:
    # data: only because Leaflet blanks cancelled tiles with a built-in data: GIF.
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tile_url)]))
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def init_app(app: Flask):
    csrf.init_app(app)
    policy = content_security_policy(app.config["TILE_URL"])
    fixed = {
        "Content-Security-Policy": policy,
        "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        # credentialless (not require-corp) so tiles from a host without CORP headers still load
        "Cross-Origin-Embedder-Policy": "credentialless",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }

    @app.after_request
    def set_security_headers(response):
        present = {name.lower() for name, _value in response.headers}  # one pass, not one scan per header
        response.headers.extend((name, value) for name, value in fixed.items() if name.lower() not in present)
        if response.mimetype == "text/html" or request.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response


def same_site_path(target: str) -> str | None:
    """`target` if it is a path on this site, else None. Browsers drop tabs and line breaks from URLs
    ("/\t/evil.example" becomes "//evil.example") and read "\\" as "/", so those are refused outright."""
    if any(ord(c) < 32 or ord(c) == 127 for c in target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return target

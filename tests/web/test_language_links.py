"""The language links are built without url_for for most pages: they must be exactly what url_for builds."""

from urllib.parse import urlencode

from flask import url_for
from hypothesis import given
from hypothesis import strategies as st

from companion.web.i18n import SHOWN_BY, lang_url
from tests.helpers import FUZZ, PARTIAL, VALUES, soup


def _built_by_url_for(code: str) -> str:
    from flask import request

    shown = {name: request.args[name] for name in SHOWN_BY if name in request.args}
    return url_for(request.endpoint, **{**(request.view_args or {}), **shown, "lang": code})


def _plain_get_endpoints(app) -> list[str]:
    """Every page whose one rule takes no argument: the links of these are built without url_for."""
    paths = []
    for rule in app.url_map.iter_rules():
        alone = len(list(app.url_map.iter_rules(rule.endpoint))) == 1
        if alone and "GET" in rule.methods and not rule.arguments and not rule.defaults and rule.endpoint != "static":
            paths.append(rule.rule)
    return paths


@FUZZ
@given(values=st.dictionaries(st.sampled_from([*SHOWN_BY, "lang", "other"]), VALUES, max_size=5))
def test_links_are_what_url_for_builds_whatever_the_address_holds(app, values):
    query = urlencode(values)
    for path in ("/centres", "/", "/assessment/urgent"):
        for root in ("http://localhost/", "http://localhost/under/a/prefix/"):
            with app.test_request_context(f"{path}?{query}", base_url=root):
                app.preprocess_request()
                for code in ("fr", "en"):
                    assert lang_url(code) == _built_by_url_for(code)


def test_every_plain_page_gets_the_link_url_for_builds(app):
    paths = _plain_get_endpoints(app)
    assert "/centres" in paths and "/" in paths
    for path in paths:
        with app.test_request_context(f"{path}?q=Saint-Étienne (42000)&kind=&limit=5&junk=1"):
            assert lang_url("en") == _built_by_url_for("en")


def test_a_page_with_arguments_in_its_address_gets_its_own_link(app):
    for path in ("/departements/75?q=a b", "/cares/pain?lang=en", "/assessment/symptoms"):
        with app.test_request_context(path):
            assert lang_url("en") == _built_by_url_for("en")
            assert lang_url("en").startswith(path.split("?")[0] + "?")


def test_a_cached_search_fragment_carries_the_same_link(client):
    for _ in range(2):  # the second answer comes from the results cache
        response = client.get("/centres?q=Saint-%C3%89tienne+(42000)&kind=&lang=fr", headers=PARTIAL)
        link = soup(response).select_one("#language-switch a[lang=en]")["href"]
        assert link == "/centres?q=Saint-%C3%89tienne+(42000)&kind=&lang=en"

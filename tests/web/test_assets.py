import re

from tests.helpers import soup


def test_static_urls_carry_a_content_hash_and_are_cached_for_a_year(client):
    page = soup(client.get("/centres"))
    urls = [tag.get("src") or tag.get("href") for tag in page.select("script[src], link[rel=stylesheet]")]
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls)
    with client.get(urls[0]) as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_stale_or_missing_hash_is_not_cached_for_long(client):
    for url in ("/static/css/app.css?v=000000000000", "/static/css/app.css"):
        with client.get(url) as response:
            assert "immutable" not in response.headers.get("Cache-Control", "")


def test_the_hash_follows_the_content(tmp_path):
    from companion.web.assets import version_of

    (tmp_path / "a.css").write_text("body { color: red }")
    first = version_of(str(tmp_path), "a.css")
    (tmp_path / "a.css").write_text("body { color: blue }")
    assert version_of(str(tmp_path), "a.css") != first
    assert version_of(str(tmp_path), "missing.css") is None

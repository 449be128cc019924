#!/usr/bin/env python3
"""Bytes a phone downloads on a first visit (gzip level 6, as a proxy would send them), page by page,
against the budgets: HTML ≤ 14 KB, CSS ≤ 15 KB, own JS ≤ 5 KB plus htmx, total ≤ 60 KB without the map.

    .venv/bin/python benchmarks/page_weight.py
"""

import gzip
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from companion import create_app
from companion.db import make_engine
from companion.directory.reference_data import prepare_database

ROOT = Path(__file__).resolve().parent.parent

PAGES = ["/", "/centres?q=Bondy", "/assessment/urgent", "/checklist", "/cares", "/cares/pain", "/urgent"]
BUDGET = {"html": 14_000, "css": 15_000, "own js": 5_000, "total": 60_000}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main(database_url: str):
    engine = make_engine(database_url)
    prepare_database(engine, ROOT / "data")
    app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": database_url})
    client = app.test_client()
    print(f"{'page':<22}{'html':>8}{'css':>8}{'own js':>8}{'htmx':>8}{'map*':>8}{'total':>9}  (gzipped bytes)")
    for page in PAGES:
        html = client.get(page, headers={"Accept-Language": "fr"}).get_data()
        sizes = {"html": gz(html), "css": 0, "own js": 0, "htmx": 0, "map libs": 0}
        loaded = re.sub(rb"<noscript>.*?</noscript>", b"", html, flags=re.S)  # no-js.css: only without JavaScript
        # The map's files are named in data-styles/data-scripts and fetched only when the map is opened.
        on_request = b" ".join(re.findall(rb'data-(?:styles|scripts)="([^"]+)"', html)).split()
        for url in re.findall(rb'(?:src|href)="(/static/[^"]+)"', loaded) + on_request:
            path = urlsplit(url.decode()).path
            with client.get(url.decode()) as response:
                size = gz(response.get_data())
            if "/vendor/leaflet/" in path:
                sizes["map libs"] += size
            elif "/vendor/htmx/" in path:
                sizes["htmx"] += size
            elif path.endswith(".css"):
                sizes["css"] += size
            elif path.endswith(".js"):
                sizes["own js"] += size
        total = sizes["html"] + sizes["css"] + sizes["own js"] + sizes["htmx"]
        over = [k for k in ("html", "css", "own js") if sizes[k] > BUDGET[k]] + (
            ["total"] if total > BUDGET["total"] else []
        )
        print(
            f"{page:<22}{sizes['html']:>8,}{sizes['css']:>8,}{sizes['own js']:>8,}{sizes['htmx']:>8,}"
            f"{sizes['map libs']:>8,}{total:>9,}  {'over: ' + ', '.join(over) if over else 'within budget'}"
        )
    print("total = html + css + own js + htmx; *map: Leaflet and its styles, fetched only when the map is opened")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main(f"sqlite:///{tmp}/companion.sqlite")

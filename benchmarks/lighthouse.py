#!/usr/bin/env python3
"""Lighthouse 12 (mobile) against Companion on loopback, with Debian's Chromium: the home page, the
directory results and the questionnaire. Installs lighthouse from npm into .cache/ the first time.

    .venv/bin/python benchmarks/lighthouse.py
Targets: Performance ≥ 95, Accessibility 100, Best Practices ≥ 95, SEO ≥ 90. The map opens on request,
so Lighthouse measures the directory as a phone first gets it: the list, without Leaflet or tiles.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load import ROOT, production_env, serve  # noqa: E402

LIGHTHOUSE = "12.8.2"
CACHE = ROOT / ".cache" / "lighthouse"
PAGES = ["/", "/centres?q=Bondy", "/assessment/urgent"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 90}
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


def lighthouse() -> Path:
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE}"],
            check=True,
            capture_output=True,
        )
    return binary


def main():
    binary = lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(tmp)
        server, port = serve("companion:create_app()", env)
        failed = False
        try:
            for page in PAGES:
                report = Path(tmp) / "report.json"
                for _attempt in range(2):  # Chromium under Lighthouse sometimes fails to start on a busy machine
                    run = subprocess.run(
                        [
                            str(binary),
                            f"http://127.0.0.1:{port}{page}",
                            "--quiet",
                            "--output=json",
                            f"--output-path={report}",
                            f"--chrome-flags={FLAGS}",
                            "--only-categories=performance,accessibility,best-practices,seo",
                        ],
                        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                        capture_output=True,
                    )
                    if run.returncode == 0:
                        break
                else:
                    print(f"{page:<22}lighthouse did not complete")
                    failed = True
                    continue
                audits = json.loads(report.read_text())["audits"]
                categories = json.loads(report.read_text())["categories"]
                scores = {name: round(categories[name]["score"] * 100) for name in TARGETS}
                misses = [name for name, score in scores.items() if score < TARGETS[name]]
                failed = failed or bool(misses)
                print(
                    f"{page:<22}"
                    + "  ".join(f"{name} {score}" for name, score in scores.items())
                    + (f"   below target: {', '.join(misses)}" if misses else "   all targets met")
                )
                print(
                    " " * 22
                    + "  ".join(
                        f"{key} {audits[key]['displayValue']}"
                        for key in (
                            "first-contentful-paint",
                            "largest-contentful-paint",
                            "total-blocking-time",
                            "cumulative-layout-shift",
                        )
                    )
                )
        finally:
            server.terminate()
            server.wait()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The production stack under load: nginx (TLS) → gunicorn (1, 2, 4 workers) → PostgreSQL, with Redis
for limits and cache, driven with distinct towns from the gazetteer (not one cached query), each worker
count beside a bare Flask app behind the same nginx, in the same run.

    scripts/with_postgres.sh .venv/bin/python benchmarks/stack.py [--seconds 8] [--clients 8]

Everything listens on 127.0.0.1 and every loop is bounded in time. Needs redis-server and nginx
(`make test` installs them). Prints requests/s, p50/p99, errors, cache hit rate and the ratio.
"""

import argparse
import csv
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.db import make_engine  # noqa: E402
from companion.directory.reference_data import prepare_database  # noqa: E402
from tests.helpers import free_port, gunicorn_command  # noqa: E402
from tests.stack.conftest import (  # noqa: E402  the stack as the tests build it, one place
    NGINX,
    REDIS,
    production_env,
    render_nginx,
    self_signed,
    stop,
    wait_for_port,
)

PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial", "Host": "localhost"}


def towns(count: int) -> list[str]:
    with open(ROOT / "data/communes.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["postcode"][:2] in {"75", "77", "78", "91", "92", "93", "94", "95"}]
    random.Random(2026).shuffle(rows)
    return [f"{r['name']} ({r['postcode']})" for r in rows[:count]]


def database() -> str:
    admin_url = os.environ["COMPANION_TEST_POSTGRES"]
    admin = make_engine(admin_url, pooled=False)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bench_stack"))
        connection.execute(text("CREATE DATABASE bench_stack"))
    admin.dispose()
    url = make_url(admin_url).set(database="bench_stack").render_as_string(hide_password=False)
    engine = make_engine(url, pooled=False)
    prepare_database(engine, ROOT / "data")
    engine.dispose()
    return url


def gunicorn(app: str, workers: int, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        gunicorn_command(port) + ["--workers", str(workers), "--access-logfile", "/dev/null", app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, server, "gunicorn")
    return server, port


def nginx(folder: Path, upstream: int):
    import ssl

    cert, key = self_signed(folder)
    http_port, https_port = free_port(), free_port()
    config = render_nginx(folder, upstream, http_port, https_port, cert, key)
    server = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder)])
    wait_for_port(https_port, server, "nginx")
    return server, https_port, ssl.create_default_context(cafile=str(cert))


def drive(port: int, context, paths: list[str], clients: int, seconds: float) -> dict:
    """Each client a phone on a keep-alive TLS connection, walking its own share of the towns."""
    timings, statuses, hits, lock = [], [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def person(n: int):
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
        i = n
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", paths[i % len(paths)], headers=PARTIAL)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                connection.close()
                connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
                status = 0
            with lock:
                timings.append(time.perf_counter() - started)
                statuses.append(status)
                hits[0] += i >= len(paths)  # a town asked before: the shared cache may answer
            i += clients

    threads = [threading.Thread(target=person, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ms = sorted(t * 1000 for t in timings)
    return {
        "rps": len(ms) / elapsed,
        "p50": statistics.median(ms),
        "p99": statistics.quantiles(ms, n=100)[98],
        "errors": sum(1 for s in statuses if s != 200),
        "repeat": hits[0] / len(ms),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--towns", type=int, default=3000)
    args = parser.parse_args()
    url = database()
    paths = ["/centres?" + urllib.parse.urlencode({"q": t, "kind": ""}) for t in towns(args.towns)]
    redis_port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        redis = subprocess.Popen(
            [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(redis_port, redis, "redis-server")
        print(f"nginx TLS → gunicorn → PostgreSQL + Redis; {len(paths):,} distinct towns, {args.clients} clients")
        print(
            f"{'workers':>7}  {'app':<10} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'repeats':>7}  ratio"
        )
        try:
            for workers in (1, 2, 4):
                results = {}
                for name, app in (("companion", "companion:create_app()"), ("bare Flask", "hello_app:app")):
                    folder = Path(tempfile.mkdtemp(dir=tmp))
                    env = {
                        **production_env(url, f"redis://127.0.0.1:{redis_port}", folder),
                        "COMPANION_WRITE_LIMIT": "1000000 per minute",
                        "PYTHONPATH": str(ROOT / "benchmarks"),
                    }
                    app_server, app_port = gunicorn(app, workers, env)
                    proxy, https_port, context = nginx(folder, app_port)
                    try:
                        bare = ["/"] if name == "bare Flask" else paths
                        results[name] = drive(https_port, context, bare, args.clients, args.seconds)
                    finally:
                        stop(proxy)
                        stop(app_server)
                ratio = results["companion"]["rps"] / results["bare Flask"]["rps"]
                for name, r in results.items():
                    print(
                        f"{workers:>7}  {name:<10} {r['rps']:>7,.0f} {r['p50']:>7.1f} {r['p99']:>7.1f}"
                        + f" {r['errors']:>6} "
                        + (f"{r['repeat']:>7.0%}  {ratio:.2f}" if name == "companion" else f"{'-':>7}")
                    )
        finally:
            stop(redis)


if __name__ == "__main__":
    main()

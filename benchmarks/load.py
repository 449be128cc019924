#!/usr/bin/env python3
"""Load test on loopback, on the paths real traffic takes: directory searches over thousands of real
places (never one cached town), the API, a questionnaire step and a checklist write, each measured side by
side with a bare Flask + Jinja 10-item list under the same gunicorn settings (1 worker x 4 threads).

    .venv/bin/python benchmarks/load.py [--seconds 8] [--clients 8]

Traffic goes only to 127.0.0.1; every loop is bounded in time. Prints requests/s, p50/p99 latency,
errors (must be 0), CPU ms per request (from /proc) and the throughput ratio to the bare app.
"""

import argparse
import csv
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.helpers import BIN, free_port, gunicorn_command  # noqa: E402  one way to start gunicorn, as the tests do

PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


def serve(app: str, env: dict, ready_path: str = "/healthz") -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        gunicorn_command(port, "--workers", "1", "--threads", "4", "--access-logfile", "/dev/null", app),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Ready when a request is answered (the worker has then built what it builds at start, such as the
    # directory's index): start-up is not part of what is measured.
    for _ in range(400):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", ready_path)
            connection.getresponse().read()
            connection.close()
            return server, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def production_env(folder: str, **extra: str) -> dict:
    """Settings for a production-mode Companion on a fresh SQLite database in `folder`, loaded by init-db."""
    env = {
        "COMPANION_INSTANCE_PATH": folder,
        "COMPANION_DATABASE_URL": f"sqlite:///{Path(folder) / 'companion.sqlite'}",
        "COMPANION_SECRET_KEY": "benchmark-" + "k" * 32,
        "COMPANION_ENV": "production",
        **extra,
    }
    subprocess.run(
        [str(BIN / "flask"), "--app", "companion", "init-db"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    return env


class Client:
    """One person on one keep-alive connection, with their cookies."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, headers=None, form=None) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urlencode(form, doseq=True) if form is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def token(self, path: str) -> str:
        return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', self.request("GET", path)[1]).group(1).decode()


def towns(count: int, seed: int = 2026) -> list[str]:
    """Real places people type: commune labels and postcodes from the gazetteer, a fixed random sample."""
    with (ROOT / "data" / "communes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rng = random.Random(seed)
    picked = rng.sample(rows, count)
    return [f"{r['name']} ({r['postcode']})" if i % 3 else r["postcode"] for i, r in enumerate(picked)]


def worker_cpu_seconds(master: int) -> float:
    """CPU time (user + system) of the gunicorn workers under `master`, from /proc."""
    total = 0.0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def each(paths_for):
    """Traffic where every request of every client goes to the next path from paths_for(client_number)."""

    def traffic(client: Client, deadline: float, record, number: int):
        for method, path, headers, form in paths_for(client, number):
            if time.perf_counter() >= deadline:
                return
            start = time.perf_counter()
            status, body = client.request(method, path, headers, form)
            record(path, time.perf_counter() - start, status, body)

    return traffic


def cycle(items, offset: int):
    i = offset
    while True:
        yield items[i % len(items)]
        i += 1


def drive(server: subprocess.Popen, port: int, traffic, clients: int, seconds: float) -> dict:
    rows: list = []
    lock = threading.Lock()

    def record(path, seconds_taken, status, body):
        with lock:
            rows.append((path, seconds_taken, status, len(body)))

    people = [Client(port) for _ in range(clients)]
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=traffic, args=(c, deadline, record, n)) for n, c in enumerate(people)]
    cpu_before, started = worker_cpu_seconds(server.pid), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, worker_cpu_seconds(server.pid) - cpu_before
    times = sorted(t * 1000 for _, t, _, _ in rows)
    return {
        "n": len(rows),
        "rps": len(rows) / elapsed,
        "cpu_ms": cpu * 1000 / max(1, len(rows)),
        "p50": statistics.median(times),
        "p99": statistics.quantiles(times, n=100)[98],
        "errors": sum(1 for _, _, status, _ in rows if status >= 400),
        "repeat": 1 - len({p for p, *_ in rows}) / len(rows),
        "bytes": statistics.median(b for *_, b in rows),
    }


def companion_targets(places: list[str]):
    """The paths real traffic takes, each over the sample of places (each client starts elsewhere in it)."""

    def get(path_of, headers=None):
        def paths(_client, number):
            for place in cycle(places, number * 997):
                yield "GET", path_of(quote_plus(place)), headers, None

        return paths

    def questionnaire(client, number):
        token = client.token("/assessment/urgent")
        client.request("POST", "/assessment/urgent", form={"csrf_token": token})
        for i in cycle(range(11), number):
            yield "POST", "/assessment/symptoms", PARTIAL, {"csrf_token": token, "pain": str(i)}

    def checklist(client, number):
        token = client.token("/assessment/urgent")
        client.request("POST", "/checklist/items", form={"csrf_token": token, "care": "pain"})
        for i in cycle(range(2), number):
            page = client.request("GET", "/checklist")[1]
            item, version = re.search(rb'/checklist/items/(\d+)".*?name="version" value="(\d+)"', page, re.S).groups()
            form = {"csrf_token": token, "version": version.decode(), "status": ["asked", "done"][i]}
            yield "POST", f"/checklist/items/{item.decode()}", PARTIAL, form

    return {
        "directory fragment": get(lambda q: f"/centres?q={q}&kind=", PARTIAL),
        "directory page": get(lambda q: f"/centres?q={q}"),
        "API": get(lambda q: f"/api/v1/centres?q={q}"),
        "questionnaire step": questionnaire,
        "checklist read + write": checklist,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--towns", type=int, default=3000)
    args = parser.parse_args()
    places = towns(args.towns)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        hello, port = serve("hello_app:app", {"PYTHONPATH": str(ROOT / "benchmarks")}, ready_path="/list")
        try:
            results["bare Flask + Jinja (10-item list)"] = drive(
                hello, port, each(lambda _c, _n: cycle([("GET", "/list", None, None)], 0)), args.clients, args.seconds
            )
        finally:
            hello.terminate()
            hello.wait()
        env = production_env(tmp, COMPANION_WRITE_LIMIT="1000000 per minute")
        companion, port = serve("companion:create_app()", env)
        try:
            for name, paths in companion_targets(places).items():
                results[name] = drive(companion, port, each(paths), args.clients, args.seconds)
        finally:
            companion.terminate()
            companion.wait()
    anchor = results["bare Flask + Jinja (10-item list)"]["rps"]
    goals = {"directory fragment": 0.3, "directory page": 0.25, "API": 0.4}
    print(
        f"gunicorn 1 worker x 4 threads, {args.clients} clients, {args.seconds:g} s each, {len(places):,} distinct places"
    )
    print(
        f"{'target':<34} {'req/s':>7} {'ratio':>6} {'goal':>6} {'CPU ms/req':>10} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'repeats':>7}"
    )
    for name, r in results.items():
        goal = goals.get(name)
        print(
            f"{name:<34} {r['rps']:>7,.0f} {r['rps'] / anchor:>6.3f} {('>=' + format(goal, '.2f')) if goal else '':>6} "
            f"{r['cpu_ms']:>10.2f} {r['p50']:>7.1f} {r['p99']:>7.1f} {r['errors']:>6} {r['repeat']:>7.1%}"
        )
    print("repeats: share of requests for a URL already asked in the run (what any results cache could serve)")


if __name__ == "__main__":
    shutil.which("gunicorn") or BIN.joinpath("gunicorn").exists() or sys.exit("gunicorn is not installed")
    main()

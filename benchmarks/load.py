#!/usr/bin/env python3
"""Load test on loopback, on the paths real traffic takes, that cannot flatter itself: directory searches
over thousands of real places, none asked twice in a run (every request takes the next place of one shared
list), the API, a questionnaire step (the symptoms, each post with other scores than the one before), a checklist status change measured
alone (the new version is read from the answer: no unrecorded page is billed to it), and the results-cache
hit as its own row. Each row is driven in turn with the bare Flask + Jinja 10-item list (the anchor) in every
round, rounds interleaved, each round starting with the next row, under the same gunicorn settings (1 worker x 4
threads). Before the clock, a warm-up searches for other places (set apart, never measured), so that the rows are
those of a worker in service; what its searches cost, first renders included, is printed too.

    .venv/bin/python benchmarks/load.py [--rounds 5] [--seconds 3] [--clients 4]

Traffic goes only to 127.0.0.1; every loop is bounded in time. Prints, per row, the median over rounds of the
worker's CPU ms per request (from /proc) and of its ratio to the anchor's of the same round (anchor CPU ms /
row CPU ms: 0.30 means the row costs 3.3 times the bare list), p50/p99 latency and errors (must be 0).
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
        self.last = data
        return response.status, data

    def token(self, path: str) -> str:
        return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', self.request("GET", path)[1]).group(1).decode()


def towns(seed: int = 2026) -> list[str]:
    """Real places people type, each different: commune labels, and a postcode alone for one commune of each
    postcode (a postcode shared by several communes is typed once), in a fixed random order."""
    with (ROOT / "data" / "communes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    typed, postcodes = set(), set()
    for r in rows:
        typed.add(f"{r['name']} ({r['postcode']})")
        if r["postcode"] not in postcodes:
            postcodes.add(r["postcode"])
            typed.add(r["postcode"])
    places = sorted(typed)
    random.Random(seed).shuffle(places)
    return places


class Places:
    """One list shared by every client of every row and round: each place is handed out once in a run."""

    def __init__(self, places: list[str]):
        self._places, self._next, self._lock = places, 0, threading.Lock()

    def take(self, count: int = 1) -> list[str]:
        with self._lock:
            taken = self._places[self._next : self._next + count]
            self._next += len(taken)
        if len(taken) < count:
            raise RuntimeError("every place was asked once: pass fewer --rounds or --seconds")
        return taken

    @property
    def used(self) -> int:
        return self._next


def worker_cpu_seconds(master: int) -> float:
    """CPU time (user + system) of the gunicorn workers under `master`, from /proc."""
    total = 0.0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def drive(server: subprocess.Popen, port: int, prepare, clients: int, seconds: float) -> dict:
    """`clients` people at once for `seconds`, each sending what prepare(client, number) yields. What
    prepare does before its first yield (a form read, an item added) happens before the clock and the CPU
    count start."""
    rows: list = []
    lock = threading.Lock()
    people = [Client(port) for _ in range(clients)]
    requests = [prepare(person, number) for number, person in enumerate(people)]
    firsts = [next(r) for r in requests]
    start_line = threading.Barrier(clients + 1)

    def traffic(client, first, following, deadline_box):
        start_line.wait()
        deadline, todo = deadline_box[0], first
        while todo is not None and time.perf_counter() < deadline:
            method, path, headers, form = todo
            start = time.perf_counter()
            status, body = client.request(method, path, headers, form)
            taken = time.perf_counter() - start
            with lock:
                rows.append((path, taken, status))
            todo = next(following, None)

    deadline_box = [0.0]
    threads = [
        threading.Thread(target=traffic, args=(p, f, r, deadline_box))
        for p, f, r in zip(people, firsts, requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    cpu_before, started = worker_cpu_seconds(server.pid), time.perf_counter()
    deadline_box[0] = started + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, worker_cpu_seconds(server.pid) - cpu_before
    for person in people:
        person.connection.close()
    times = sorted(t * 1000 for _, t, _ in rows)
    return {
        "n": len(rows),
        "rps": len(rows) / elapsed,
        "cpu_ms": cpu * 1000 / max(1, len(rows)),
        "p50": statistics.median(times),
        "p99": statistics.quantiles(times, n=100)[98],
        "errors": sum(1 for _, _, status in rows if status >= 400),
        "repeat": 1 - len({p for p, *_ in rows}) / len(rows),
    }


def form_fields(page: bytes, action: str) -> tuple[dict, dict]:
    """What the form posting to `action` holds, read from the page so the benchmark follows the form: its
    hidden and text fields with their values, and each group of radio buttons with its choices."""
    form = re.search(rb'<form[^>]*action="' + re.escape(action.encode()) + rb'"[^>]*>(.*?)</form>', page, re.S)
    fields: dict = {}
    choices: dict = {}
    for tag in re.findall(rb"<input[^>]*>", form.group(1)):
        kind = re.search(rb'type="([^"]+)"', tag)
        name = re.search(rb'name="([^"]+)"', tag)
        value = re.search(rb'value="([^"]*)"', tag)
        if not name or (kind and kind.group(1) in (b"checkbox", b"submit")):
            continue
        value = value.group(1).decode() if value else ""
        if kind and kind.group(1) == b"radio":
            choices.setdefault(name.group(1).decode(), []).append(value)
        else:
            fields.setdefault(name.group(1).decode(), value)
    return fields, choices


def companion_targets(places: Places):
    """The paths real traffic takes; each search takes a place no request of the run has asked."""

    def search(path_of, headers=None):
        def prepare(_client, _number):
            while True:
                yield "GET", path_of(quote_plus(places.take()[0])), headers, None

        return prepare

    warmed: list[str] = []

    def cached(client, number):
        if number == 0 and not warmed:  # asked once before the clock starts: every request below is a hit
            warmed.extend(places.take(200))
            for place in warmed:
                client.request("GET", f"/centres?q={quote_plus(place)}&kind=", PARTIAL)
        for i in cycle(range(len(warmed)), number * 50):
            yield "GET", f"/centres?q={quote_plus(warmed[i])}&kind=", PARTIAL, None

    def questionnaire(client, number):
        # A person past the urgent signs answers the symptoms step, then changes an answer, and so on: every
        # post differs from the one before (a repeated post would be kept without sealing the session anew).
        urgent, _ = form_fields(client.request("GET", "/assessment/urgent")[1], "/assessment/urgent")
        client.request("POST", "/assessment/urgent", form=urgent)
        fields, choices = form_fields(client.request("GET", "/assessment/symptoms")[1], "/assessment/symptoms")
        scores = random.Random(number)
        while True:
            answers = {name: scores.choice(values) for name, values in choices.items()}
            yield "POST", "/assessment/symptoms", PARTIAL, {**fields, **answers}

    def status_change(client, _number):
        token = client.token("/assessment/urgent")
        client.request("POST", "/checklist/items", form={"csrf_token": token, "care": "pain"})
        page = client.request("GET", "/checklist")[1]
        item, version = re.search(rb'/checklist/items/(\d+)".*?name="version" value="(\d+)"', page, re.S).groups()
        for status in cycle(["asked", "done"], 0):
            form = {"csrf_token": token, "version": version.decode(), "status": status}
            yield "POST", f"/checklist/items/{item.decode()}", PARTIAL, form
            version = re.search(rb'name="version" value="(\d+)"', client.last).group(1)  # the answer's new version

    return {
        "directory fragment": search(lambda q: f"/centres?q={q}&kind=", PARTIAL),
        "directory page": search(lambda q: f"/centres?q={q}"),
        "API": search(lambda q: f"/api/v1/centres?q={q}"),
        "questionnaire step": questionnaire,
        "checklist status change": status_change,
        "fragment from the results cache": cached,
    }


# A worker that has served a while has rendered the entries people are shown (once per directory version and
# language: entries.py); a fresh one renders each the first time it lists it. The warm-up searches for other places
# (set apart: never measured) make the measured rows those of a worker in service, whichever row comes first; its
# own cost per search is printed beside them (--warm-up 0 measures a fresh worker).
WARM_UP_PLACES = 6000


def warm_up(server: subprocess.Popen, port: int, places: Places, clients: int, seconds: float) -> dict:
    def searches(_client, _number):
        while True:
            yield "GET", f"/centres?q={quote_plus(places.take()[0])}&kind=", PARTIAL, None

    return drive(server, port, searches, clients, seconds)


def cycle(items, offset: int):
    i = offset
    while True:
        yield items[i % len(items)]
        i += 1


SEARCHES = ("directory fragment", "directory page", "API", "fragment from the results cache")
ANCHOR = "bare Flask + Jinja (10-item list)"
GOALS = {
    "directory fragment": 0.3,
    "directory page": 0.25,
    "API": 0.4,
    "questionnaire step": 0.3,
    "checklist status change": 0.2,
    "fragment from the results cache": 0.6,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--only", action="append", default=[], metavar="ROW", help="drive only rows whose name has this"
    )
    parser.add_argument(
        "--warm-up",
        type=float,
        default=8,
        metavar="SECONDS",
        help="searches for other places before the clock (0: measure a fresh worker)",
    )
    args = parser.parse_args()
    every = towns()
    # Places for the warm-up are set apart from the measured ones: no measured search is for a place asked before.
    warm_places, places = Places(every[-WARM_UP_PLACES:]), Places(every[:-WARM_UP_PLACES])
    rounds: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(tmp, COMPANION_WRITE_LIMIT="1000000 per minute")
        hello, hello_port = serve("hello_app:app", {"PYTHONPATH": str(ROOT / "benchmarks")}, ready_path="/list")
        companion, port = serve("companion:create_app()", env)
        anchor = lambda _client, _number: cycle([("GET", "/list", None, None)], 0)  # noqa: E731
        try:
            warm = warm_up(companion, port, warm_places, args.clients, args.warm_up) if args.warm_up else None
            for number in range(args.rounds):
                results = {ANCHOR: drive(hello, hello_port, anchor, args.clients, args.seconds)}
                # Each round begins with another row: what a fresh worker does once (render an entry for the
                # first time) is not billed to the same row in every round.
                rows = list(companion_targets(places).items())
                shift = number % len(rows)
                for name, prepare in rows[shift:] + rows[:shift]:
                    if args.only and not any(part in name for part in args.only):
                        continue
                    results[name] = drive(companion, port, prepare, args.clients, args.seconds)
                rounds.append(results)
        finally:
            for server in (hello, companion):
                server.terminate()
                server.wait()
    load = os.getloadavg()
    print(
        f"gunicorn 1 worker x 4 threads, {args.clients} clients, {args.rounds} rounds x {args.seconds:g} s per row, "
        f"{places.used:,} distinct places asked; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"on {os.cpu_count()} CPUs"
    )
    if warm:
        print(
            f"warm-up before the clock: {warm['n']:,} searches for other places, {warm['cpu_ms']:.2f} CPU ms each "
            "(entries rendered for the first time included)"
        )
    print(
        f"{'row (median of rounds)':<34} {'CPU ms/req':>10} {'ratio':>6} {'goal':>6} {'req/s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'repeats':>7}"
    )
    for name in [ANCHOR, *(name for name in companion_targets(places) if name in rounds[0])]:
        runs = [r[name] for r in rounds]
        ratio = statistics.median(r[ANCHOR]["cpu_ms"] / r[name]["cpu_ms"] for r in rounds)
        goal = GOALS.get(name)
        repeats = format(statistics.median(r["repeat"] for r in runs), ".1%") if name in SEARCHES else ""
        print(
            f"{name:<34} {statistics.median(r['cpu_ms'] for r in runs):>10.2f} {ratio:>6.2f} "
            f"{('>=' + format(goal, '.2f')) if goal else '':>6} {statistics.median(r['rps'] for r in runs):>7,.0f} "
            f"{statistics.median(r['p50'] for r in runs):>7.1f} {statistics.median(r['p99'] for r in runs):>7.1f} "
            f"{sum(r['errors'] for r in runs):>6} {repeats:>7}"
        )
    print(
        "ratio: anchor CPU ms / row CPU ms in the same round (higher is cheaper); repeats: share of a row's "
        "searches for a place already asked in that row (only the cache row repeats, by design)"
    )


if __name__ == "__main__":
    shutil.which("gunicorn") or BIN.joinpath("gunicorn").exists() or sys.exit("gunicorn is not installed")
    main()

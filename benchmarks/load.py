#!/usr/bin/env python3
"""Load test on loopback: Companion under gunicorn (1 worker) with mixed traffic, and, measured side by
side, the directory fragment alone against a bare Flask "hello" app under the same gunicorn settings.

    .venv/bin/python benchmarks/load.py [--seconds 8] [--clients 8]

Traffic goes only to 127.0.0.1; every loop is bounded in time. Prints requests/s, p50/p99 latency,
errors (must be 0), the throughput ratio and the gzipped size of each fragment.
"""

import argparse
import gzip
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--access-logfile",
            "/dev/null",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def production_env(folder: str, **extra: str) -> dict:
    """Settings for a production-mode Companion on a fresh SQLite database in `folder`, loaded by init-db."""
    env = {
        "COMPANION_INSTANCE_PATH": folder,
        "COMPANION_DATABASE_URL": f"sqlite:///{Path(folder) / 'companion.sqlite'}",
        "COMPANION_SECRET_KEY": "benchmark",
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


def mixed_traffic(client: Client, deadline: float, record):
    """Directory searches (page and fragment), questionnaire steps, checklist updates, in turn."""
    token = client.token("/assessment/urgent")
    client.request("POST", "/assessment/urgent", form={"csrf_token": token})
    client.request("POST", "/checklist/items", form={"csrf_token": token, "care": "pain"})
    towns = ["Bondy", "Poissy", "75014", "Villejuif", "Saint-Denis", "Clamart"]
    i = 0
    while time.perf_counter() < deadline:
        town = towns[i % len(towns)]
        steps = [
            ("directory page", "GET", f"/centres?q={town}", None, None),
            ("directory fragment", "GET", f"/centres?q={town}&kind=", PARTIAL, None),
            ("questionnaire step", "POST", "/assessment/symptoms", PARTIAL, {"csrf_token": token, "pain": str(i % 11)}),
        ]
        page = client.request("GET", "/checklist")[1]
        found = re.search(rb'/checklist/items/(\d+)".*?name="version" value="(\d+)"', page, re.S)
        if found:
            item, version = found.group(1).decode(), found.group(2).decode()
            steps.append(
                (
                    "checklist update",
                    "POST",
                    f"/checklist/items/{item}",
                    PARTIAL,
                    {"csrf_token": token, "version": version, "status": ["asked", "done"][i % 2]},
                )
            )
        for name, method, path, headers, form in steps:
            start = time.perf_counter()
            status, body = client.request(method, path, headers, form)
            record(name, time.perf_counter() - start, status, body)
        i += 1


def single(path: str, headers=None):
    def traffic(client: Client, deadline: float, record):
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status, body = client.request("GET", path, headers)
            record("request", time.perf_counter() - start, status, body)

    return traffic


def drive(port: int, traffic, clients: int, seconds: float) -> dict:
    results: dict[str, list] = {}
    lock = threading.Lock()

    def record(name, seconds_taken, status, body):
        with lock:
            results.setdefault(name, []).append((seconds_taken, status, len(gzip.compress(body))))

    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=traffic, args=(Client(port), deadline, record)) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["_elapsed"] = time.perf_counter() - started
    return results


def report(title: str, results: dict) -> float:
    elapsed = results.pop("_elapsed")
    total = sum(len(v) for v in results.values())
    print(f"{title}: {total / elapsed:,.0f} requests/s over {elapsed:.1f} s")
    for name, rows in results.items():
        times = sorted(t * 1000 for t, _, _ in rows)
        errors = sum(1 for _, status, _ in rows if status >= 400 and status != 409)  # 409: a conflict, reported
        p99 = statistics.quantiles(times, n=100)[98] if len(times) > 1 else times[0]
        print(
            f"  {name:<20} n={len(rows):>6}  p50 {statistics.median(times):6.1f} ms  p99 {p99:6.1f} ms"
            f"  errors {errors}  gzipped {statistics.median(s for _, _, s in rows):,.0f} B"
        )
    return total / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(tmp, COMPANION_WRITE_LIMIT="1000000 per minute")
        companion, port = serve("companion:create_app()", env)
        try:
            report("Companion, mixed traffic", drive(port, mixed_traffic, args.clients, args.seconds))
            fragment = report(
                "Companion, directory fragment only",
                drive(port, single("/centres?q=Bondy&kind=", PARTIAL), args.clients, args.seconds),
            )
        finally:
            companion.terminate()
            companion.wait()
        hello, port = serve("hello_app:app", {"PYTHONPATH": str(ROOT / "benchmarks")})
        try:
            bare = report(
                "Bare Flask hello, same gunicorn settings", drive(port, single("/"), args.clients, args.seconds)
            )
        finally:
            hello.terminate()
            hello.wait()
    print(f"directory fragment throughput / hello throughput = {fragment / bare:.2f}  (target >= 0.5)")


if __name__ == "__main__":
    shutil.which("gunicorn") or BIN.joinpath("gunicorn").exists() or sys.exit("gunicorn is not installed")
    main()

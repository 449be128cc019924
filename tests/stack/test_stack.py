"""The deployment the README describes, tried from outside: nginx (TLS) in front of two gunicorn workers
sharing Redis, on PostgreSQL. Headers and redirect, slow clients, a database restart under load,
limits and cache shared across workers, and logs that hold nothing personal."""

import contextlib
import http.client
import io
import json
import os
import re
import shlex
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import redis

from tests.helpers import PARTIAL, ROOT, new_centre_file

TOWNS = ["Bondy", "Créteil", "Poissy", "Villejuif", "Montreuil", "Saint-Denis (93200)", "Clamart", "Nanterre"]


def form_token(html: str) -> str:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', field).group(1)


def test_https_headers_compression_and_redirect(nginx):
    status, headers, body = nginx.get("/centres?q=Bondy", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["strict-transport-security"].startswith("max-age=")
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["server"] == "nginx"  # no version
    if nginx.brotli:
        assert nginx.get("/", {"Accept-Encoding": "br"})[1]["content-encoding"] == "br"
    plain = socket.create_connection(("127.0.0.1", nginx.http_port), timeout=5)
    plain.sendall(b"GET /centres?q=Bondy HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    answer = plain.recv(4096).decode()
    plain.close()
    assert answer.startswith("HTTP/1.1 301") and "Location: https://localhost/centres?q=Bondy" in answer


def test_an_address_too_long_for_gunicorn_is_a_json_414_from_nginx(nginx):
    """gunicorn refuses request lines over 4,094 bytes with an HTML page; nginx answers first, in JSON."""
    status, headers, body = nginx.get("/api/v1/centres?q=" + "a" * 5000)
    assert status == 414 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"error": "The address is too long."}
    assert nginx.get("/api/v1/centres?q=" + "a" * 3000)[0] == 400  # shorter: the app's own JSON answer


def test_a_large_body_is_refused_by_nginx(nginx):
    connection = nginx.connection()
    connection.request("POST", "/checklist/open", body=b"x" * 100_000, headers={"Host": "localhost"})
    assert connection.getresponse().status == 413


def test_slow_clients_never_hold_the_workers(nginx):
    """Half-sent requests wait at nginx; gunicorn's workers keep serving everyone else."""
    slow = []
    for _ in range(16):
        raw = socket.create_connection(("127.0.0.1", nginx.https_port), timeout=5)
        tls = nginx.context.wrap_socket(raw, server_hostname="localhost")
        tls.sendall(b"POST /checklist/open HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\ncode=AB")
        slow.append(tls)
    try:
        started = time.monotonic()
        for town in TOWNS[:4]:
            status, _, _ = nginx.get("/centres?" + urllib.parse.urlencode({"q": town}), timeout=5)
            assert status == 200
        assert time.monotonic() - started < 3
    finally:
        for tls in slow:
            tls.close()


def test_rate_limit_holds_across_workers(nginx, redis_url):
    browser = nginx.browser()
    token = form_token(browser.open(nginx.url("/checklist/open")).read().decode())
    statuses = []
    for _ in range(14):  # a new connection each time: both workers answer
        try:
            statuses.append(
                browser.open(nginx.url("/checklist/open"), data=f"csrf_token={token}&code=nope".encode()).status
            )
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    assert statuses == [422] * 10 + [429] * 4  # one budget, kept in Redis, not one per worker
    assert redis.Redis.from_url(f"{redis_url}/0").keys("LIMITS*")


def test_an_import_is_seen_by_every_worker_within_the_recheck_interval(nginx, gunicorn, tmp_path):
    path = "/centres?q=Bondy&kind=fertility"
    for _ in range(6):  # the fragment is now in the shared cache
        assert nginx.get(path, PARTIAL)[0] == 200
    extra = new_centre_file(tmp_path, "fertility-stack-test-bondy", "Stack test centre Bondy")
    imported = subprocess.run(
        [str(ROOT / ".venv/bin/flask") if (ROOT / ".venv/bin/flask").exists() else "flask", "--app", "companion"]
        + ["import-centres", str(extra)],
        cwd=ROOT,
        env=gunicorn.env,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    # Nothing cleared the shared cache: each worker reads the directory's version again within a second
    # (COMPANION_DIRECTORY_RECHECK_SECONDS), and the new version's answers have keys of their own.
    time.sleep(1.2)
    for _ in range(6):
        assert b"Stack test centre Bondy" in nginx.get(path, PARTIAL)[2]


def test_postgres_restart_under_load_gives_only_503s_then_recovers(nginx, gunicorn):
    pg_ctl = shlex.split(os.environ["COMPANION_TEST_PG_CTL"])
    statuses, stop = [], threading.Event()

    def person(n: int):
        i = n
        while not stop.is_set():
            town = TOWNS[i % len(TOWNS)]
            try:
                # A new question each time: the shared results cache (which keeps answering through an outage)
                # must not hide the database from this test.
                query = {"q": town, "limit": 1 + i % 50}
                status, _, _ = nginx.get("/centres?" + urllib.parse.urlencode(query), timeout=10)
            except (OSError, ssl.SSLError) as exc:
                status = type(exc).__name__
            statuses.append((time.monotonic(), status))
            i += 1

    people = [threading.Thread(target=person, args=(n,)) for n in range(4)]
    for p in people:
        p.start()
    try:
        time.sleep(1)
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], check=True, capture_output=True)
        down = time.monotonic()
        time.sleep(2)
        subprocess.run([*pg_ctl, "-w", "start"], check=True, capture_output=True)
        up = time.monotonic()
        time.sleep(3)
    finally:
        stop.set()
        for p in people:
            p.join()
    assert {s for _, s in statuses} <= {200, 503}, {s for _, s in statuses}
    assert any(s == 503 for t, s in statuses if down < t < up)  # the outage was seen, and said kindly
    assert all(s == 200 for t, s in statuses if t > up + 1.5)  # and it recovered
    assert "Error handling request" not in gunicorn.logs()


def test_logs_hold_no_place_code_answer_or_address(nginx, gunicorn):
    """A scripted visit: searches, a position, answers, a checklist with a note, its code typed and linked."""
    browser = nginx.browser()
    for town in ("Bondy", "93140"):
        browser.open(nginx.url("/centres?" + urllib.parse.urlencode({"q": town}))).read()
    browser.open(nginx.url("/api/v1/centres?lat=48.91&lon=2.49")).read()
    html = browser.open(nginx.url("/assessment/urgent")).read().decode()
    token = form_token(html)
    for step, data in (
        ("urgent", {"signs": "fever", "on_treatment": "yes"}),
        ("symptoms", {"pain": "7", "other": "5", "other_label": "Zorglubitis"}),
        ("distress", {"score": "6"}),
        ("context", {}),
    ):
        browser.open(
            nginx.url(f"/assessment/{step}"), data=urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        )
    browser.open(
        nginx.url("/checklist/items"), data=urllib.parse.urlencode({"csrf_token": token, "care": "pain"}).encode()
    )
    page = browser.open(nginx.url("/checklist")).read().decode()
    code = re.search(r'id="code-text">([^<]+)<', page).group(1)
    item = re.search(r'action="(/checklist/items/\d+)"', page).group(1)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    note = {"csrf_token": token, "version": version, "note": "Zorglub note"}
    browser.open(nginx.url(item), data=urllib.parse.urlencode(note).encode())
    other = nginx.browser()
    other.open(nginx.url("/checklist/open?" + urllib.parse.urlencode({"code": code}))).read()
    time.sleep(0.5)  # let the servers write their lines
    logs = nginx.logs() + gunicorn.logs()
    assert '"GET /centres" 200' in nginx.logs() and '"GET /centres" 200' in gunicorn.logs()
    for secret in ("Bondy", "93140", "48.91", "Zorglub", code, code.split("-")[0], "fever", "lat="):
        assert secret not in logs, secret
    access = "".join(p.read_text() for p in (nginx.folder / "logs").glob("*access*.log"))
    access += (gunicorn.folder / "gunicorn-access.log").read_text()
    assert "127.0.0.1" not in access  # no client address


def test_the_repository_units_name_the_real_commands():
    """deploy/systemd runs what the README says: gunicorn with gunicorn.conf.py, and the purge command."""
    units = {p.name: p.read_text() for p in (ROOT / "deploy/systemd").iterdir()}
    assert "gunicorn -c gunicorn.conf.py" in units["companion.service"]
    assert "flask --app companion purge" in units["companion-purge.service"]
    assert "OnCalendar=daily" in units["companion-purge.timer"]
    assert "UMask=0077" in units["companion.service"]
    assert io.StringIO((ROOT / "deploy/environment.example").read_text()).read().count("COMPANION_") >= 8


class Phone:
    """One person's browser, request by request (redirects not followed): its cookies, its CSRF token."""

    def __init__(self, nginx):
        self.nginx, self.cookies, self.lock = nginx, {}, threading.Lock()
        self.token = form_token(self.request("GET", "/checklist")[2])

    def request(self, method: str, path: str, fields: dict | None = None, timeout: float = 10):
        with self.lock:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Host": "localhost", "Referer": "https://localhost/", "Cookie": cookie}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode({"csrf_token": self.token, **fields})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = self.nginx.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                with self.lock:
                    self.cookies[name] = value
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()


def test_a_double_tap_on_add_through_the_stack_gives_one_item_and_no_error(nginx, gunicorn):
    """Ten taps at once on "add", for each of nine cares in turn, on one notebook: every tap answered as the
    first, one item per care, nothing of the request in the logs."""
    phone = Phone(nginx)
    assert phone.request("POST", "/checklist/items", {"care": "nutrition"})[0] == 303
    cares = ["pain", "psychology", "social", "physical_activity", "lifestyle", "carers", "fertility", "sexuality"]
    statuses = []
    for care in cares:
        barrier = threading.Barrier(10)

        def tap(care=care, barrier=barrier):
            barrier.wait()
            statuses.append(phone.request("POST", "/checklist/items", {"care": care, "reason": "Zorglub reason"})[0])

        taps = [threading.Thread(target=tap) for _ in range(10)]
        for t in taps:
            t.start()
        for t in taps:
            t.join()
    assert statuses == [303] * 10 * len(cares)
    page = phone.request("GET", "/checklist")[2]
    assert len(re.findall(r'<li id="item-\d+" class="checklist-item', page)) == 1 + len(cares)
    assert "Zorglub" not in gunicorn.logs()


def test_redis_is_bounded_and_keeps_nothing_on_disk_and_no_address(redis_url, nginx):
    """deploy/redis as shipped: maxmemory with an eviction policy, no snapshot, no append-only file; and the
    rate limits' keys hold no client address."""
    client = redis.Redis.from_url(f"{redis_url}/0")
    config = client.config_get("*")
    assert int(config["maxmemory"]) > 0 and config["maxmemory-policy"] != "noeviction"
    assert config["save"] == "" and config["appendonly"] == "no"
    Phone(nginx).request("POST", "/checklist/open", {"code": "nope"})
    keys = b" ".join(client.keys("*"))
    assert b"LIMITS" in keys and b"127.0.0.1" not in keys


def test_redis_stopped_under_load_never_gives_a_500_and_loses_no_write(nginx, gunicorn, redis_server):
    """Searches (each a new question) and checklist writes while Redis is stopped for two seconds, then back."""
    statuses, acked, stop_load = [], {}, threading.Event()
    writers = [Phone(nginx) for _ in range(2)]
    for phone in writers:
        assert phone.request("POST", "/checklist/items", {"care": "pain"})[0] == 303

    def search(n: int):
        i = n
        while not stop_load.is_set():
            query = {"q": TOWNS[i % len(TOWNS)], "limit": 1 + i % 50}
            statuses.append(("search", nginx.get("/centres?" + urllib.parse.urlencode(query), PARTIAL)[0]))
            i += 1

    def write(phone: Phone):
        page = phone.request("GET", "/checklist")[2]
        item = re.search(r'action="(/checklist/items/\d+)"', page).group(1)
        version, acked[phone] = int(re.search(r'name="version" value="(\d+)"', page).group(1)), 0
        while not stop_load.is_set():
            status = phone.request("POST", item, {"version": str(version), "note": f"note {version}"})[0]
            statuses.append(("write", status))
            if status == 303:
                version, acked[phone] = version + 1, acked[phone] + 1

    load = [threading.Thread(target=search, args=(n,)) for n in range(3)]
    load += [threading.Thread(target=write, args=(phone,)) for phone in writers]
    for t in load:
        t.start()
    try:
        time.sleep(1)
        redis_server.stop()
        time.sleep(0.5)
        health = json.loads(nginx.get("/healthz")[2])
        time.sleep(1.5)
        redis_server.start()
        time.sleep(1.5)
    finally:
        stop_load.set()
        for t in load:
            t.join()
    assert health["status"] == "degraded" and health["cache"] == "unavailable" and health["limits"] == "unavailable"
    assert json.loads(nginx.get("/healthz")[2])["status"] == "ok"
    counted = {status for _, status in statuses}
    assert counted <= {200, 303}, counted
    assert sum(1 for kind, _ in statuses if kind == "write") > 20
    for phone in writers:  # every write acknowledged is stored, and nothing else
        page = phone.request("GET", "/checklist")[2]
        assert int(re.search(r'name="version" value="(\d+)"', page).group(1)) == 1 + acked[phone]
    assert "Error handling request" not in gunicorn.logs()
    assert "falling back to in-memory storage" in gunicorn.logs()


def test_the_site_is_french_by_default(nginx):
    """The recipe compiles the catalogues (make production): a French visitor reads French."""
    status, _, body = nginx.get("/", {"Accept-Language": "fr-FR,fr;q=0.9"})
    page = body.decode()
    assert status == 200 and '<html lang="fr">' in page
    assert "Sources et données" in page and "Sources and data" not in page
    assert "Sources and data" in nginx.get("/", {"Accept-Language": "en"})[2].decode()


def test_one_address_cannot_take_every_connection_and_unknown_hosts_get_nothing(nginx):
    """limit_conn: past 32 held connections, one address gets 429 at once; another address is served."""
    held = []
    try:
        for _ in range(40):
            raw = socket.create_connection(("127.0.0.1", nginx.https_port), timeout=5)
            tls = nginx.context.wrap_socket(raw, server_hostname="localhost")
            tls.sendall(b"POST /checklist/open HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\ncode=AB")
            held.append(tls)
        time.sleep(0.3)
        refused = 0
        for tls in held:
            tls.settimeout(0.05)
            with contextlib.suppress(TimeoutError, ssl.SSLError, OSError):
                refused += tls.recv(64).startswith(b"HTTP/1.1 429")
        assert refused == 40 - 32
        other = socket.create_connection(("127.0.0.1", nginx.https_port), timeout=5, source_address=("127.0.0.2", 0))
        tls = nginx.context.wrap_socket(other, server_hostname="localhost")
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert tls.recv(64).startswith(b"HTTP/1.1 200")
        tls.close()
    finally:
        for tls in held:
            tls.close()
    for host in ("evil.example", "127.0.0.1"):  # any other name: the connection is closed, nothing answered
        connection = nginx.connection()
        connection.request("GET", "/", headers={"Host": host})
        try:
            connection.getresponse()
            answered = True
        except (http.client.RemoteDisconnected, ConnectionResetError):
            answered = False
        assert not answered, host
    plain = socket.create_connection(("127.0.0.1", nginx.http_port), timeout=5)
    plain.sendall(b"GET /?q=Bondy HTTP/1.1\r\nHost: evil.example\r\n\r\n")
    assert plain.recv(64) == b""
    plain.close()


def test_with_gunicorn_stopped_nginx_shows_its_maintenance_page(nginx, gunicorn):
    """nginx's own 502: the page of deploy/nginx, with the urgent numbers and the security headers."""
    gunicorn.stop()
    try:
        status, headers, body = nginx.get("/centres?q=Bondy")
    finally:
        gunicorn.start()
    page = body.decode()
    assert status == 502 and '<html lang="fr">' in page
    assert all(f'href="tel:{n}"' in page for n in ("15", "112", "3114")) and 'href="sms:114"' in page
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["strict-transport-security"].startswith("max-age")
    assert nginx.get("/healthz")[0] == 200

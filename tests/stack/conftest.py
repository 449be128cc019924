"""The production stack, for real, on loopback: PostgreSQL, Redis, gunicorn with two workers, and nginx
with the repository's configuration (deploy/nginx) and a throwaway self-signed certificate.

It runs in the PostgreSQL run of `make test` (scripts/with_postgres.sh provides the cluster)."""

import datetime
import http.client
import http.cookiejar
import ipaddress
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy.engine import make_url

from tests.helpers import POSTGRES, ROOT, free_port, gunicorn_command, postgres_admin

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/stack/" in str(item.fspath).replace("\\", "/") and not POSTGRES:
            item.add_marker(pytest.mark.skip(reason="the stack runs on PostgreSQL: the PostgreSQL run of make test"))


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not open port {port}")


def stop(process: subprocess.Popen):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class Redis:
    """redis-server with the repository's settings (deploy/redis), on a loopback port; stopped and started
    again by the outage test."""

    port: int
    folder: Path
    server: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self):
        command = [REDIS, str(ROOT / "deploy/redis/companion.conf"), "--port", str(self.port), "--bind", "127.0.0.1"]
        self.server = subprocess.Popen(command, cwd=self.folder, stdout=subprocess.DEVNULL)
        wait_for_port(self.port, self.server, "redis-server")

    def stop(self):
        stop(self.server)


@pytest.fixture(scope="package")
def redis_server(tmp_path_factory):
    server = Redis(free_port(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def redis_url(redis_server):
    return redis_server.url


@pytest.fixture(scope="package")
def stack_database(seeded_database):
    name = f"stack_{uuid.uuid4().hex[:10]}"
    postgres_admin(f"CREATE DATABASE {name} TEMPLATE {seeded_database}")
    yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    postgres_admin(f"DROP DATABASE {name} WITH (FORCE)")


@dataclass
class App:
    """gunicorn with the repository's gunicorn.conf.py; stopped and started again by the maintenance test."""

    port: int
    folder: Path
    env: dict
    server: subprocess.Popen | None = None

    def logs(self) -> str:
        return "".join(p.read_text() for p in sorted(self.folder.glob("gunicorn-*.log")))

    def start(self):
        logs = ("--access-logfile", str(self.folder / "gunicorn-access.log"))
        logs += ("--error-logfile", str(self.folder / "gunicorn-error.log"))
        self.server = subprocess.Popen(gunicorn_command(self.port, "--workers", "2", *logs), cwd=ROOT, env=self.env)
        wait_for_port(self.port, self.server, "gunicorn")
        # The port opens before the workers have built their index: wait until one answers (slow on a busy machine).
        deadline = time.monotonic() + 60
        while True:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                connection.request("GET", "/healthz", headers={"Host": "localhost"})
                connection.getresponse().read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
            finally:
                connection.close()

    def stop(self):
        stop(self.server)


def production_env(database_url: str, redis_url: str, folder: Path) -> dict:
    return {
        **os.environ,
        "COMPANION_ENV": "production",
        "COMPANION_SECRET_KEY": "stack-test-" + "x" * 40,
        "COMPANION_DATABASE_URL": database_url,
        "COMPANION_INSTANCE_PATH": str(folder),
        "COMPANION_PROXY_COUNT": "1",
        "COMPANION_RATELIMIT_STORAGE_URI": f"{redis_url}/0",
        "COMPANION_CACHE_TYPE": "RedisCache",
        "COMPANION_CACHE_REDIS_URL": f"{redis_url}/1",
        # Every request here comes from 127.0.0.1: the load tests would spend one address's write budget.
        "COMPANION_WRITE_LIMIT": "2000 per minute",
        "COMPANION_TRUSTED_HOSTS": '["localhost"]',
    }


@pytest.fixture(scope="package")
def gunicorn(stack_database, redis_url, tmp_path_factory):
    """Two gunicorn workers sharing Redis, with the repository's gunicorn.conf.py."""
    folder = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    app = App(port, folder, production_env(stack_database, redis_url, folder))
    app.start()
    yield app
    app.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A one-day certificate for localhost and 127.0.0.1, made here (no openssl call, no network)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, private


@dataclass
class Proxy:
    http_port: int
    https_port: int
    folder: Path
    context: ssl.SSLContext
    brotli: bool

    def logs(self) -> str:
        return "".join(p.read_text() for p in sorted((self.folder / "logs").glob("*.log")))

    def connection(self, timeout: float = 10) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("127.0.0.1", self.https_port, context=self.context, timeout=timeout)

    def get(self, path: str, headers=None, timeout: float = 10) -> tuple[int, dict, bytes]:
        connection = self.connection(timeout)
        try:
            connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def browser(self) -> urllib.request.OpenerDirector:
        """A person's browser: cookies kept, certificate trusted, one new connection per request."""
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=self.context),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        )
        # Browsers send the page they are on; Flask-WTF checks it over HTTPS against the host nginx passes
        # on as the browser sent it (port included).
        opener.addheaders = [("Referer", f"https://localhost:{self.https_port}/")]
        return opener

    def url(self, path: str) -> str:
        return f"https://localhost:{self.https_port}{path}"


def render(path: str, replacements: dict[str, str]) -> str:
    text = (ROOT / path).read_text()
    for old, new in replacements.items():
        assert old in text, f"{path} no longer has {old!r}"
        text = text.replace(old, new)
    return text


def render_nginx(folder: Path, upstream: int, http_port: int, https_port: int, cert: Path, key: Path) -> Path:
    """deploy/nginx as shipped (main file and site), with this run's ports, certificate and folders swapped in."""
    site = render(
        "deploy/nginx/companion.conf",
        {
            "/etc/letsencrypt/live/companion.example/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/companion.example/privkey.pem": str(key),
            "/var/log/nginx/": f"{folder}/logs/",
            "/srv/companion/deploy/nginx": str(ROOT / "deploy/nginx"),
            "server_name companion.example;": "server_name localhost;",
            "127.0.0.1:8000": f"127.0.0.1:{upstream}",
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
            "listen 443 ssl http2 default_server;": f"listen 127.0.0.1:{https_port} ssl http2 default_server;",
        },
    )
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # loopback only
    if BROTLI_MODULE.exists():
        brotli = (ROOT / "deploy/nginx/brotli.conf").read_text()
        site = site.replace("    gzip on;", brotli + "\n    gzip on;", 1)
    (folder / "logs").mkdir()
    (folder / "companion.conf").write_text(site)
    temp = "".join(
        f"    {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = render(
        "deploy/nginx/nginx.conf",
        {
            "user www-data;": "user root;" if os.geteuid() == 0 else "",
            "pid /run/nginx.pid;": f"pid {folder}/nginx.pid;\ndaemon off;",
            "/var/log/nginx/": f"{folder}/logs/",
            "include /etc/nginx/modules-enabled/*.conf;": f"load_module {BROTLI_MODULE};"
            if BROTLI_MODULE.exists()
            else "",
            "include /etc/nginx/conf.d/*.conf;": f"{temp}    include {folder}/companion.conf;",
        },
    )
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf"


@pytest.fixture(scope="package")
def nginx(gunicorn, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    cert, key = self_signed(folder)
    http_port, https_port = free_port(), free_port()
    config = render_nginx(folder, gunicorn.port, http_port, https_port, cert, key)
    checked = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(folder)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder)])
    wait_for_port(https_port, server, "nginx")
    context = ssl.create_default_context(cafile=str(cert))
    yield Proxy(http_port, https_port, folder, context, BROTLI_MODULE.exists())
    stop(server)

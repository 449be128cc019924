"""Production entry point: gunicorn with the repository's settings, a required secret key, private logs."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from companion import create_app
from tests.helpers import ROOT


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_ENV", "production")
    with pytest.raises(RuntimeError, match="COMPANION_SECRET_KEY"):
        create_app()
    assert not (tmp_path / "secret_key").exists()
    monkeypatch.setenv("COMPANION_SECRET_KEY", "a-long-random-string-from-the-operator")
    assert create_app().config["SECRET_KEY"] == "a-long-random-string-from-the-operator"


@pytest.mark.parametrize(
    "name, key, problem",
    [
        ("SECRET_KEY", "", "is not set"),
        ("SECRET_KEY", "short", "too short"),
        ("SECRET_KEY", "replace-with-the-output-of: python3 -c 'import secrets'", "placeholder"),
        ("COORDINATOR_TOKEN", "coordinator", "too short"),
    ],
)
def test_production_refuses_a_placeholder_or_short_key(tmp_path, monkeypatch, name, key, problem):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.setenv("COMPANION_SECRET_KEY", "k" * 64)
    monkeypatch.setenv(f"COMPANION_{name}", key)
    with pytest.raises(RuntimeError, match=f"COMPANION_{name} .*{problem}.*secrets.token_hex"):
        create_app()


def test_sourcing_the_example_settings_runs_nothing_and_sets_no_key(tmp_path):
    """The example file is sourced by people (set -a; . file): no command in a value, no key to keep."""
    shown = subprocess.run(
        ["/bin/bash", "-c", f"set -a && . {ROOT / 'deploy/environment.example'} && set +a && env"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
    )
    assert shown.returncode == 0 and shown.stderr == ""
    settings = dict(line.split("=", 1) for line in shown.stdout.splitlines() if line.startswith("COMPANION_"))
    assert settings["COMPANION_SECRET_KEY"] == "" and settings["COMPANION_ENV"] == "production"


def test_proxy_count_trusts_forwarded_headers(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "PROXY_COUNT": 1})
    response = app.test_client().get(
        "/sheet?q=Bondy", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "companion.example"}
    )
    assert "https://companion.example/centres?q=Bondy" in response.get_data(as_text=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_the_app_and_logs_no_place(database_url, tmp_path):
    port = free_port()
    env = {
        "PATH": str(Path(sys.executable).parent),
        "COMPANION_BIND": f"127.0.0.1:{port}",
        "COMPANION_DATABASE_URL": database_url,
        "COMPANION_SECRET_KEY": "gunicorn-test-" + "k" * 32,
        "COMPANION_ENV": "production",
        "COMPANION_INSTANCE_PATH": str(tmp_path),
        "HOME": "/proc/no-home",  # as under systemd (ProtectHome, ProtectSystem): nowhere to write
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/centres?q=Bondy&lat=&lon=", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        assert b"Bondy (93140)" in body
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert '"GET /centres" 200' in log
    assert "Bondy" not in log and "127.0.0.1 " not in log.split("Listening at")[-1]
    assert "[ERROR]" not in log and "ontrol socket" not in log  # gunicorn's control socket is not started


def test_purge_runs_in_production_without_the_secret_key(tmp_path, database_url):
    """The daily timer's command needs the database, not the key that signs cookies; serving still does."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")},
        "COMPANION_ENV": "production",
        "COMPANION_DATABASE_URL": database_url,
        "COMPANION_INSTANCE_PATH": str(tmp_path),
    }
    flask = str(Path(sys.executable).parent / "flask")
    purged = subprocess.run([flask, "--app", "companion", "purge"], env=env, capture_output=True, text=True)
    assert purged.returncode == 0, purged.stderr
    assert "Deleted 0 notebook(s)" in purged.stdout and not (tmp_path / "secret_key").exists()
    served = subprocess.run([flask, "--app", "companion", "routes"], env=env, capture_output=True, text=True)
    assert served.returncode != 0 and "COMPANION_SECRET_KEY" in served.stderr


def test_the_production_install_compiles_translations_and_installs_no_test_tools():
    """`make production` (the README's recipe): the catalogues compiled, the redis extra, not the test one."""
    planned = subprocess.run(
        [shutil.which("make") or "/usr/bin/make", "-n", "production"], cwd=ROOT, capture_output=True, text=True
    )
    assert planned.returncode == 0, planned.stderr
    assert "pybabel compile -d translations" in planned.stdout
    assert "'.[redis]'" in planned.stdout and "[test]" not in planned.stdout
    assert "make production" in (ROOT / "README.md").read_text()


def test_an_unknown_host_is_refused(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "TRUSTED_HOSTS": ["a.example"]})
    client = app.test_client()
    assert client.get("/sheet?q=Bondy", headers={"Host": "a.example"}).status_code == 200
    assert client.get("/sheet?q=Bondy", headers={"Host": "evil.example"}).status_code == 400

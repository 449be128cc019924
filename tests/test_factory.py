import stat

from companion import create_app


def test_defaults_are_safe(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'companion.sqlite'}"
    assert app.config["GEOCODER"] == ""  # no online service unless asked for


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    assert len(first) == 64 and first == create_app().config["SECRET_KEY"]
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_environment_variables_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_SECRET_KEY", "from-env")
    monkeypatch.setenv("COMPANION_TILE_URL", "https://tiles.example.net/{z}/{x}/{y}.png")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert "https://tiles.example.net" in app.test_client().get("/healthz").headers["Content-Security-Policy"]


def test_overrides_given_to_the_factory_win(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_DATABASE_URL", "sqlite:///from-env.sqlite")
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
    assert app.testing and app.config["DATABASE_URL"] == "sqlite://"

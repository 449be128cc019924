"""Real Chromium (Debian's) driven by Playwright, against the real app on a loopback port."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.helpers import serve

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            # The threaded test server may drop a static file's handle when Chromium cancels a request.
            item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"))


@pytest.fixture(scope="session")
def live_server(seeded_database, tmp_path_factory):
    yield from serve(seeded_database, tmp_path_factory.mktemp("live"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _keep_local(route):
    """No test needs the network: tiles and anything not on loopback are refused."""
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


class Phone:
    """Opens pages at phone size and records console errors other than refused outside requests."""

    def __init__(self, browser, request, **options):
        self.context = browser.new_context(**{**PHONE, "locale": "fr-FR", **options})
        self.context.route("**/*", _keep_local)
        self.errors = []
        self.name = request.node.name
        self.page = self.context.new_page()
        # Name the element behind any CSP violation, so a failure says where to look.
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation:',"
            " e.violatedDirective, e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 200) : e.blockedURI))"
        )
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _console(self, message):
        if message.type == "error" and "net::ERR_FAILED" not in message.text:
            self.errors.append(message.text)

    def screenshot(self, label: str = ""):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{self.name}{label}.png", full_page=True)


@pytest.fixture
def phone(browser, request):
    device = Phone(browser, request)
    yield device
    device.context.close()
    assert device.errors == [], "console errors (CSP violations, script errors)"


@pytest.fixture
def make_phone(browser, request):
    """A phone with other options: JavaScript off, geolocation granted, another locale."""
    devices = []

    def make(**options):
        devices.append(Phone(browser, request, **options))
        return devices[-1]

    yield make
    for device in devices:
        device.context.close()

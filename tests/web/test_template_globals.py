"""Each template keeps the app's template globals as they were when it was loaded (companion.TemplateEnvironment,
a plain dict rather than Jinja's ChainMap): every global must be registered before any template is loaded."""

from tests.helpers import PARTIAL

PAGES = ("/", "/centres?q=Lyon", "/sheet?q=Lyon", "/assessment", "/urgent", "/checklist", "/cares", "/caregivers")


def test_every_template_loaded_sees_every_global_of_the_app(app, client):
    for page in PAGES:
        assert client.get(page).status_code == 200
        assert client.get(page, headers=PARTIAL).status_code == 200
    loaded = list(app.jinja_env.cache.values())
    assert len(loaded) > 20
    for template in loaded:
        assert isinstance(template.globals, dict), template.name
        for name, value in app.jinja_env.globals.items():
            assert template.globals.get(name) is value, (template.name, name)

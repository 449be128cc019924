"""The README's map, checked: how the parts meet (read from the source, as a newcomer would read it)."""

import ast

from tests.helpers import ROOT

PACKAGE = ROOT / "companion"
PARTS = {"pages", "assessment", "cares", "directory", "checklist"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, path.read_text(encoding="utf-8")


def _imported(source: str) -> set[str]:
    """The companion modules `source` imports (a name imported from a package counts as its module)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("companion"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("companion"))
    return names


MODULES = dict(_modules())
VIEWS = {name for name, source in MODULES.items() if "Blueprint(" in source}  # the modules holding routes


def test_there_are_views_to_check():
    assert {"companion.pages.views", "companion.directory.views", "companion.directory.api"} <= VIEWS


def test_only_create_app_and_its_own_part_import_a_view():
    """Nothing reaches into a part through its views (template names included): what other parts, templates or
    web/ need lives in a domain module or a module that says it reads the request."""
    for name, source in MODULES.items():
        if name == "companion":
            continue
        for view in _imported(source) & VIEWS:
            assert name in VIEWS and view.split(".")[1] == name.split(".")[1], f"{name} imports {view}"


def test_web_imports_no_part():
    for name, source in MODULES.items():
        if name.startswith("companion.web"):
            parts = {imported.split(".")[1] for imported in _imported(source)} & PARTS
            assert not parts, f"{name} imports {parts}"


def test_the_readme_map_names_every_module():
    """The map follows the tree: a module the map doesn't name is one a newcomer can't find from it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    the_map = readme[readme.index("## What is inside") : readme.index("## Settings")]
    modules = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts and p.name != "__init__.py"]
    assert len(modules) > 50
    assert not [str(p.relative_to(ROOT)) for p in modules if p.name not in the_map]


def test_no_blueprint_registers_an_app_wide_hook():
    """Every hook that runs for every page is registered by create_app, where a reader looks for them."""
    for name in VIEWS:
        assert "after_app_request" not in MODULES[name] and "before_app_request" not in MODULES[name], name

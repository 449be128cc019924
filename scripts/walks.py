"""Count what a reader follows through three requests: a directory search (htmx, a place not asked before), a
questionnaire step (htmx, changed answers) and a checklist status change that meets a stale version (409).

For each walk: the files run (Python modules of the app and templates), the app's functions run, and the hops
(distinct caller file → callee file links among those). "Frame" is what a bare fragment (the urgent-help page
asked by htmx) also runs — the hooks, session, headers and layout every request shares, read once; "own" is
the rest, what a reader follows for that request alone. Run from the repository: `python scripts/walks.py`
(`-v` lists them). The app is the production configuration on a fresh SQLite database with the bundled data.
"""

import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OURS = (str(ROOT / "companion") + os.sep, str(ROOT / "templates") + os.sep)
HTMX = {"HX-Request": "true", "HX-Request-Type": "partial", "Accept-Language": "en"}
PLAIN = {"Accept-Language": "en"}


def ours(frame):
    """The nearest frame of the app's own code (a module or a template) at or above `frame`, if any."""
    while frame is not None and not frame.f_code.co_filename.startswith(OURS):
        frame = frame.f_back
    return frame


def short(filename: str) -> str:
    return filename[len(str(ROOT)) + 1 :]


def traced(call):
    """Run `call`, noting each of the app's functions entered and which of the app's files called it."""
    functions, files, hops = set(), set(), set()

    def note(frame, event, _arg):
        if event != "call" or not frame.f_code.co_filename.startswith(OURS):
            return
        callee = short(frame.f_code.co_filename)
        files.add(callee)
        if callee.startswith("companion"):
            functions.add((callee, frame.f_code.co_name))
        caller = ours(frame.f_back)
        if caller is not None and short(caller.f_code.co_filename) != callee:
            hops.add((short(caller.f_code.co_filename), callee))

    sys.setprofile(note)
    try:
        response = call()
    finally:
        sys.setprofile(None)
    return response, {"files": files, "functions": functions, "hops": hops}


def form_fields(page: bytes, action: str) -> tuple[dict, dict]:
    """The form posting to `action`: its hidden and text fields, and each group of radio buttons' choices."""
    form = re.search(rb'<form[^>]*action="' + re.escape(action.encode()) + rb'"[^>]*>(.*?)</form>', page, re.S)
    fields, choices = {}, defaultdict(list)
    for tag in re.findall(rb"<input[^>]*>", form.group(1)):
        kind, name, value = (re.search(rb'%s="([^"]*)"' % a, tag) for a in (b"type", b"name", b"value"))
        if not name or (kind and kind.group(1) in (b"checkbox", b"submit")):
            continue
        value = value.group(1).decode() if value else ""
        if kind and kind.group(1) == b"radio":
            choices[name.group(1).decode()].append(value)
        else:
            fields.setdefault(name.group(1).decode(), value)
    return fields, choices


def walks(client):
    """The three walks, each after one untraced run of the same kind so that what is kept per worker is warm."""
    client.get("/urgent", headers=HTMX)
    yield "frame (bare fragment)", client.get("/urgent", headers=HTMX), None
    client.get("/centres?q=Lyon", headers=HTMX)
    yield "directory search", None, lambda: client.get("/centres?q=Dijon", headers=HTMX)

    urgent, _ = form_fields(client.get("/assessment/urgent", headers=PLAIN).data, "/assessment/urgent")
    client.post("/assessment/urgent", data=urgent, headers=PLAIN)
    fields, choices = form_fields(client.get("/assessment/symptoms", headers=PLAIN).data, "/assessment/symptoms")

    def step(score):
        form = {**fields, **{name: values[score % len(values)] for name, values in choices.items()}}
        return client.post("/assessment/symptoms", data=form, headers=HTMX)

    step(1)
    yield "questionnaire step", None, lambda: step(3)

    token = fields["csrf_token"]
    client.post("/checklist/items", data={"csrf_token": token, "care": "pain"}, headers=PLAIN)
    page = client.get("/checklist", headers=PLAIN).get_data(as_text=True)
    item, version = re.search(r'/checklist/items/(\d+)".*?name="version" value="(\d+)"', page, re.S).groups()
    url = f"/checklist/items/{item}"
    client.post(url, data={"csrf_token": token, "version": version, "status": "asked"}, headers=HTMX)
    stale = {"csrf_token": token, "version": version, "status": "done"}
    yield "stale checklist change", None, lambda: client.post(url, data=stale, headers=HTMX)


def main(verbose: bool):
    folder = tempfile.mkdtemp()
    os.environ.update(
        COMPANION_INSTANCE_PATH=folder,
        COMPANION_DATABASE_URL=f"sqlite:///{Path(folder) / 'companion.sqlite'}",
        COMPANION_SECRET_KEY="walks-" + "k" * 32,
        COMPANION_ENV="production",
    )
    flask = [sys.executable, "-m", "flask", "--app", "companion"]
    subprocess.run([*flask, "init-db"], cwd=ROOT, check=True, capture_output=True)
    from companion import create_app

    client = create_app().test_client()
    frame = None
    print(f"{'walk':<24} {'files':>13} {'functions':>13} {'hops':>13}   (all · own)")
    for name, _, call in walks(client):
        if call is None:
            _, frame = traced(lambda: client.get("/urgent", headers=HTMX))
            counts = [f"{len(frame[k]):>13}" for k in ("files", "functions", "hops")]
            print(f"{name:<24} {' '.join(counts)}")
            continue
        response, seen = traced(call)
        own = {k: seen[k] - frame[k] for k in seen}
        counts = [f"{len(seen[k]):>5} · {len(own[k]):>3}" for k in ("files", "functions", "hops")]
        print(f"{name:<24} {' '.join(counts)}   status {response.status_code}")
        if verbose:
            by_file = defaultdict(list)
            for file, function in sorted(own["functions"]):
                by_file[file].append(function)
            for file in sorted(own["files"]):
                print(f"    {file}: {' '.join(by_file.get(file, []))}")
            for caller, callee in sorted(own["hops"]):
                print(f"      {caller} → {callee}")


if __name__ == "__main__":
    main("-v" in sys.argv)

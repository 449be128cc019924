#!/usr/bin/env python3
"""Vendored front-end files: fetch them from their npm packages, or verify them against the manifest.

python scripts/vendor.py verify   # check every file's sha256 (no network)
python scripts/vendor.py fetch    # npm pack each package, copy the files, check or record sha256
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "static" / "vendor" / "manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(manifest: dict) -> list[str]:
    problems = []
    for package in manifest["packages"]:
        for entry in package["files"]:
            path = ROOT / entry["dest"]
            if not path.exists():
                problems.append(f"missing {entry['dest']}")
            elif sha256(path) != entry["sha256"]:
                problems.append(f"checksum differs for {entry['dest']}")
    return problems


def fetch(manifest: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for package in manifest["packages"]:
            spec = f"{package['name']}@{package['version']}"
            out = subprocess.run(
                ["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
            unpack = Path(tmp) / package["name"].replace("/", "_")
            with tarfile.open(Path(tmp) / out) as tar:
                tar.extractall(unpack, filter="data")
            for entry in package["files"]:
                source, dest = unpack / "package" / entry["src"], ROOT / entry["dest"]
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, dest)
                digest = sha256(dest)
                if entry.get("sha256") and entry["sha256"] != digest:
                    sys.exit(f"{spec}: {entry['src']} does not match the recorded sha256")
                entry["sha256"] = digest
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    manifest = json.loads(MANIFEST.read_text())
    if sys.argv[1:] == ["fetch"]:
        fetch(manifest)
    problems = verify(manifest)
    print("\n".join(problems) or "vendored files match the manifest")
    sys.exit(1 if problems else 0)

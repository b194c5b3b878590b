"""What the set-up script and the workflows install is exactly what was reviewed: every Python
distribution, direct or indirect, comes from a lock file that pins it with its hashes
(requirements/dev.txt for scripts/setup.sh, requirements/lock.txt for the workflows), the package
itself is installed without fetching anything more, and npm installs from package-lock.json
(integrity hashes) without running install scripts."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"dev": ROOT / "requirements" / "dev.txt", "lock": ROOT / "requirements" / "lock.txt"}
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)(\s*;\s*(?P<marker>.+))?$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(path: Path) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, version, marker, hashes) of each requirement; anything else in the file fails."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        words = line.split(" --hash=")
        found = ENTRY.match(words[0].strip())
        assert found, f"{path.name}: not a pinned requirement: {line[:80]}"
        hashes = ["--hash=" + w.strip() for w in words[1:]]
        out.append((_norm(found["name"]), found["version"], found["marker"], hashes))
    return out


def _applicable(path: Path) -> dict[str, str]:
    """name → version of the entries whose marker holds here."""
    out: dict[str, str] = {}
    for name, version, marker, _ in _entries(path):
        if marker is None or Requirement(f"x; {marker}").marker.evaluate():
            assert name not in out, f"{path.name}: {name} twice"
            out[name] = version
    return out


def _closure(root: str, extras: set[str]) -> dict[str, str]:
    """Every distribution the installed `root[extras]` resolves to, with its installed version."""
    env = default_environment()
    seen: dict[str, str] = {}
    todo = [(root, frozenset(extras))]
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, wanted = todo.pop()
        if (_norm(name), wanted) in done:
            continue
        done.add((_norm(name), wanted))
        dist = metadata.distribution(name)
        seen[_norm(name)] = dist.version
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in (wanted or {""})):
                continue
            todo.append((req.name, frozenset(req.extras)))
    seen.pop("cchc")
    return seen


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_every_locked_distribution_is_pinned_with_its_hashes(which):
    entries = _entries(LOCKS[which])
    assert len(entries) > 20
    for name, version, _, hashes in entries:
        assert hashes, f"{name}=={version} has no hash"
        assert all(HASH.match(h) for h in hashes), (name, hashes)
    assert "bash scripts/lock.sh" in LOCKS[which].read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize(("which", "extras"), [("dev", {"test"}), ("lock", set())])
def test_the_lock_pins_every_distribution_the_package_resolves(which, extras):
    locked = _applicable(LOCKS[which])
    resolved = _closure("cchc", extras)
    missing = {n: v for n, v in resolved.items() if locked.get(n) != v}
    assert not missing, f"{LOCKS[which].name} does not pin (at the installed version): {missing}"
    # the build backend too: the package is installed with --no-build-isolation
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for text in project["build-system"]["requires"]:
        req = Requirement(text)
        assert req.specifier.contains(locked[_norm(req.name)]), (which, text)


def test_the_two_locks_agree():
    dev = {(n, m): v for n, v, m, _ in _entries(LOCKS["dev"])}
    lock = {(n, m): v for n, v, m, _ in _entries(LOCKS["lock"])}
    assert set(lock) <= set(dev)
    assert {k: v for k, v in lock.items() if dev[k] != v} == {}


def test_the_locked_versions_are_the_ones_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dev = _applicable(LOCKS["dev"])
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        req = Requirement(text)
        assert isinstance(req.specifier, SpecifierSet) and req.specifier.contains(dev[_norm(req.name)]), text


# -- who installs what


def _pip_lines(script: str) -> list[str]:
    return [
        line.strip() for line in re.sub(r"\\\n", " ", script).splitlines() if re.search(r"\bpip\b.*\binstall\b", line)
    ]


def _npm_lines(script: str) -> list[str]:
    return [line.strip() for line in script.splitlines() if re.search(r"(^|\s)npm\s", line)]


def _installs_only_locked(script: str, lock: str) -> None:
    pip = _pip_lines(script)
    assert pip, "no pip install found"
    for line in pip:
        hashed = f"--require-hashes -r {lock}" in line and line.endswith(lock)
        own = re.search(r"--no-deps --no-build-isolation (-e )?(\.|\./base)$", line)
        assert hashed or own, line
        assert "--upgrade" not in line and " -U " not in line, line
    assert any(f"--require-hashes -r {lock}" in line for line in pip)
    for line in _npm_lines(script):
        assert re.search(r"\bnpm ci --ignore-scripts\b", line), line


def _jobs():
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            yield f"{path.name}:{name}", job


def test_setup_installs_only_the_locked_distributions():
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    _installs_only_locked(script, "requirements/dev.txt")
    assert "npm ci --ignore-scripts" in script and "npm install" not in script


@pytest.mark.parametrize(("where", "job"), list(_jobs()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_job_installs_only_the_locked_distributions(where, job):
    script = "\n".join(s.get("run", "") for s in job.get("steps", []))
    writes = "write" in (job.get("permissions") or {}).values()
    if _pip_lines(script) or _npm_lines(script):
        lock = "base/requirements/lock.txt" if "./base" in script else "requirements/lock.txt"
        _installs_only_locked(script, lock)
        assert "npm install" not in script
    elif writes:  # a job with a write token that installs nothing is fine: nothing to review
        assert not re.search(r"\b(pip|pipx|uv|npm|npx|yarn|pnpm)\b", script), where


def test_the_npm_lock_has_an_integrity_hash_for_every_package():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages
    for key, item in packages.items():
        if item.get("link"):
            continue
        assert re.match(r"^sha512-[A-Za-z0-9+/]+=*$", item.get("integrity", "")), key
        assert item.get("version"), key

"""Fixtures for the web editor: a temporary Git clone of the sample province, Decap's
local proxy (decap-server) on that clone, the /admin/ folder served on localhost, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browsers import record_outside_requests, serve_folder

from cchc.editor import site
from cchc.load import repository

REPO = Path(__file__).resolve().parents[2]
DATA = ("province.yaml", "criteria", "units", "plans", "submissions", "surveys")
BRANCH = "main"


@pytest.fixture(autouse=True)
def _no_forge_settings(monkeypatch):
    """The editor's backend comes from CCHC_EDITOR_* and GITHUB_REPOSITORY: a CI runner's own
    values must not leak into what the tests expect."""
    for name in [n for n in os.environ if n.startswith("CCHC_EDITOR_")] + ["GITHUB_REPOSITORY"]:
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Văn thư",
        "GIT_AUTHOR_EMAIL": "vanthu@example.vn",
        "GIT_COMMITTER_NAME": "Văn thư",
        "GIT_COMMITTER_EMAIL": "vanthu@example.vn",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def sample_data(target: Path) -> Path:
    """The bundled sample province (repository root) when present, else a generated one."""
    if (REPO / "province.yaml").is_file():
        target.mkdir(parents=True)
        for name in DATA:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, target / name)
            elif src.is_file():
                shutil.copy2(src, target / name)
    else:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cchc.sample",
                "--out",
                str(target),
                "--so",
                "4",
                "--huyen",
                "1",
                "--xa",
                "2",
                "--xa-2025",
                "2",
            ],
            check=True,
            capture_output=True,
        )
    return target


def forge_clone(base: Path, source: Path, message: str) -> Path:
    """``source`` committed on the main branch, pushed to a bare 'origin' in ``base`` (as on a
    forge) and cloned from there: the clone."""
    git(source, "init", "-q", "-b", BRANCH)
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", message)
    git(base, "clone", "-q", "--bare", str(source), "origin.git")
    git(base, "clone", "-q", "origin.git", "clone")
    return base / "clone"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    """A plain copy of the sample province (no Git)."""
    return sample_data(tmp_path_factory.mktemp("editor-sample") / "repo")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone (with a bare 'origin', as on a forge) of the sample repository."""
    base = tmp_path_factory.mktemp("editor-repo")
    work = forge_clone(base, sample_data(base / "source"), "Sample province")
    git(work, "config", "user.name", "Văn thư")
    git(work, "config", "user.email", "vanthu@example.vn")
    return work


def node_json(script: Path, admin: Path, payload: dict):
    """One of the Node harnesses beside this file, run on the editor's scripts in ``admin`` with
    ``payload`` (JSON) on stdin: its JSON answer."""
    proc = subprocess.run(
        ["node", str(script), str(admin)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    return json.loads(proc.stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(url: str, action: str) -> dict:
    req = urllib.request.Request(
        url, data=json.dumps({"action": action}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=2) as resp:
        return json.loads(resp.read())


# decap-server reads the paths in `git diff`'s output: Git quotes a non-ASCII path
# ("evidence/b\303\241o-c\303\241o.pdf") unless core.quotepath is off, and decap-server then asks for a
# file that does not exist, so the entry never loads again. Set for its Git commands only (as the
# guide's command does), not in the repository's configuration.
QUOTEPATH_OFF = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.quotepath", "GIT_CONFIG_VALUE_0": "off"}


@pytest.fixture(scope="module")
def decap_server(clone):
    """decap-server in git mode (editorial workflow: one branch per unit) on the clone."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/v1"
    script = site.node_modules() / "decap-server" / "dist" / "index.js"
    env = {
        **os.environ,
        "BIND_HOST": "127.0.0.1",
        "PORT": str(port),
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(clone),
        "LOG_LEVEL": "warn",
        **QUOTEPATH_OFF,
    }
    log = clone.parent / "decap-server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["node", str(script)], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                if _ask(url, "info").get("type") == "local_git":
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("decap-server did not start: " + log.read_text(errors="replace"))
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def write_editor(clone: Path, backend: str, root: Path) -> None:
    """`cchc editor-config --out ROOT/admin --with-assets` for ``clone`` on the local ``backend``."""
    from cchc.cli.main import main

    args = ["editor-config", "--root", str(clone), "--local-backend", backend, "--branch", BRANCH]
    assert main([*args, "--out", str(root / "admin"), "--with-assets"]) == 0


@pytest.fixture(scope="module")
def served(tmp_path_factory, clone, decap_server):
    """The editor as `cchc editor-config --out …/admin --with-assets` makes it, served on localhost."""
    root = tmp_path_factory.mktemp("editor-site")
    write_editor(clone, decap_server, root)
    with serve_folder(root) as url:
        yield f"{url}/admin/"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    record_outside_requests(pg)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def sample_repo(clone):
    return repository.load(clone)

"""The generated pages' bodies are made while mkdocs reads the hand-written pages: `pages()`
returns at once, a hand-written page never waits for them, a generated page waits when it is
first asked about, and a build that stops first leaves no worker behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CODE = """
import multiprocessing
from cchc.load import repository
from cchc.publish.site import build
from cchc.score import results as results_mod
repo = repository.load({root!r})
results = results_mod.compute(repo)
made = build.pages(repo, results, processes={processes})
print(len(made) == len(build.GENERATED) > 100, not build.TITLES)
print(build.title("huong-dan/index.md") is None, not build.TITLES)
title = build.title("index.md")
print(bool(title) and len(build.TITLES) == len(made), build.body("index.md").count("<") > 10)
build.pages(repo, results, processes={processes})
build.discard()
print(not build.GENERATED and not build.TITLES, multiprocessing.active_children())
"""


def _run(processes: int) -> list[str]:
    code = CODE.format(root=str(REPO), processes=processes)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    return done.stdout.splitlines()


def test_bodies_are_waited_for_by_generated_pages_alone_in_several_processes():
    assert _run(2) == ["True True", "True True", "True True", "True []"]


def test_bodies_are_waited_for_by_generated_pages_alone_in_one_process():
    assert _run(1) == ["True True", "True True", "True True", "True []"]

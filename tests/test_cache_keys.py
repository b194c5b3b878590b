"""The build cache's keys are the same in every process: Python salts the hashes of strings
anew in each process, so a key made by iterating a set would differ between the build that
kept an entry and the build that looks for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

KEYS = """
import hashlib, sys
from pathlib import Path
from cchc.buildcache import Store
from cchc.load import repository
from cchc.publish.site.bodies import UnitPages
from cchc.score import results

repo = repository.load(sys.argv[1])
res = results.compute(repo, "abc", "2026-12-03")
pages = UnitPages(res, repo, Store(None))
made = [pages.key(uid, res.rows_of(uid)) for uid in sorted(res.units) if res.rows_of(uid)]
print(len(made), hashlib.sha256("".join(made).encode()).hexdigest())
"""


def _keys(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", KEYS, str(REPO)], env=env, capture_output=True, text=True, check=True)
    return out.stdout


def test_unit_pages_have_the_same_keys_in_every_process():
    first = _keys("1")
    assert int(first.split()[0]) > 50
    assert _keys("2") == first

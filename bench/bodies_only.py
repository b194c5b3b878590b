"""The generated pages' bodies alone, in one process: the processor time of making every page's
body (unit pages, area and criterion pages, the others) from a province's results, the
repository already loaded and scored. Each round makes them all anew.

    .venv/bin/python bench/bodies_only.py bench/out/p300 [rounds]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from cchc import heap, validation
from cchc.publish.site import pages as pages_mod
from cchc.score import results as results_mod


def _kind(src: str) -> str:
    if src.startswith("don-vi/"):
        return "unit"
    return "node" if src.startswith("nam/") and src.count("/") >= 3 else "other"


def main(root: str, rounds: int = 3) -> int:
    with heap.batch():
        repo = validation.validate(Path(root)).repo
        results = results_mod.compute(repo, "bench", "2026-01-01")
        for _ in range(rounds):
            spent: Counter[str] = Counter()
            for src, make in pages_mod.Site(results, repo).makers().items():
                started = time.process_time()
                str(make().body).encode("utf-8")
                spent[_kind(src)] += time.process_time() - started
            shown = ", ".join(f"{kind} {spent[kind]:.2f} s" for kind in ("unit", "node", "other"))
            print(f"page bodies, processor time: {shown}; all {sum(spent.values()):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *(int(a) for a in sys.argv[2:3])))

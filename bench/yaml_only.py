"""The YAML reader alone over every dossier file of a province (the files already in memory):
how long cchc's strict reader takes to parse them, and libyaml's events alone for comparison.

    .venv/bin/python bench/yaml_only.py bench/out/p300
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from cchc.load.yamlfile import parse


def _events(raw: bytes) -> None:
    loader = yaml.CBaseLoader(raw.decode("utf-8"))
    try:
        while loader.get_event() is not None:
            pass
    finally:
        loader.dispose()


def main(root: str) -> int:
    files = sorted(Path(root).glob("submissions/*/*/*.yaml"))
    raws = [f.read_bytes() for f in files]
    print(f"{len(files)} dossier files, {sum(map(len, raws)) / 1e6:.1f} MB")
    for name, read in (("libyaml events only", _events), ("cchc.load.yamlfile.parse", parse)):
        started = time.perf_counter()
        for raw in raws:
            read(raw)
        print(f"{name}: {time.perf_counter() - started:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""Schema validation only, the way cchc does it (strict loader + compiled validator),
over a list of files — the counterpart of check-jsonschema in the benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.load import schema
from cchc.load.yamlfile import YamlError, parse


def main(listing: str) -> int:
    bad = 0
    for name in Path(listing).read_text(encoding="utf-8").split("\n"):
        try:
            parsed = parse(Path(name).read_bytes())
        except YamlError:
            bad += 1
            continue
        bad += bool(schema.validate(parsed, "self-assessment", name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

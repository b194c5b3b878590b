"""The PDF evidence checks alone, cold (empty cache), over a list of files — the counterpart
of `qpdf --check` in the benchmark."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from cchc.evidence.cache import FactsCache
from cchc.evidence.pdf import Inspector
from cchc.load.source import FileSource


def main(root: str, listing: str) -> int:
    source = FileSource(Path(root))
    rels = [line for line in Path(listing).read_text(encoding="utf-8").split("\n") if line]
    with tempfile.TemporaryDirectory() as tmp:
        inspect = Inspector(source, cache=FactsCache(Path(tmp)))
        inspect.prefetch([(rel, 50 * 1048576, ()) for rel in rels])
        reports = [inspect(rel, 50 * 1048576) for rel in rels]
    return 1 if any(r.pages is None for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

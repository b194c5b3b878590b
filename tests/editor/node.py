"""The editor's appraisal modules run under Node (tests/editor/harness-appraisal.mjs)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

HARNESS = Path(__file__).with_name("harness-appraisal.mjs")


def run_harness(admin: Path, items: list[dict]) -> list[Any]:
    """One result per item, from the scripts in ``admin`` (an editor written with its assets)."""
    proc = subprocess.run(
        ["node", str(HARNESS)],
        input=json.dumps({"admin": str(admin), "items": items}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(proc.stdout)

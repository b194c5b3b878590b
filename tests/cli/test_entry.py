"""The `cchc` command's entry point ends the process at once, after what a normal exit does:
other threads finished, exit handlers run, output flushed, main's exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import atexit, sys, threading, time
from pathlib import Path
from cchc.cli import main

FOLDER = Path(sys.argv[1])

def late():
    time.sleep(0.3)
    (FOLDER / "luong.txt").write_text("xong", encoding="utf-8")

threading.Thread(target=late).start()
atexit.register(lambda: print("đã dọn"))
sys.argv = ["cchc", "build", "--root", str(FOLDER)]
main.entry()
"""


def test_the_exit_keeps_what_a_normal_exit_does(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2  # main's: no repository there
    assert "province.yaml" in proc.stderr + proc.stdout
    assert proc.stdout.rstrip().endswith("đã dọn")  # the exit handler ran, its output flushed
    assert (tmp_path / "luong.txt").read_text(encoding="utf-8") == "xong"  # the thread finished first

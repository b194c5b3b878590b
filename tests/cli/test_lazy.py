"""A command imports what it uses: `cchc validate` does not load the site or sample generators,
the office formats, the schema error wording or the PDF sandbox when no file needs them; every
command still parses its line as it does in the full list of commands."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.cli import main as cli

HEAVY = (
    "cchc.sample",
    "cchc.publish",
    "cchc.officer",
    "jsonschema",  # only an invalid file needs its wording
    "cryptography",  # only a plan with trust roots
    "pebble",  # the PDF sandbox
    "multiprocessing.forkserver",
    "pyhanko",
    "pypdf",
)


def _printed(call) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit:
        call()
    return int(exit.value.code or 0), out.getvalue()


def test_every_command_parses_alone_as_in_the_full_list():
    full = {name: _printed(lambda n=name: cli.parser().parse_args([n, "--help"])) for name in cli.COMMANDS}
    for name in cli.COMMANDS:
        code, text = _printed(lambda n=name: cli.main([n, "--help"]))
        assert (code, text) == full[name], name
        assert text.startswith(f"usage: cchc {name} "), name


def test_the_help_lists_every_command(capsys):
    code, text = _printed(lambda: cli.main(["--help"]))
    assert code == 0
    assert all(f"    {name} " in text or f"    {name}\n" in text for name in cli.COMMANDS)
    assert cli.main([]) == cli.EXIT_CANNOT_RUN  # no command: the list, and "could not run"
    assert "validate" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit:
        cli.main(["khong-co-lenh"])
    assert exit.value.code == cli.EXIT_CANNOT_RUN
    assert "lệnh không hợp lệ" in capsys.readouterr().err


def _loaded_after(args: list[str]) -> tuple[int, list[str]]:
    """Exit code of `cchc ARGS` in a fresh interpreter, and which of HEAVY it had imported."""
    script = (
        "import json, sys\n"
        "from cchc.cli.main import main\n"
        f"code = main({args!r})\n"
        f"heavy = sorted(n for n in {HEAVY!r} if n in sys.modules)\n"
        "print(json.dumps([code, heavy]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    code, heavy = json.loads(done.stdout.strip().splitlines()[-1])
    return code, heavy


def test_validate_imports_nothing_it_does_not_use(mini_repo: Path):
    """A survey file touches no PDF: the sandbox is not started, pebble not even imported."""
    assert _loaded_after(["validate", "--root", str(mini_repo), str(mini_repo / "surveys" / "2025.yaml")]) == (0, [])


def test_reading_pdfs_loads_the_sandbox_but_not_the_signature_libraries(mini_repo: Path, tmp_path: Path):
    # the mini repository's evidence is two unsigned scans, read in a fresh evidence cache
    script = (
        "import json, os, sys\n"
        f"os.environ['CCHC_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
        "from multiprocessing import forkserver\n"
        "from cchc.cli.main import main\n"
        f"code = main(['validate', '--root', {str(mini_repo)!r}])\n"
        "pid = forkserver._forkserver._forkserver_pid\n"
        "preloads = open(f'/proc/{pid}/cmdline').read()\n"
        "print(json.dumps([code, 'pebble' in sys.modules, 'pyhanko' in sys.modules,"
        " 'cchc.evidence.signatures' in preloads, os.readlink(f'/proc/{pid}/fd/2')]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    code, pebble, pyhanko, signatures_preloaded, server_stderr = json.loads(done.stdout.strip().splitlines()[-1])
    assert (code, pebble, pyhanko) == (0, True, False)
    assert not signatures_preloaded  # the fork server does not load pyHanko: unsigned scans never need it
    assert server_stderr == "/dev/null"  # nothing the server or a starting worker prints reaches the user

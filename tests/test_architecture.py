"""The package's shape, held by tests: the import contracts of pyproject.toml (import-linter:
layers, no cycles, what may not import what), one way to call Git, checks and the model never
print. The Git and print rules read the source (``ast``), so a forbidden call is caught wherever
it hides (inside a function, behind an alias). Each rule is shown failing on a synthetic module
or on a copy of the package with a forbidden import put back.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cchc"
GIT_MODULE = SRC / "vcs"
GITPYTHON = ("git", "gitdb", "smmap")  # GitPython and the object database it brings
PROCESS_CALLS = {  # what starts a program
    "subprocess": {"run", "Popen", "call", "check_call", "check_output", "getoutput", "getstatusoutput"},
    "os": {
        "system",
        "popen",
        "execv",
        "execvp",
        "execvpe",
        "execl",
        "execlp",
        "spawnv",
        "spawnvp",
        "posix_spawn",
        "posix_spawnp",
    },
    "shutil": {"which"},
    "asyncio": {"create_subprocess_exec", "create_subprocess_shell"},
}


def modules(folder: Path = SRC) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(folder.rglob("*.py")):
        yield path.relative_to(SRC.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def gitpython_imports(tree: ast.Module) -> list[int]:
    """Lines importing GitPython (``import git``, ``from git.cmd import …``, ``from gitdb …``)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(n.split(".")[0] in GITPYTHON for n in names):
            lines.append(node.lineno)
    return lines


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name → ``module.function`` for process-starting functions imported by name."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in PROCESS_CALLS:
            for a in node.names:
                if a.name in PROCESS_CALLS[node.module]:
                    out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


def _strings(node: ast.AST) -> Iterator[str]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            yield sub.value


def _git_commands(tree: ast.Module) -> list[int]:
    """Lines of a list or tuple that starts with "git" (a command line built before it runs)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.List | ast.Tuple)
        and node.elts
        and isinstance(node.elts[0], ast.Constant)
        and node.elts[0].value == "git"
    ]


def git_processes(tree: ast.Module) -> list[int]:
    """Lines that start a program and name ``git`` among its arguments; in a module that starts
    programs, any command line that starts with "git"."""
    aliases = _aliases(tree)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _starts(node.func, aliases):
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if any(s == "git" or s.startswith("git ") for a in arguments for s in _strings(a)):
                lines.append(node.lineno)
    starts_programs = any(_starts(n, aliases) for n in ast.walk(tree))
    return sorted(set(lines + (_git_commands(tree) if starts_programs else [])))


def _starts(func: ast.AST, aliases: dict[str, str]) -> bool:
    if isinstance(func, ast.Attribute):
        return isinstance(func.value, ast.Name) and func.attr in PROCESS_CALLS.get(func.value.id, ())
    return isinstance(func, ast.Name) and func.id in aliases


def _prints(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "print"
    return (
        isinstance(node, ast.Attribute)
        and node.attr in ("stdout", "stderr", "__stdout__", "__stderr__")
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def prints(tree: ast.Module) -> list[int]:
    """Lines that call print() or write to the terminal (sys.stdout / sys.stderr)."""
    return [node.lineno for node in ast.walk(tree) if _prints(node)]


def test_only_the_git_module_calls_git():
    offending = [
        f"{name}:{line}"
        for name, tree in modules()
        if not name.startswith("cchc/vcs/")
        for line in gitpython_imports(tree) + git_processes(tree)
    ]
    assert not offending, f"Git is called outside cchc/vcs (use cchc.vcs): {offending}"


def test_the_git_module_is_where_git_is_called():
    found = {name for name, tree in modules(GIT_MODULE) if gitpython_imports(tree)}
    assert {"cchc/vcs/repo.py", "cchc/vcs/command.py"} <= found


@pytest.mark.parametrize(
    "source",
    [
        "import git\n",
        "import git.cmd as g\n",
        "from git import Repo\n",
        "from gitdb.util import hex_to_bin\n",
        "def f():\n    import git\n",
        "import subprocess\nsubprocess.run(['git', 'status'])\n",
        "import subprocess\ndef f(root):\n    return subprocess.check_output(['git', '-C', root, 'log'], text=True)\n",
        "from subprocess import Popen as P\nP(['git', 'archive'])\n",
        "import os\nos.system('git push')\n",
        "import shutil\nshutil.which('git')\n",
        "import subprocess\nARGS = ['git', 'archive']\nsubprocess.Popen(ARGS)\n",
    ],
)
def test_the_rule_catches_git_called_another_way(source):
    tree = ast.parse(source)
    assert gitpython_imports(tree) + git_processes(tree)


def test_the_rule_leaves_other_programs_and_the_git_module_alone():
    tree = ast.parse(
        "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'pagefind', '--site', 'site'])\n"
        "from .vcs import Git\nfrom ..vcs.repo import Git\nfrom . import vcs\n"
    )
    assert gitpython_imports(tree) == [] and git_processes(tree) == []


@pytest.mark.parametrize("package", ["checks", "model"])
def test_checks_and_the_model_never_print(package):
    offending = [f"{name}:{line}" for name, tree in modules(SRC / package) for line in prints(tree)]
    assert not offending, f"return findings (cchc.findings), let a reporter render them: {offending}"


@pytest.mark.parametrize(
    "source",
    ["print('lỗi')\n", "import sys\nsys.stderr.write('x')\n", "import sys\ndef f():\n    print(file=sys.stdout)\n"],
)
def test_the_print_rule_catches_printing(source):
    assert prints(ast.parse(source))


def test_the_import_contracts_hold(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


# (module, line put back at its end, the contract that must then break)
BREAKS = {
    "the model reads YAML": ("model/numbers.py", "import yaml", "The model knows no file format"),
    "a check asks the loader": ("checks/framework.py", "from ..load import repository", "Checks read the model"),
    "a reporter asks the policy": ("report/text.py", "from ..policy import paths", "Reporters and the site"),
    "the site runs an officer's tool": ("publish/data.py", "from ..officer import limits", "Reporters and the site"),
    "an officer's tool writes sample YAML": ("officer/limits.py", "from ..sample import names", "The officer's tools"),
    "an officer's tool uses a command": ("officer/limits.py", "from ..cli import common", "The officer's tools"),
    "the editor imports the site": ("editor/settings.py", "from ..publish.site import build", "The web editor"),
    "the site imports the editor": ("publish/data.py", "from ..editor import config", "The web editor"),
    "the model imports a command": ("model/numbers.py", "from ..cli import common", "No import cycle"),
    "Git calls the validator": ("vcs/errors.py", "from .. import validation", "Subpackages depend one way"),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_forbidden_import_put_back_breaks_its_contract(case, tmp_path):
    module, line, contract = BREAKS[case]
    copy = tmp_path / "src" / "cchc"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / module, "a", encoding="utf-8") as fh:
        fh.write(f"\n{line}\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    run = "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True, no_logo=True))"
    done = subprocess.run(
        [sys.executable, "-c", run],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert contract in done.stdout.partition("Broken contracts")[2], done.stdout

"""Writing into the repository: deterministic YAML, all-or-nothing writes, and a dry run of
the project's checks on the files as they would be after a change."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import checks
from ..load import repository
from ..policy import codeowners
from ..yamlwrite import dump

# The shared files every check needs; submissions are never copied (they are large and
# a change to the registry, the plans or the surveys does not rewrite them).
CONTEXT = ("province.yaml", "units", "criteria", "plans", "surveys", "history")


def yaml_text(doc: dict, header: str | None = None) -> str:
    """Comment-free (unless a header is given), deterministic YAML in the repository's style."""
    return dump(doc, header)


def write_all(root: Path, changes: dict) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed."""
    staged = []
    try:
        for rel, text in changes.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".cchc-", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            staged.append((tmp, target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _context_findings(root: Path) -> list:
    return checks.run(repository.load(root, wanted=lambda folder: False))


def _key(f) -> tuple:
    return f.file, f.code, f.message


@dataclass
class Staged:
    findings: list  # what the changes would bring that the repository does not have now
    companions: dict  # files that must change with them (CODEOWNERS follows units/ and plans/)


def check_changes(root: Path, changes: dict) -> Staged:
    """Judge changes before writing them.

    The shared files are copied to a temporary folder, the changes applied there, and the
    project's own loader and checks run on the copy: the same verdict `cchc validate`
    would give after writing, without touching the repository. The forge's CODEOWNERS,
    generated from the registry and the plans, is regenerated from the copy too.
    """
    before = {_key(f) for f in _context_findings(root)}
    with tempfile.TemporaryDirectory(prefix="cchc-stage-") as tmp:
        stage = Path(tmp)
        for name in CONTEXT:
            src = root / name
            if src.is_dir():
                shutil.copytree(src, stage / name, symlinks=True)  # links stay links: the loader judges them
            elif src.is_file():
                shutil.copy2(src, stage / name, follow_symlinks=False)
        write_all(stage, changes)
        repo = repository.load(stage, wanted=lambda folder: False)
        after = checks.run(repo)
        companions = {}
        for forge, rel in codeowners.TARGETS.items():
            if (root / rel).is_file():
                text = codeowners.render(repo, forge)
                if (root / rel).read_text(encoding="utf-8", errors="replace") != text:
                    companions[rel] = text
    return Staged([f for f in after if _key(f) not in before], companions)

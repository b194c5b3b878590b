"""`cchc init DIR`: a new province's repository — the system itself with no sample data.

The repository is the system (the forge's workflows install it with `pip install .` and
judge pull requests with the base branch's code), so a province gets the same code, site
configuration, workflows, pull-request template, guides and pre-commit hooks as this
repository, plus its own province.yaml, CODEOWNERS, README and .ci/run. The files come
from the running package: its own source, and ``system/`` — links to this repository's
files, shipped as package data — so what `init` writes never drifts from what the project
runs. Nothing here reads the network or the sample generator.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import vcs
from ..load import schema
from ..load.yamlfile import parse
from ..policy import codeowners
from . import texts

PACKAGE = Path(__file__).resolve().parent.parent  # the running cchc package
SYSTEM = Path(__file__).resolve().parent / "system"

# system/<name> → where it goes in the new repository (and what it mirrors in this one).
MIRRORS = {
    "mkdocs.yml": "mkdocs.yml",
    "hooks": "hooks",
    "github": ".github",
    "pre-commit-hooks.yaml": ".pre-commit-hooks.yaml",
    "huong-dan": "docs/huong-dan",
    "pyproject.toml": "pyproject.toml",
    "package.json": "package.json",
    "package-lock.json": "package-lock.json",
    "scripts": "scripts",
    "requirements": "requirements",  # the hashed locks setup.sh and the workflows install from
    "cchc": ".cchc",  # the receipt signers' file (a template: the province adds its close job's key)
    "gitignore": ".gitignore",
}
# Paths inside the package that are links to repository files, kept as links in the copy.
PACKAGE_LINKS = {"schemas": "schemas", **{f"newrepo/system/{k}": v for k, v in MIRRORS.items()}}
GENERATED = {".github/CODEOWNERS"}  # written from the new registry, never copied
_SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache"}

DEFAULT_LEVELS = (("so", "Sở, ban, ngành"), ("xa", "UBND xã, phường"))


class InitError(Exception):
    """Why no repository can be made there; a Vietnamese sentence."""


@dataclass
class Options:
    name: str
    admins: list
    authority: str | None = None
    levels: list = field(default_factory=list)  # [(id, name)]
    groups: list = field(default_factory=list)  # [(id, name)]
    timezone: str = "+07:00"
    index_name: str | None = None
    index_short: str | None = None


def province_doc(opts: Options) -> dict:
    where = opts.name[:1].lower() + opts.name[1:]
    levels = opts.levels or list(DEFAULT_LEVELS)
    doc: dict[str, object] = {
        "name": opts.name,
        "authority": opts.authority or f"Sở Nội vụ {where}",
        "timezone": opts.timezone,
        "levels": [{"id": i, "name": n} for i, n in levels],
        "groups": [{"id": i, "name": n} for i, n in (opts.groups or levels)],
    }
    if opts.index_name or opts.index_short:
        doc["index"] = {k: v for k, v in (("name", opts.index_name), ("short", opts.index_short)) if v}
    doc["admins"] = list(opts.admins)
    return doc


def _ignore(folder: str, names: list) -> set:
    return {n for n in names if n in _SKIP or n.endswith(".pyc")}


def _link(target: Path, repo_path: str, link_path: str) -> None:
    """``link_path`` (repo-relative) as a relative link to ``repo_path``, as this repository has it."""
    here = target / link_path
    here.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(os.path.relpath(target / repo_path, here.parent), here)


def _copy_package(target: Path) -> None:
    """src/cchc: the running package's own files; its links to repository files stay links."""
    dest = target / "src" / "cchc"
    links = {PACKAGE / p for p in PACKAGE_LINKS}

    def ignore(folder: str, names: list) -> set:
        return _ignore(folder, names) | {n for n in names if Path(folder, n) in links}

    shutil.copytree(PACKAGE, dest, ignore=ignore, symlinks=True)
    for inside, repo_path in PACKAGE_LINKS.items():
        _link(target, repo_path, f"src/cchc/{inside}")


def _copy_system(target: Path) -> None:
    for name, repo_path in sorted(MIRRORS.items(), key=lambda item: item[0] == "mkdocs.yml"):  # the pages first
        source = SYSTEM / name
        dest = target / repo_path
        if name == "mkdocs.yml":  # its navigation lists the pages the province has
            dest.write_text(texts.mkdocs(source.read_text(encoding="utf-8"), target / "docs"), encoding="utf-8")
        elif source.is_dir():
            shutil.copytree(source, dest, ignore=_ignore)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
    for rel in GENERATED:
        (target / rel).unlink(missing_ok=True)
    shutil.copytree(PACKAGE / "schemas", target / "schemas", ignore=_ignore)
    (target / "scripts" / "setup.sh").chmod(0o755)


def check_province(doc: dict) -> list:
    from ..officer.files import yaml_text

    text = yaml_text(doc)
    return schema.validate(parse(text.encode("utf-8")), "province", "province.yaml")


def create(target: Path, opts: Options, git: bool = True) -> list:
    """Write the new repository into ``target`` (absent or empty); returns the files written."""
    from ..load import repository
    from ..officer.files import yaml_text

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"thư mục '{target}' đã có nội dung; chọn một thư mục mới hoặc thư mục trống.")
    doc = province_doc(opts)
    found = check_province(doc)
    if found:
        raise InitError("thông tin tỉnh chưa hợp lệ: " + "; ".join(f.message for f in found))
    target.mkdir(parents=True, exist_ok=True)
    _copy_package(target)
    _copy_system(target)
    (target / "province.yaml").write_text(yaml_text(doc, texts.PROVINCE_HEADER), encoding="utf-8")
    repo = repository.load(target)
    (target / ".github" / "CODEOWNERS").write_text(codeowners.render(repo, "github"), encoding="utf-8")
    (target / "README.md").write_text(texts.readme(doc), encoding="utf-8")
    (target / ".ci").mkdir(exist_ok=True)
    (target / ".ci" / "run").write_text(texts.CI_RUN, encoding="utf-8")
    (target / ".ci" / "run").chmod(0o755)
    if git:
        _git_init(target)
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file() or p.is_symlink())


def _git_init(target: Path) -> None:
    """An empty Git repository on branch main (no commit: the officer commits what they checked)."""
    vcs.init_repository(target, "main")  # without Git on the machine, the folder stays a plain folder

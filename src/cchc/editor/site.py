"""The files served under admin/: our page and scripts, the generated configuration and
rule data, and Decap CMS with its libraries copied from node_modules (no CDN).

Used by the site build (``add_files`` from the mkdocs hook) and by `cchc editor-config
--out DIR --with-assets` (``write``), so a local editor and the published one are the same.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from html import escape
from pathlib import Path

from . import config as config_mod
from .csp import policy
from .settings import Settings, resolve

ASSETS = Path(__file__).resolve().parent / "assets"
OWN = (
    "boot.js",
    "editor.js",
    "chooser.js",
    "format.js",
    "totals.js",
    "preview.js",
    "words.js",
    "store.js",
    "backup.js",
    "dossier.js",
    "checks.js",
    "upload.js",
    "pdfwidget.js",
    "workflow.js",
    "forge.js",
    "aftersave.js",
    "a11y.js",
    "editor.css",
    "preview.css",
    # the council's appraisal and the unit's explanation round (editor/appraisal.py)
    "council.js",
    "dossiers.js",
    "yamldoc.js",
    "appraisal-format.js",
    "appraisal-totals.js",
    "appraisal-widget.js",
    "explanation-widget.js",
    "appraisal.css",
)
PREFIX = "admin"

# (package in node_modules, folder inside it, glob, destination folder under admin/)
VENDOR = (
    ("decap-cms", "dist", "decap-cms.js", ""),
    ("decap-cms", "dist", "*.decap-cms.js", ""),  # chunks Decap loads on demand from its own folder
    ("decap-cms", "dist", "*.wasm", ""),
    ("decap-cms", "dist", "decap-cms.js.LICENSE.txt", ""),  # Decap (MIT) and the licences it bundles
    ("yaml", "browser/dist", "**/*.js", "vendor/yaml"),
    ("yaml", "", "LICENSE", "vendor/yaml"),
    ("big.js", "", "big.mjs", "vendor"),
    ("big.js", "", "LICENCE.md", "vendor/big.js"),
)


def node_modules() -> Path:
    packages = {package for package, *_ in VENDOR}
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "node_modules"
        if all((candidate / name / "package.json").is_file() for name in packages):
            return candidate
    raise config_mod.EditorError(
        "thiếu thư viện của trình nhập liệu ("
        + ", ".join(sorted(packages))
        + ") trong node_modules; chạy 'npm ci' (scripts/setup.sh làm việc này)."
    )


def static_files() -> dict[str, Path]:
    """{path under admin/: source file} for everything that is not generated."""
    nm = node_modules()
    out = {}
    for package, folder, pattern, dest in VENDOR:
        base = nm / package / folder
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                out[(Path(dest) / path.relative_to(base)).as_posix()] = path
    out.update({name: ASSETS / name for name in OWN})
    return out


def generated(repo, settings: Settings, now: datetime | None = None) -> dict[str, str]:
    """{path under admin/: text}: config.yml and the rule data, as at ``now`` (default: the
    clock). Raises EditorError."""
    cfg, rules = config_mod.build(repo, settings, now)
    return {
        "config.yml": config_mod.dump(cfg),
        "cchc-editor.json": json.dumps(rules, ensure_ascii=False, separators=(",", ":")),
        "index.html": page(settings),
    }


def page(settings: Settings) -> str:
    """The editor's page, with the Content-Security-Policy for the settings' forge."""
    return (ASSETS / "index.html").read_text(encoding="utf-8").replace("{csp}", escape(policy(settings)))


def notice(reason: str) -> str:
    """The page shown at /admin/ when the editor is not configured, with the reason."""
    return (ASSETS / "unconfigured.html").read_text(encoding="utf-8").replace("{reason}", escape(reason))


def add_files(files, mkdocs_config, repo) -> None:
    """mkdocs hook helper: add admin/ to the site's files. Raises EditorError when the editor
    is configured but its libraries are missing (the hook stops the build)."""
    from mkdocs.structure.files import File

    try:
        texts = generated(repo, resolve(mkdocs_config.extra.get("cchc_editor")))
    except config_mod.EditorError as exc:
        texts = {"index.html": notice(str(exc))}
    if "config.yml" in texts:
        for rel, path in static_files().items():
            files.append(File.generated(mkdocs_config, f"{PREFIX}/{rel}", abs_src_path=str(path)))
    for rel, text in texts.items():
        files.append(File.generated(mkdocs_config, f"{PREFIX}/{rel}", content=text))


def write(out: Path, repo, settings: Settings, with_assets: bool, now: datetime | None = None) -> list[str]:
    """Write the generated files (and, with ``with_assets``, everything else) into ``out``.
    Raises EditorError."""
    files = generated(repo, settings, now)
    copies = static_files() if with_assets else {}
    for rel, path in copies.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted([*copies, *files])

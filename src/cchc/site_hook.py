"""mkdocs hooks: thin glue asking the package for the generated pages and data files, and for
the web editor's files. It is the one module that knows both the site (``publish``) and the
editor (``editor``), so neither of them imports the other.

The data repository is ``config.extra.cchc_root`` (set by `cchc build`), else the
CCHC_ROOT environment variable, else the folder of the mkdocs.yml being built.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cchc.editor import site as editor_site
from cchc.editor.config import EditorError
from cchc.publish.site import build as site_build

_state: dict[str, Any] = {}


def on_startup(command: str, **_: Any) -> None:
    _state["command"] = command  # "build", "gh-deploy" or "serve" (not called by `cchc build`)


def on_shutdown(**_: Any) -> None:
    _state.pop("command", None)


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    root = Path(config.extra.get("cchc_root") or os.environ.get("CCHC_ROOT") or Path(config.config_file_path).parent)
    repo, results = site_build.prepared(root)
    _state.update(repo=repo, results=results, root=root)
    prov = results.province
    config.extra["cchc_sample"] = bool(prov and prov.sample)
    config.extra["cchc_csp"] = site_build.CSP_PREVIEW if _state.get("command") == "serve" else site_build.CSP
    if prov:
        config.site_name = site_build.site_name(prov.index.short, prov.name)
    config.nav = site_build.nav(results, config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    pages = site_build.pages(_state["repo"], _state["results"])
    for src, text in pages.items():
        files.append(File.generated(config, src, content=text))
    for src, path in site_build.assets().items():
        files.append(File.generated(config, src, abs_src_path=str(path)))
    try:
        editor_site.add_files(files, config, _state["repo"])  # the web editor at /admin/
    except EditorError as exc:
        raise site_build.SiteError("Không tạo được trình nhập liệu: " + str(exc)) from None
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    escaped = site_build.title(page.file.src_uri)
    if escaped is not None:
        page.meta["title"] = escaped  # printed as is by the theme: already escaped
    return markdown


def on_page_content(html: str, page: Page, **_: Any) -> str:
    toc = site_build.toc(page.file.src_uri)
    if toc is not None:
        page.toc = toc
    return site_build.page_content(html, page.file.src_uri)


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    site_dir = Path(config.site_dir)
    site_build.write_data(_state["results"], site_dir)
    site_build.index_search(site_dir)

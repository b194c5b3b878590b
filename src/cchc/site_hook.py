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

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
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
    config.site_description, extra = site_build.site_settings(results)
    config.extra.update(extra)
    config.nav = site_build.nav(results, config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    site_build.late_bodies(config)
    # The data files need the results alone: written in a process of their own while the pages are made
    site_build.start_data(_state["results"], Path(config.site_dir), _state["root"])
    store, processes = site_build.options(_state["root"])
    pages = site_build.pages(_state["repo"], _state["results"], processes, store)
    for src, text in pages.items():
        files.append(File.generated(config, src, content=text))
    for src, path in site_build.assets().items():
        files.append(File.generated(config, src, abs_src_path=str(path)))
    try:
        editor_site.add_files(files, config, _state["repo"])  # the web editor at /admin/
    except EditorError as exc:
        raise site_build.SiteError("Không tạo được trình nhập liệu: " + str(exc)) from None
    return files


def on_nav(nav: Navigation, **_: Any) -> Navigation:
    _state["nav"] = nav
    return nav


def on_pre_page(page: Page, **_: Any) -> Page:
    site_build.pre_page(page)
    return page


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    site_build.read_first(page)
    escaped = site_build.title(page.file.src_uri)
    if escaped is not None:
        page.meta["title"] = escaped  # printed as is by the theme: already escaped
        page.meta["description"] = site_build.description(page.file.src_uri)
    return markdown


def on_page_content(html: str, page: Page, **_: Any) -> str:
    site_build.rendered_first(page)
    toc = site_build.toc(page.file.src_uri)
    if toc is not None:
        page.toc = toc
    if not page.meta.get("description"):  # a hand-written page: its first paragraph
        page.meta["description"] = site_build.description(page.file.src_uri, html)
    return site_build.page_content(html, page.file.src_uri)


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: Any) -> Environment:
    if _state.get("command") != "serve":  # the preview builds drafts too: mkdocs' own loop
        site_build.build_generated(config, files, _state["nav"], env, _state["root"])
        site_build.start_search(Path(config.site_dir), files)
    return env


def on_post_page(output: str, page: Page, **_: Any) -> str:
    return site_build.post_page(output, page.file.src_uri, page.file.dest_uri)


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    site_dir = Path(config.site_dir)
    try:
        site_build.passed()
        site_build.index_search(site_dir)  # while the data files' process finishes
        site_build.finish_data(_state["results"], site_dir, _state["root"])
    finally:
        site_build.discard()


def on_build_error(**_: Any) -> None:
    site_build.abandon_data()
    site_build.discard()

"""Generated pages written by the package rather than by mkdocs' page loop: in several
processes, and from cached frames.

The theme frames a generated page (header, navigation tabs, footer, scripts) around a marker,
and the body goes in place of the marker (build.post_page). The frame depends only on the
page's source path and title, the navigation, the list of pages, the configuration, the theme
and the code, never on the body: it is cached under a digest of those (``pages/`` in the build
cache), and a page whose frame is cached is written as frame + body without rendering the
theme — what mkdocs would have written, byte for byte. The others are rendered by mkdocs' own
page builder (``_build_page``: the theme, the plugins' page events, the write), which hands the
frame to ``built`` on the way.
"""

from __future__ import annotations

import hashlib
import json
import sysconfig
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import parallel
from ...buildcache import Store
from ...buildcache.version import tree_digest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

SKIP = "cchc-da-viet.html"  # the template of pages already written: renders nothing
KIND = "pages"

# Configuration entries that never reach a page: where things are on this machine, the preview
# server. (plugins, hooks, theme and nav are taken apart below.)
_NOT_IN_PAGES = ("config_file_path", "docs_dir", "site_dir", "dev_addr", "watch", "plugins", "hooks", "theme", "nav")

_state: dict[str, Any] = {"store": Store(None), "pending": {}}


def build(
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Any,
    store: Store,
    processes: int,
    generated: set[str],
    body: Callable[[str], str],
    written: Callable[[str, str, str, str], None] = lambda dest, before, text, after: None,
) -> tuple[int, int]:
    """Write the ``generated`` pages; returns (rendered by the theme, written from a cached frame).
    ``written(dest, before, body, after)`` is told of each page written from a cached frame (the
    others pass through the hook's post_page). Afterwards mkdocs' loop renders them with an
    empty template (SKIP) and writes nothing."""
    import jinja2
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [f.page for f in doc_files if f.src_uri in generated and f.page is not None]
    common = fingerprint(config, nav, doc_files, store.code)
    keys = [page_key(common, p) for p in pages]
    _state["store"] = store

    def work(batch: list[int]) -> int:
        reused = 0
        with store.batch():  # the frames the batch renders: one pack
            for i in batch:
                reused += _write(config, doc_files, nav, env, pages[i], keys[i], body, written)
        return reused

    order = list(range(len(pages)))
    # The first page is done here: the theme's templates are compiled once, before the fork.
    reused = work(order[:1])
    reused += sum(parallel.run(work, parallel.chunks(order[1:], processes * 4), processes))
    for page in pages:
        page.meta["template"] = SKIP
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP: ""}), env.loader])
    store.keep_only(KIND, set(keys))
    return len(pages) - reused, reused


def _write(
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Any,
    page: Page,
    key: str,
    body: Callable,
    written: Callable,
) -> int:
    """Write one page; 1 if its frame came from the cache."""
    from mkdocs import utils
    from mkdocs.commands.build import _build_page

    src = page.file.src_uri
    frame = _read(_state["store"], key)
    if frame is None:
        _state["pending"][src] = key
        try:
            _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
        finally:
            _state["pending"].pop(src, None)
        return 0
    before, after = frame
    text = body(src)
    written(page.file.dest_uri, before, text, after)
    output = before + text + after
    utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
    return 1


def built(src: str, before: str, after: str) -> None:
    """The theme framed ``src`` (build.post_page): keep the frame if this build asked for it."""
    key = _state["pending"].get(src)
    if key is not None:
        head, tail = before.encode("utf-8"), after.encode("utf-8")
        _state["store"].put(KIND, key, zlib.compress(b"%d\n" % len(head) + head + tail, 1))


def _read(store: Store, key: str) -> tuple[str, str] | None:
    data = store.get(KIND, key)
    if data is None:
        return None
    try:
        raw = zlib.decompress(data)
        size, _, rest = raw.partition(b"\n")
        cut = int(size)
        return rest[:cut].decode("utf-8"), rest[cut:].decode("utf-8")
    except (zlib.error, ValueError, UnicodeDecodeError):
        return None


def page_key(common: str, page: Page) -> str:
    """The digest of what one page's frame depends on besides ``common``: its source path, its
    title (escaped, as the theme prints it) and its front matter."""
    return _digest(common, page.file.src_uri, str(page.title), _stable(page.meta))


def fingerprint(config: MkDocsConfig, nav: Navigation, doc_files: Iterable[File], code: str) -> str:
    """The digest of what every frame depends on: the code (and library versions), the
    configuration, the theme's templates, the navigation (titles, links, sections) and the list
    of pages (a template may list them)."""
    theme = config.theme
    return _digest(
        code,
        {k: _stable(config[k]) for k in sorted(config) if k not in _NOT_IN_PAGES and k != "extra"},
        {k: _stable(v) for k, v in sorted(config.extra.items()) if k != "cchc_root"},
        [theme.name, _stable(dict(theme)), str(theme.locale), [_theme_dir(d) for d in theme.dirs]],
        sorted(_hook_digest(m) for m in hooks(config).values()),
        _nav(nav.items),
        [(f.src_uri, f.url) for f in doc_files],
    )


def _theme_dir(folder: str) -> str:
    """A theme folder's digest; an installed distribution's (the theme's own) is named by its
    version, which the code version holds."""
    path = Path(folder).resolve()
    for key in ("purelib", "platlib"):
        installed = Path(sysconfig.get_paths()[key]).resolve()
        if path == installed or installed in path.parents:
            return str(path.relative_to(installed))
    return tree_digest(path) if path.is_dir() else "-"


def hooks(config: MkDocsConfig) -> dict[str, Any]:
    """The hook modules by name (mkdocs types the option as a list; validated, it is a mapping)."""
    hooks: Any = config.hooks
    return dict(hooks or {})


def _hook_digest(module: Any) -> str:
    try:
        return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()
    except (OSError, TypeError, AttributeError):
        return "-"


def _nav(items: Iterable[Any]) -> list[Any]:
    out = []
    for item in items:
        children = getattr(item, "children", None)
        out.append([type(item).__name__, str(item.title), getattr(item, "url", None), _nav(children or [])])
    return out


def _stable(value: Any) -> Any:
    """A JSON value standing for ``value`` (the same in every process that has the same value)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(_stable(v), sort_keys=True) for v in value)
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    text = repr(value)
    return type(value).__name__ + ("" if " at 0x" in text else ":" + text)


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()

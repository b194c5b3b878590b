"""The digests a generated page's frame is kept under in the build cache (frames.py): what
every frame depends on (the code, the configuration, the theme, the navigation, the list of
pages), and what one page's or one shape's adds to that."""

from __future__ import annotations

import hashlib
import json
import sysconfig
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...buildcache.version import tree_digest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

# Configuration entries that never reach a page: where things are on this machine, the preview
# server. (plugins, hooks, theme and nav are taken apart below.)
_NOT_IN_PAGES = ("config_file_path", "docs_dir", "site_dir", "dev_addr", "watch", "plugins", "hooks", "theme", "nav")


def page_key(common: str, page: Page) -> str:
    """The digest of what one page's frame depends on besides ``common``: its source path, its
    title (escaped, as the theme prints it) and its front matter."""
    return digest(common, page.file.src_uri, str(page.title), stable(page.meta))


def fingerprint(config: MkDocsConfig, nav: Navigation, doc_files: Iterable[File], code: str) -> str:
    """The digest of what every frame depends on: the code (and library versions), the
    configuration, the theme's templates, the navigation (titles, links, sections) and the list
    of pages (a template may list them)."""
    theme = config.theme
    return digest(
        code,
        {k: stable(config[k]) for k in sorted(config) if k not in _NOT_IN_PAGES and k != "extra"},
        {k: stable(v) for k, v in sorted(config.extra.items()) if k != "cchc_root"},
        [theme.name, stable(dict(theme)), str(theme.locale), [_theme_dir(d) for d in theme.dirs]],
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


def stable(value: Any) -> Any:
    """A JSON value standing for ``value`` (the same in every process that has the same value)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(stable(v), sort_keys=True) for v in value)
    if isinstance(value, list | tuple):
        return [stable(v) for v in value]
    text = repr(value)
    return type(value).__name__ + ("" if " at 0x" in text else ":" + text)


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()

"""Generated pages written by the package rather than by mkdocs' page loop: in several
processes, from cached frames, and stamped from their shape's frame.

The theme frames a generated page (header, navigation tabs, footer, scripts) around a marker,
and the body goes in place of the marker (build.post_page). The frame depends only on the
page's source path and title, the navigation, the list of pages, the configuration, the theme
and the code, never on the body (frame_keys.py).

- Pages outside the navigation that differ only by what they print of themselves (their title,
  description and address) share a shape: the theme renders the shape once with stand-ins,
  and each page's frame is stamped from it (stamps.py), once two of its pages rendered by the
  theme were found equal to their stamped frames. A shape's frame is cached (``shapes/``).
- The other pages' frames are cached one by one (``pages/``): a page whose frame is cached is
  written as frame + body without rendering the theme; the others are rendered by mkdocs' own
  page builder (``_build_page``: the theme, the plugins' page events, the write), which hands
  the frame to ``built`` on the way.

Either way the page is what mkdocs would have written, byte for byte.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ... import parallel
from ...buildcache import Store
from . import stamps
from .frame_keys import digest, fingerprint, page_key, stable

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

SKIP = "cchc-da-viet.html"  # the template of pages already written: renders nothing
FORK_SHAPES = 32  # fewer shapes to probe than this: probed in this process
KIND = "pages"
SHAPES = "shapes"  # a shape's frame with stand-ins (stamps.py); empty: its pages are not stamped

_state: dict[str, Any] = {"store": Store(None), "pending": {}, "capture": set(), "captured": {}, "probe": None}


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
) -> tuple[int, int, int]:
    """Write the ``generated`` pages; returns (framed anew, framed from the cache: a page's own
    frame or its shape's, stamped from their shape's frame: stamps.py). ``written(dest, before,
    body, after)`` is told of each page not written by mkdocs' page builder (the others pass
    through the hook's post_page).
    Afterwards mkdocs' loop renders them with an empty template (SKIP) and writes nothing."""
    import jinja2
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [f.page for f in doc_files if f.src_uri in generated and f.page is not None]
    common = fingerprint(config, nav, doc_files, store.code)
    _state.update(store=store, capture=set(), captured={}, probe=None)
    job = _Job(config, doc_files, nav, env, pages, common, body, written)

    # The first page is done here: the theme's templates are compiled once, before the fork.
    job.pages_done(job.write([0]) if pages else (0, 0, 0))
    shapes = job.shaped(store)
    # A shape is probed in about 10 ms: forking for a province's handful costs more than it saves.
    probing = processes if len(shapes) >= FORK_SHAPES else 1
    probed = parallel.run(job.probe, parallel.chunks(shapes, probing * 4), probing)
    job.keep(store, [made for batch in probed for made in batch])
    order = [i for i in range(1, len(pages)) if i not in job.done]
    for done in parallel.run(job.write, parallel.chunks(order, processes * 4), processes):
        job.pages_done(done)
    store.keep_only(KIND, job.frame_keys())
    store.keep_only(SHAPES, set(job.shape_keys.values()))
    for page in pages:
        page.meta["template"] = SKIP
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP: ""}), env.loader])
    return job.anew, job.reused, job.stamped


class _Job:
    """The generated pages of one build, and the shapes they are stamped from."""

    def __init__(
        self,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: Any,
        pages: list[Page],
        common: str,
        body: Callable[[str], str],
        written: Callable,
    ) -> None:
        self.config, self.doc_files, self.nav, self.env = config, doc_files, nav, env
        self.pages, self.common, self.body, self.written = pages, common, body, written
        in_nav = {id(p) for p in nav.pages}
        members: dict[str, list[int]] = {}
        for i, page in enumerate(pages):
            found = stamps.shape(page, id(page) in in_nav, stable)
            if found is not None:
                members.setdefault(digest(common, found), []).append(i)
        self.members = {key: found for key, found in members.items() if len(found) >= stamps.MIN_PAGES}
        self.shape_keys = {i: key for key, found in self.members.items() for i in found}
        self.frames: dict[str, stamps.Frame | None] = {}  # shape key -> its frame (None: not stamped)
        self.from_cache: set[str] = set()
        self.done: set[int] = set()
        self.anew = self.reused = self.stamped = 0

    def pages_done(self, counts: tuple[int, int, int]) -> None:
        self.anew += counts[0]
        self.reused += counts[1]
        self.stamped += counts[2]

    def shaped(self, store: Store) -> list[str]:
        """The shapes whose frame is not in the cache (those that are, read)."""
        todo = []
        for key in self.members:
            data = store.get(SHAPES, key)
            if data is None:
                todo.append(key)
                continue
            self.frames[key] = _unpack(data) if data else None
            self.from_cache.add(key)
        return todo

    def probe(self, keys: list[str]) -> list[tuple[str, stamps.Frame | None, tuple[int, int, int]]]:
        """Render each shape with stand-ins, and its first and last pages by the theme; the
        shape's frame if both equal their stamped frames."""
        out = []
        for key in keys:
            first, last = self.members[key][0], self.members[key][-1]
            frame = self._stand_in(self.pages[first])
            _state["capture"] = {self.pages[i].file.src_uri for i in (first, last)}
            try:
                counts = self.write([first, last], capture=True)
            finally:
                _state["capture"] = set()
            theirs = [_state["captured"].get(self.pages[i].file.src_uri) for i in (first, last)]
            same = frame is not None and all(
                seen == stamps.stamp(frame, stamps.printed(self.pages[i]))
                for seen, i in zip(theirs, (first, last), strict=True)
            )
            out.append((key, frame if same else None, counts))
        return out

    def keep(self, store: Store, probed: list[tuple[str, stamps.Frame | None, tuple[int, int, int]]]) -> None:
        for key, frame, counts in probed:
            self.frames[key] = frame
            store.put(SHAPES, key, _pack(frame) if frame is not None else b"")
            self.pages_done(counts)
            self.done.update((self.members[key][0], self.members[key][-1]))

    def _stand_in(self, page: Page) -> stamps.Frame | None:
        _state["probe"] = page.file.src_uri
        try:
            with stamps.standing_in(page):
                _theme(page, self.config, self.doc_files, self.nav, self.env)
        finally:
            _state["probe"] = None
        return _state["captured"].pop(page.file.src_uri, None)

    def write(self, batch: list[int], capture: bool = False) -> tuple[int, int, int]:
        """Write the pages ``batch``: (framed anew, framed from the cache, stamped)."""
        anew = reused = stamped = 0
        with _state["store"].batch():  # the frames the batch renders: one pack
            for i in batch:
                page = self.pages[i]
                shape = None if capture else self.shape_keys.get(i)
                frame = self.frames.get(shape) if shape is not None else None
                if frame is not None:
                    self._put(page, stamps.stamp(frame, stamps.printed(page)))
                    stamped += 1
                    reused += shape in self.from_cache
                    anew += shape not in self.from_cache
                    continue
                kept = self._framed(page, self._key(i, capture))
                reused += kept
                anew += 1 - kept
        return anew, reused, stamped

    def _key(self, i: int, capture: bool) -> str | None:
        """The key of page ``i``'s own frame in the cache (None: its shape's frame is kept instead)."""
        if capture or self.frames.get(self.shape_keys.get(i, "")) is not None:
            return None
        return page_key(self.common, self.pages[i])

    def frame_keys(self) -> set[str]:
        stamped = {i for i, key in self.shape_keys.items() if self.frames.get(key) is not None}
        return {page_key(self.common, p) for i, p in enumerate(self.pages) if i not in stamped}

    def _framed(self, page: Page, key: str | None) -> int:
        """Write one page from its kept frame (1) or by mkdocs' page builder (0). ``key``: its
        frame's in the cache (None: not kept)."""
        from mkdocs.commands.build import _build_page

        frame = _read(_state["store"], key) if key is not None else None
        if frame is not None:
            self._put(page, frame)
            return 1
        src = page.file.src_uri
        if key is not None:
            _state["pending"][src] = key
        try:
            _build_page(
                page, self.config, self.doc_files, self.nav, self.env, excluded=page.file.inclusion.is_excluded()
            )
        finally:
            _state["pending"].pop(src, None)
        return 0

    def _put(self, page: Page, frame: stamps.Frame) -> None:
        from mkdocs import utils

        before, after = frame
        text = self.body(page.file.src_uri)
        self.written(page.file.dest_uri, before, text, after)
        output = before + text + after
        utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)


def _theme(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any) -> str:
    """What mkdocs' page builder (``_build_page``) renders for ``page``, without writing it."""
    from mkdocs.commands.build import get_context

    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def built(src: str, before: str, after: str) -> bool:
    """The theme framed ``src`` (build.post_page): keep the frame if this build asked for it.
    True if the page is not to be written (its shape's stand-in)."""
    key = _state["pending"].get(src)
    if key is not None:
        _state["store"].put(KIND, key, _pack((before, after)))
    if src in _state["capture"] or src == _state["probe"]:
        _state["captured"][src] = (before, after)
    return src == _state["probe"]


def _pack(frame: tuple[str, str]) -> bytes:
    head, tail = frame[0].encode("utf-8"), frame[1].encode("utf-8")
    return zlib.compress(b"%d\n" % len(head) + head + tail, 1)


def _read(store: Store, key: str) -> tuple[str, str] | None:
    data = store.get(KIND, key)
    return None if data is None else _unpack(data)


def _unpack(data: bytes) -> tuple[str, str] | None:
    try:
        raw = zlib.decompress(data)
        size, _, rest = raw.partition(b"\n")
        cut = int(size)
        return rest[:cut].decode("utf-8"), rest[cut:].decode("utf-8")
    except (zlib.error, ValueError, UnicodeDecodeError):
        return None

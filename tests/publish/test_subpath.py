"""The site served under a sub-path, as a forge's project pages serve it
(https://owner.github.io/cchc-tinh/): built with --site-url, every link and asset of the main
pages resolves inside the sub-path, search finds and links, the 404 page a forge sends for any
missing path works at any depth, and axe-core finds no serious violation, on a desktop and on
a 390 px phone (issue 13, points 6 and 7)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from a11y import describe, settle, violations
from browsers import record_outside_requests, serve_folder
from minirepo import REPO_ROOT

from cchc.cli.main import main

SUB = "cchc-tinh"
PAGES = {
    "home": "index.html",
    "ranking": "nam/2025/xa.html",
    "unit": "don-vi/so-tu-phap.html",
    "downloads": "tai-ve.html",
    "search": "tim-kiem.html",
    "404": "khong-co/o-day/trang.html",
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Every URL a page names: links, style sheets, scripts, images, icons.
REFERENCES = """() => [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
    .map(e => e.href || e.src)"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The server's root holds only the folder SUB; its 404 page answers any missing path."""
    parent = tmp_path_factory.mktemp("pages")
    site = parent / SUB
    with serve_folder(parent, not_found=site / "404.html") as url:
        base = f"{url}/{SUB}/"
        assert main(["build", "--root", str(REPO_ROOT), "--out", str(site), "--site-url", base]) == 0
        yield base


def _open(browser, viewport, url):
    """A page at ``url``; page.failed lists every other response that is an error."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    record_outside_requests(page)
    page.failed = []
    page.on(
        "response", lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None
    )
    page.on("requestfailed", lambda r: page.failed.append(f"failed {r.url}"))
    response = page.goto(url)
    settle(page)
    return context, page, response


def _search(page) -> None:
    page.get_by_label("Gõ tên đơn vị").fill("so tu phap")
    page.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp").first.wait_for(timeout=15000)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _check_references(base: str, refs: list[str]) -> list[str]:
    """Every reference on this server stays under the sub-path and answers 200."""
    origin = base.split(f"/{SUB}/", maxsplit=1)[0]
    bad = []
    for url in sorted({urllib.parse.urldefrag(r).url for r in refs if r.startswith(origin)}):
        if not url.startswith(base):
            bad.append(f"outside {base}: {url}")
        elif (code := _status(url)) != 200:
            bad.append(f"{code} {url}")
    return bad


@pytest.mark.parametrize("name", PAGES)
def test_links_and_assets_resolve_under_the_sub_path(base, browser, name):
    context, page, response = _open(browser, DESKTOP, base + PAGES[name])
    try:
        if name == "404":
            assert response.status == 404  # the page itself, by design
            assert page.locator("link[rel=stylesheet]").count() >= 1
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
        else:
            assert response.status == 200
        if name == "search":
            _search(page)  # the index, its fragments and the results' links, all under the sub-path
        refs = page.evaluate(REFERENCES)
        assert any(r.startswith(base) for r in refs)
        assert page.failed == []
        assert page.outside_requests == []
        assert _check_references(base, refs) == []
        found = violations(page)
        assert not found, describe(found)
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "ranking", "unit", "search", "404"])
def test_no_serious_violation_on_a_phone(base, browser, name):
    context, page, _ = _open(browser, PHONE, base + PAGES[name])
    try:
        if name == "search":
            _search(page)
        found = violations(page)
        assert not found, describe(found)
        assert page.failed == []
    finally:
        context.close()

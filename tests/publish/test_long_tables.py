"""Long tables in slices (issue 16, point 4), on a real build of a generated province whose
communes' group has 230 units: its ranking is three static pages of at most 100 rows in rank
order, each area's and criterion's table two pages of at most 200; every slice shows the places
of the whole table (units sharing a place share it across a slice boundary), links to the other
slices without JavaScript (rel="prev"/"next"), at the domain root and under a sub-path, on a
390 px phone without sideways scrolling and without a serious axe violation; a chart draws only
the units its page shows; a unit page's place links to the unit's row on its slice; only the
first slice is in the search index; a rebuild from the build cache is the cold build, byte for
byte."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from a11y import describe, settle, violations
from browsers import record_outside_requests, serve_folder
from lxml import html as lxml_html
from test_build_cache import differences
from test_incremental import git

from cchc.cli.main import main
from cchc.load import repository
from cchc.sample.generate import generate
from cchc.score import results as results_mod

from .test_phone import OVERFLOW, SPLIT_WORDS

pytestmark = pytest.mark.slow  # three real builds of a generated province

COMMUNES = 230
RANKING = "nam/2025/xa.html"
SLICES = [RANKING, "nam/2025/xa/trang-2.html", "nam/2025/xa/trang-3.html"]
SUB = "cchc-tinh"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The province, its results, a cold build, a rebuild from the build cache, and a build for
    the sub-path (served from its parent folder, which holds SUB alone)."""
    base = tmp_path_factory.mktemp("long")
    root = base / "repo"
    generate(root, n_so=3, n_huyen=0, n_xa=10, n_xa_2025=COMMUNES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "generated province")
    cache = base / "cache"
    for name in ("cold", "warm"):
        assert main(["build", "--root", str(root), "--out", str(base / name), "--cache", str(cache)]) == 0
    parent = base / "pages"
    parent.mkdir()
    site = parent / SUB
    with serve_folder(parent, not_found=site / "404.html") as url:
        sub_url = f"{url}/{SUB}/"
        assert main(["build", "--root", str(root), "--out", str(site), "--site-url", sub_url]) == 0
        with serve_folder(base / "cold") as root_url:
            yield {
                "site": base / "cold",
                "warm": base / "warm",
                "results": results_mod.compute(repository.load(root)),
                "urls": {"root": root_url + "/", "sub-path": sub_url},
            }


def _doc(site: Path, path: str) -> Any:
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def _rows(doc: Any) -> list[tuple[str, str]]:
    """(place, link of the unit's page) of each row of the page's last table."""
    table = doc.xpath("//table[contains(@class, 'cchc-table')]")[-1]
    rows = table.xpath("./tbody/tr")
    return [(tr.xpath("./td[1]")[0].text_content(), tr.xpath("./td[2]//a/@href")[0]) for tr in rows]


def _unit(link: str) -> str:
    return link.rsplit("/", 1)[-1].removesuffix(".html")


def _group(results: Any, year: int, gid: str) -> Any:
    return next(g for g in results.year(year).groups if g.id == gid)


def test_a_long_ranking_is_split_in_rank_order_with_the_whole_group_places(built):
    site, group = built["site"], _group(built["results"], 2025, "xa")
    assert len(group.rows) == COMMUNES
    shown = []
    for number, path in enumerate(SLICES, start=1):
        doc = _doc(site, path)
        rows = _rows(doc)
        assert len(rows) == (100 if number < 3 else 30)
        shown += rows
        title = doc.xpath("//h1")[0].text_content()
        assert title.endswith(f"(trang {number}/3)") == (number > 1)
        summary = " ".join(doc.xpath("//p[@class='cchc-slice']")[0].text_content().split())
        first, last = (number - 1) * 100 + 1, min(COMMUNES, number * 100)
        assert summary == f"Trang {number}/3: đơn vị thứ {first}–{last} trong {COMMUNES} đơn vị, theo thứ tự hạng."
    assert not (site / "nam/2025/xa/trang-4.html").exists()
    expected = [(str(r.place) if r.place is not None else "—", r.score.unit.id) for r in group.rows]
    assert [(place, _unit(link)) for place, link in shown] == expected
    # a short group is one page, without slice links
    so = _doc(site, "nam/2025/so.html")
    assert not so.xpath("//nav[contains(@class, 'cchc-pages')]") and not (site / "nam/2025/so/trang-2.html").exists()


def test_slices_link_to_each_other_without_javascript(built):
    site = built["site"]
    for number, path in enumerate(SLICES, start=1):
        doc = _doc(site, path)
        navs = doc.xpath("//nav[contains(@class, 'cchc-pages')]")
        assert len(navs) == 2  # above and below the table, each landmark named apart
        assert len({n.get("aria-label") for n in navs}) == 2
        here = (site / path).parent
        prev, nxt = navs[0].xpath(".//a[@rel='prev']/@href"), navs[0].xpath(".//a[@rel='next']/@href")
        assert [(here / p).resolve() for p in prev] == ([(site / SLICES[number - 2]).resolve()] if number > 1 else [])
        assert [(here / n).resolve() for n in nxt] == ([(site / SLICES[number]).resolve()] if number < 3 else [])
        assert navs[0].xpath(".//*[@aria-current='page']")[0].text_content() == str(number)
        for target in navs[0].xpath(".//a/@href"):
            assert (here / target).resolve().is_file()
        # the whole group: its CSV and the year's Excel file, which the sorting note links to
        data = doc.xpath("//a[contains(@href, 'du-lieu/')]/@href")
        assert {Path(d).name for d in data} >= {"ket-qua-2025-xa.csv", "ket-qua-2025.xlsx"}
        assert all((here / d).resolve().is_file() for d in data)


def test_ties_share_a_place_across_a_slice_boundary(built):
    """Criteria score in few steps: many units share a place, some on both sides of row 200."""
    site, results = built["site"], built["results"]
    straddling = []
    for second in sorted((site / "nam/2025/xa").glob("*/trang-2.html")):
        code = second.parent.name
        first = _rows(_doc(site, f"nam/2025/xa/{code}.html"))
        rest = _rows(_doc(site, second.relative_to(site).as_posix()))
        assert (len(first), len(rest)) == (200, COMMUNES - 200)
        depth1 = "." not in code
        places = {
            r.score.unit.id: (r.area_places if depth1 else r.criterion_places).get(code)
            for g in results.year(2025).groups
            for r in g.rows
            if r.score.framework.level == "xa"
        }
        for place, link in first + rest:
            assert place == (str(places[_unit(link)]) if places[_unit(link)] else "—")
        if first[-1][0] == rest[0][0] != "—":
            straddling.append(code)
    assert straddling, "some criterion has a tie across its slices"


def test_charts_draw_only_the_units_their_page_shows(built):
    site = built["site"]
    for path in SLICES:
        doc = _doc(site, path)
        names = {a.text_content() for a in doc.xpath("//table[contains(@class, 'cchc-ranking')]//td[2]//a")}
        (figure,) = doc.xpath("//figure[contains(@class, 'cchc-chart')]")
        tips = figure.xpath(".//*[contains(@class, 'cchc-bar')]/title/text()")  # "Hạng N · name · chỉ số …"
        drawn = {tip.split(" · ")[1] for tip in tips}
        assert drawn and drawn <= names


def test_a_unit_page_links_to_its_row_on_its_slice(built):
    site, group = built["site"], _group(built["results"], 2025, "xa")
    unit = group.rows[150].score.unit.id
    doc = _doc(site, f"don-vi/{unit}.html")
    links = set(doc.xpath("//a[contains(@href, '#dv-')]/@href"))
    assert f"../nam/2025/xa/trang-2.html#dv-{unit}" in links
    assert _doc(site, "nam/2025/xa/trang-2.html").xpath(f"//tr[@id='dv-{unit}']")


def test_only_the_first_slice_is_in_the_search_index(built):
    site = built["site"]
    indexed = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        indexed.add(json.loads(data[data.index(b"{") :])["url"])
    assert "/nam/2025/xa.html" in indexed
    assert not [u for u in indexed if "/trang-" in u or re.fullmatch(r"/nam/\d+/\w+/.+", u)]
    assert {u for u in indexed if u.startswith("/don-vi/")} == {
        "/" + p.relative_to(site).as_posix() for p in (site / "don-vi").glob("*.html")
    }


def test_a_rebuild_from_the_cache_is_the_cold_build(built):
    assert differences(built["site"], built["warm"]) == []


@contextmanager
def _open(browser: Any, viewport: dict, url: str) -> Iterator[Any]:
    """The page at ``url`` in a browser context of its own (closed after), with the failed
    responses it met (``page.failed``) and its requests outside the site recorded."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        record_outside_requests(page)
        page.failed = []
        page.on("response", lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url)
        page.wait_for_load_state("load")
        yield page
    finally:
        context.close()


def _first_place(page: Any) -> str:
    return page.locator("table.cchc-ranking tbody tr").first.locator("td").first.inner_text()


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_a_reader_pages_through_the_ranking(built, browser, where):
    base = built["urls"][where]
    with _open(browser, DESKTOP, base + RANKING) as page:
        nav = page.get_by_role("navigation", name="Các trang của bảng xếp hạng", exact=True)
        nav.get_by_role("link", name="Trang sau").click()
        page.wait_for_url(base + SLICES[1])
        assert _first_place(page) == "101"
        nav.get_by_role("link", name="Trang 3").click()
        page.wait_for_url(base + SLICES[2])
        assert _first_place(page) == "201"
        assert nav.get_by_role("link", name="Trang sau").count() == 0
        nav.get_by_role("link", name="Trang trước").click()
        page.wait_for_url(base + SLICES[1])
        nav.get_by_role("link", name="Trang 1").click()
        page.wait_for_url(base + RANKING)
        assert _first_place(page) == "1"
        assert page.failed == [] and page.outside_requests == []


def test_sorting_sorts_the_slice_shown(built, browser):
    with _open(browser, DESKTOP, built["urls"]["root"] + SLICES[1]) as page:
        units = page.locator("table.cchc-ranking tbody td:nth-child(2) a")
        before = sorted(units.all_inner_texts())
        headers = [" ".join(h.split()) for h in page.locator("table.cchc-ranking thead th").all_inner_texts()]
        column = headers.index("Điểm đạt") + 1
        page.locator("table.cchc-ranking th", has_text="Điểm đạt").click()
        cells = page.locator(f"table.cchc-ranking tbody td:nth-child({column})").all_inner_texts()
        values = [float(v.replace(",", ".")) for v in cells]
        assert values in (sorted(values), sorted(values, reverse=True)) and len(set(values)) > 1
        assert sorted(units.all_inner_texts()) == before  # the same 100 units: this slice's


@pytest.mark.parametrize("where", ["root", "sub-path"])
@pytest.mark.parametrize("path", [SLICES[1], "nam/2025/xa/3.1/trang-2.html"])
def test_a_slice_on_a_phone(built, browser, where, path):
    with _open(browser, PHONE, built["urls"][where] + path) as page:
        settle(page)
        assert page.evaluate(OVERFLOW), page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        assert page.evaluate(SPLIT_WORDS, "article h1, article td, .cchc-pages") == []
        found = violations(page)
        assert not found, describe(found)
        assert page.failed == [] and page.outside_requests == []


def test_a_slice_on_a_desktop_has_no_serious_violation(built, browser):
    with _open(browser, DESKTOP, built["urls"]["sub-path"] + SLICES[2]) as page:
        settle(page)
        found = violations(page)
        assert not found, describe(found)

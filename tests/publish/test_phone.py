"""The built sample site on a 390 px phone in Chromium (issue 13, item 4): no page scrolls
sideways, names break between syllables only, the ranking's rank and name stay in view while
its numbers scroll, charts keep their labels, a unit page shows its latest year first and
folds the rest; and search results show a unit's rank and index, not the sample banner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browsers import record_outside_requests

PHONE = {"width": 390, "height": 844}

# Every syllable or number (a run of letters, digits, decimal commas) of the visible text of the
# matched elements, laid out on more than one line: a line broke inside it. (A line may break
# at a space, or after the hyphen or slash of "25/KH-STP": between syllables.)
SPLIT_WORDS = """(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility()) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[\\p{L}\\p{M}\\p{N},.%]+/gu;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""
OVERFLOW = "document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)  # innerWidth stays 390: no zooming out to fit
    pg = context.new_page()
    record_outside_requests(pg)
    yield pg
    context.close()


PAGES = [
    "index.html",
    "nam/2025/index.html",
    "nam/2025/xa.html",
    "nam/2024/so.html",
    "nam/2025/so/1.html",
    "don-vi/so-tu-phap.html",
    "don-vi/xa-bac-dong.html",
    "phuong-phap/index.html",
    "phuong-phap/sample-2025-xa.html",
    "tai-ve.html",
    "tim-kiem.html",
    "404.html",
    "huong-dan/index.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(served: str, phone: Any, path: str) -> None:
    phone.goto(f"{served}/{path}")
    phone.wait_for_load_state("load")
    assert phone.evaluate(OVERFLOW), phone.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert phone.evaluate(SPLIT_WORDS, "article h1, article td, article .cchc-lead, .md-header__title") == []
    assert phone.outside_requests == []


def test_ranking_keeps_rank_and_name_in_view(served: str, phone: Any) -> None:
    phone.goto(f"{served}/nam/2025/xa.html")
    table = phone.locator("table.cchc-ranking")
    names = table.locator("td.cchc-unit a")
    assert names.count() == 16
    assert phone.evaluate(SPLIT_WORDS, "table.cchc-ranking td.cchc-unit a") == []
    box = phone.locator(".cchc-scroll", has=table)
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the numbers scroll in their box
    phone.evaluate(
        "t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 100)", table.element_handle()
    )
    first = names.first.bounding_box()
    index = table.locator("tbody tr").first.locator("td").nth(-4)  # the index
    assert index.bounding_box()["x"] > PHONE["width"]  # off to the right at first
    # scrolled until the index stands right after the pinned rank and name
    box.evaluate(
        """(e) => { const cell = e.querySelector('tbody tr td:nth-last-child(4)');
                    const name = e.querySelector('tbody tr td:nth-child(2)');
                    e.scrollLeft = cell.offsetLeft - (name.offsetLeft + name.offsetWidth); }"""
    )
    phone.wait_for_timeout(100)
    assert names.first.bounding_box()["x"] == pytest.approx(first["x"], abs=1)  # the name stayed
    seen = index.bounding_box()
    name_cell = table.locator("tbody tr").first.locator("td").nth(1).bounding_box()
    assert seen["x"] >= name_cell["x"] + name_cell["width"] - 1  # beside the name, not under it
    assert seen["x"] + seen["width"] <= PHONE["width"]
    hit = phone.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('td').textContent",
        [seen["x"] + seen["width"] / 2, seen["y"] + seen["height"] / 2],
    )
    assert hit == index.inner_text()  # on top, not under the pinned columns


def test_sorting_still_works_on_a_phone(served: str, phone: Any) -> None:
    phone.goto(f"{served}/nam/2025/so.html")
    headers = phone.locator("table.cchc-ranking thead th").all_inner_texts()
    column = [" ".join(h.split()) for h in headers].index("Điểm đạt") + 1
    phone.locator("table.cchc-ranking th", has_text="Điểm đạt").click()
    values = [
        float(v.replace(",", "."))
        for v in phone.locator(f"table.cchc-ranking tbody td:nth-child({column})").all_inner_texts()
    ]
    assert values in (sorted(values), sorted(values, reverse=True)) and len(set(values)) > 1


def _labels(page: Any, figure: Any) -> list[str]:
    figure.locator("svg").first.wait_for(timeout=15000)
    return figure.locator("svg text.cchc-label").all_text_contents()


def test_unit_page_latest_year_first_and_the_rest_folded(served: str, phone: Any) -> None:
    phone.goto(f"{served}/don-vi/so-tu-phap.html")
    headings = [" ".join(h.split()) for h in phone.locator("article h2").all_inner_texts()]
    assert headings[0] == "Năm 2025"
    assert phone.locator("article .cchc-lead").inner_text().startswith("Năm 2025: hạng ")
    earlier = phone.locator("details#nam-2024")
    assert earlier.get_attribute("open") is None
    assert earlier.locator("> summary").inner_text().startswith("Năm 2024: hạng ")
    evidence = phone.locator("details.cchc-fold", has_text="Tài liệu kiểm chứng").first
    assert evidence.get_attribute("open") is None and not evidence.locator("table").is_visible()
    # charts keep their labels: wrapped between words, never cut short with an ellipsis
    profile = phone.locator("figure.cchc-chart").first
    labels = _labels(phone, profile)
    assert len(labels) >= 8 and not any("…" in t for t in labels)
    box = profile.bounding_box()
    for line in profile.locator("svg text.cchc-label tspan").all():  # each line within the phone's chart
        seen = line.bounding_box()
        assert box["x"] <= seen["x"] and seen["x"] + seen["width"] <= box["x"] + box["width"]
    assert "Tác động của CCHC đến" in " ".join(labels)
    # an earlier year's chart, once its section is opened, is as wide as the page
    earlier.locator("> summary").click()
    chart = earlier.locator("figure.cchc-chart").first
    assert not any("…" in t for t in _labels(phone, chart))
    assert chart.bounding_box()["width"] > 300
    assert phone.evaluate(OVERFLOW)


def test_search_result_shows_rank_and_index_not_the_banner(served: str, phone: Any) -> None:
    phone.goto(f"{served}/tim-kiem.html")
    box = phone.locator("#cchc-search input")
    box.wait_for(timeout=15000)
    box.fill("so tu phap")
    link = phone.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp")
    result = phone.locator(".pagefind-ui__result", has=link)
    result.first.wait_for(timeout=15000)
    excerpt = result.first.locator(".pagefind-ui__result-excerpt").inner_text()
    assert "hạng " in excerpt and "chỉ số " in excerpt and "%" in excerpt, excerpt
    assert "Dữ liệu mẫu" not in excerpt and "tỉnh giả định" not in excerpt, excerpt


def test_404_search_box_leads_to_results(served: str, phone: Any) -> None:
    phone.goto(f"{served}/404.html")
    phone.get_by_label("Tìm cơ quan, đơn vị, tiêu chí").fill("tu phap")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_url("**/tim-kiem.html?q=tu+phap")
    phone.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp").first.wait_for(timeout=15000)

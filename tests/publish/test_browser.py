"""The built sample site in a real browser: rankings, sorting, charts, accent-free search."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cchc.load import repository
from cchc.score import results as results_mod

REPO = Path(__file__).resolve().parents[2]


def _expected(year: int, group: str):
    res = results_mod.compute(repository.load(REPO))
    g = next(g for g in res.year(year).groups if g.id == group)
    return [(r.place, r.unit.name) for r in g.rows]


def test_ranking_page_lists_every_unit_in_order(served, page):
    year, group = 2025, "xa"
    page.goto(f"{served}/nam/{year}/{group}.html")
    rows = page.locator("table.cchc-ranking tbody tr")
    got = [
        (int(t) if t.isdigit() else None, n)
        for t, n in zip(
            rows.locator("td:nth-child(1)").all_inner_texts(),
            rows.locator("td:nth-child(2) a").all_inner_texts(),
            strict=True,
        )
    ]
    assert got == _expected(year, group)
    places = [p for p, _ in got if p is not None]
    assert places == sorted(places)
    assert page.locator(".cchc-sample").count() == 1  # the sample-data banner
    assert page.outside_requests == []


def test_sorting_a_column(served, page):
    page.goto(f"{served}/nam/2025/so.html")
    header = page.locator("table.cchc-ranking th", has_text="Chỉ số (%)")
    names = [" ".join(h.split()) for h in page.locator("table.cchc-ranking thead th").all_inner_texts()]
    col = f"table.cchc-ranking tbody td:nth-child({names.index('Chỉ số (%)') + 1})"

    def values():
        return [Decimal(v.replace(",", ".")) for v in page.locator(col).all_inner_texts() if v != "—"]

    header.click()
    first = values()
    assert first in (sorted(first), sorted(first, reverse=True))
    header.click()
    second = values()
    assert second == list(reversed(first)) or second == sorted(first, reverse=first == sorted(first))
    assert page.locator("table.cchc-ranking th[aria-sort]").count() == 1


def test_unit_page_shows_charts(served, page):
    page.goto(f"{served}/don-vi/so-tu-phap.html")
    page.wait_for_selector("figure.cchc-chart svg", timeout=15000)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # earlier years
    figures = page.locator("figure.cchc-chart")
    assert figures.count() >= 3  # trend + one area profile per year
    for i in range(figures.count()):
        figures.nth(i).locator("svg").first.wait_for(timeout=15000)
    assert page.locator("h1").inner_text() == "Sở Tư pháp"
    assert page.outside_requests == []


def test_search_without_diacritics(served, page, tmp_path):
    page.goto(f"{served}/tim-kiem.html")
    box = page.locator("#cchc-search input")
    box.wait_for(timeout=15000)
    box.fill("so tu phap")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15000)
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "Sở Tư pháp" in titles
    box.fill("Sở Tư pháp")
    page.wait_for_timeout(500)
    page.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp").first.wait_for(timeout=15000)
    shot = tmp_path / "search.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

"""axe-core on every kind of page of the built sample site, in Chromium: no serious or critical
violation (issue 13, point 7). What it found on the theme's defaults, fixed in cchc.css's
accessibility block and the search page: navigation tabs at 4.28:1 contrast, the footer's small
print at 4.47:1, links told apart from text by colour alone, a search field without a label."""

from __future__ import annotations

import pytest
from a11y import describe, settle, violations
from browsers import serve_folder

PAGES = {
    "home": "index.html",
    "year": "nam/2025/index.html",
    "group ranking": "nam/2025/so.html",
    "unit": "don-vi/so-tu-phap.html",
    "area": "nam/2025/so/1.html",
    "criterion": "nam/2025/so/1.1.html",
    "methods": "phuong-phap/index.html",
    "method of a framework": "phuong-phap/sample-2025-so.html",
    "downloads": "tai-ve.html",
    "guide": "huong-dan/index.html",
    "404": "khong-co/trang-nay.html",  # a missing path: the server sends 404.html, as Pages does
}


@pytest.fixture(scope="module")
def site_url(sample_site):
    with serve_folder(sample_site, not_found=sample_site / "404.html") as url:
        yield url


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_violation(site_url, page, path):
    response = page.goto(f"{site_url}/{path}")
    assert response.status == (404 if path.startswith("khong-co/") else 200)
    settle(page)
    found = violations(page)
    assert not found, describe(found)


def test_no_serious_violation_with_search_results(site_url, page):
    page.goto(f"{site_url}/tim-kiem.html")
    box = page.get_by_label("Gõ tên đơn vị")  # the field is named by the page's label
    box.fill("so tu phap")
    page.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp").first.wait_for(timeout=15000)
    found = violations(page)
    assert not found, describe(found)

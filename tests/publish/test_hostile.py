"""Names and titles that are script-injection payloads, on the built site in a real browser:
nothing runs, nothing becomes markup, every text reads as written (issue 11, point 6).

The repository carries a payload in every name and title that reaches the site (see
tests/hostile_names.py). The import check refuses them; they are let through here so that the
site's own escaping is what is tested: page titles, the navigation, the site name, the header,
the bodies, the charts and the search results.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers import serve_folder
from hostile_names import INJECTED_JS, PAYLOADS, hostile_repo, without_markup_check

from cchc.cli.build import build_site
from cchc.load import repository
from cchc.publish.site.build import CODE_ROOT
from cchc.score import results as results_mod

PAGES = [
    "index.html",
    "nam/2025/index.html",
    "nam/2025/so.html",
    "nam/2025/so/1.html",
    "nam/2025/so/2.2.html",
    "don-vi/so-a.html",
    "don-vi/so-b.html",
    "phuong-phap/index.html",
    "phuong-phap/mini-so.html",
    "tai-ve.html",
    "huong-dan/index.html",
    "404.html",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile-site")
    root = hostile_repo(base / "repo")
    with without_markup_check():
        repo = repository.load(root)
    assert repo.units["so-a"].name == PAYLOADS["unit_a"]  # the payloads did reach the model
    results = results_mod.compute(repo)
    out = base / "site"
    assert build_site(root, CODE_ROOT / "mkdocs.yml", out, repo, results) == 0
    return out


@pytest.fixture(scope="module")
def hostile_served(hostile_site):
    with serve_folder(hostile_site) as url:
        yield url


def _visit(page, url: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    if page.locator("figure.cchc-chart").count():
        page.locator("figure.cchc-chart svg").first.wait_for(timeout=15000)
    page.keyboard.press("Tab")  # focus handlers, if any had been injected
    return dialogs


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_or_becomes_markup(hostile_served, page, path):
    dialogs = _visit(page, f"{hostile_served}/{path}")
    assert page.evaluate(INJECTED_JS) == []
    assert dialogs == []
    # the site name (the province's) is text in the header and the window title
    assert PAYLOADS["province"] in page.title()
    assert PAYLOADS["province"] in page.locator(".md-header__topic").first.inner_text()
    # the page's description (printed by the theme as it is) is one attribute of text
    assert page.locator('meta[name="description"]').count() == 1
    if path in ("don-vi/so-a.html", "nam/2025/so.html"):
        described = page.locator('meta[name="description"]').get_attribute("content")
        assert PAYLOADS["unit_a" if path.startswith("don-vi") else "group"] in described


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("index.html", f"Chỉ số cải cách hành chính — {PAYLOADS['province']}"),
        ("nam/2025/so.html", f"Xếp hạng Chỉ số CCHC năm 2025 — {PAYLOADS['group']}"),
        ("nam/2025/so/1.html", f"Lĩnh vực 1. {PAYLOADS['area']} — năm 2025"),
        ("nam/2025/so/2.2.html", f"Tiêu chí 2.2. {PAYLOADS['criterion']} — năm 2025"),
        ("don-vi/so-a.html", PAYLOADS["unit_a"]),
        ("don-vi/so-b.html", PAYLOADS["unit_b"]),
        ("phuong-phap/mini-so.html", PAYLOADS["framework"]),
    ],
)
def test_titles_read_as_written(hostile_served, page, path, heading):
    _visit(page, f"{hostile_served}/{path}")
    assert page.locator("article h1").inner_text() == heading
    site_name = f"Chỉ số CCHC — {PAYLOADS['province']}"
    assert page.title() == (site_name if path == "index.html" else f"{heading} - {site_name}")


def test_bodies_read_as_written(hostile_served, page):
    _visit(page, f"{hostile_served}/don-vi/so-a.html")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # the evidence list
    body = page.locator("article").inner_text()
    for key in ("level", "group", "area", "leaf", "evidence", "evidence_number", "reason"):
        assert PAYLOADS[key] in body, key
    _visit(page, f"{hostile_served}/phuong-phap/mini-so.html")
    body = page.locator("article").inner_text()
    for key in ("legal", "issuer", "band", "hint", "criterion", "option"):
        assert PAYLOADS[key] in body, key
    _visit(page, f"{hostile_served}/nam/2025/index.html")
    assert PAYLOADS["plan"] in page.locator("article").inner_text()
    _visit(page, f"{hostile_served}/huong-dan/index.html")  # the group's page in the navigation
    assert page.locator(".md-nav__link", has_text=PAYLOADS["group"]).count() >= 1


def test_chart_tooltips_and_search_results_are_text(hostile_served, page):
    dialogs = _visit(page, f"{hostile_served}/nam/2025/so.html")
    tips = page.locator("figure.cchc-chart svg g.cchc-bar > title").all_text_contents()
    assert any(PAYLOADS["unit_b"] in t for t in tips), tips  # the name as it is written, as text
    page.locator("figure.cchc-chart svg g.cchc-bar").first.hover()
    page.wait_for_timeout(300)
    assert page.evaluate(INJECTED_JS) == [] and dialogs == []
    dialogs = _visit(page, f"{hostile_served}/tim-kiem.html")
    box = page.locator("#cchc-search input")
    box.wait_for(timeout=15000)
    box.fill("Sở B")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    assert PAYLOADS["unit_b"] in page.locator(".pagefind-ui__results").inner_text()
    assert page.evaluate(INJECTED_JS) == [] and dialogs == []

"""The site's Content-Security-Policy in a real browser: every kind of page loads, draws its
charts, sorts and searches without one violation, and markup that got into a page anyway
cannot run (issue 11, point 6)."""

from __future__ import annotations

import pytest

# Recorded from the first script on: violations of the page's policy, and what the console says.
WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '')));"
)
PAGES = [
    "index.html",
    "nam/2025/index.html",
    "nam/2025/so.html",
    "nam/2025/so/1.html",
    "don-vi/so-tu-phap.html",
    "phuong-phap/index.html",
    "tai-ve.html",
    "tim-kiem.html",
    "huong-dan/index.html",
    "404.html",
]


def _open(page, url: str) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_load_state("load")
    return errors


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_runs_under_the_policy(served, page, path):
    errors = _open(page, f"{served}/{path}")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert page.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/json\"])').length") == 0
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # folded charts
    charts = page.locator("figure.cchc-chart")
    for i in range(charts.count()):  # SVG drawn when the site is built, coloured without inline styles
        charts.nth(i).locator("svg").first.wait_for(timeout=15000)
        assert charts.nth(i).bounding_box()["width"] > 300
        assert charts.nth(i).locator("svg").bounding_box()["width"] == charts.nth(i).bounding_box()["width"]
    if path == "tim-kiem.html":
        box = page.locator("#cchc-search input")
        box.wait_for(timeout=15000)
        box.fill("so tu phap")
        page.locator(".pagefind-ui__result-link", has_text="Sở Tư pháp").first.wait_for(timeout=15000)
    if path == "nam/2025/so.html":
        page.locator("table.cchc-ranking th", has_text="Chỉ số (%)").click()
        assert page.locator("table.cchc-ranking th[aria-sort]").count() == 1
        bar = page.locator("figure.cchc-chart svg g.cchc-bar").first
        bar.hover()
        assert bar.locator("title").text_content().startswith("Hạng 1 · ")  # the browser's own tooltip
        assert page.evaluate("getComputedStyle(document.querySelector('g.cchc-bar rect:last-of-type')).fill") == (
            "rgb(21, 101, 192)"
        )
    assert page.evaluate("window.__csp") == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_markup_that_got_in_cannot_run(served, page):
    _open(page, f"{served}/don-vi/so-tu-phap.html")
    page.evaluate("""() => {
      document.body.insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="window.__ran = 1"><a id="x" href="javascript:window.__ran = 2">x</a>');
      const s = document.createElement('script'); s.textContent = 'window.__ran = 3'; document.body.append(s);
    }""")
    page.locator("#x").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert len(page.evaluate("window.__csp")) >= 2


def test_only_the_local_preview_allows_its_reload_script():
    from cchc import site_hook as hook
    from cchc.publish.site import build

    assert "'unsafe-inline'" not in build.CSP
    hook.on_startup(command="serve")
    try:
        assert "script-src 'self' 'unsafe-inline'" in build.CSP_PREVIEW
        assert hook._state["command"] == "serve"
    finally:
        hook.on_shutdown()
    assert "command" not in hook._state

"""Names, titles and the council's words that are script-injection payloads, in the council's
and the unit's appraisal pages (tests/hostile_names.py's repository, with the council's name
a payload too): shown as written, nothing runs, the page's Content-Security-Policy holds."""

from __future__ import annotations

import json

import pytest
from browsers import serve_folder
from hostile_names import INJECTED_JS, PAYLOADS, hostile_repo, without_markup_check

from cchc.cli.main import main

from .conftest import BRANCH, git
from .test_hostile import _open

COUNCIL = 'Hội đồng <img src=x onerror=alert("council")> [x](javascript:alert("council"))'


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """Replaces conftest's: a clone of the hostile repository, its council named by a payload."""
    base = tmp_path_factory.mktemp("appraisal-hostile")
    source = hostile_repo(base / "source")
    plan = source / "plans" / "2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("name: Hội đồng thẩm định tỉnh,", f"name: {json.dumps(COUNCIL)},"), encoding="utf-8")
    git(source, "init", "-q", "-b", BRANCH)
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "Hostile names")
    git(base, "clone", "-q", str(source), "clone")
    return base / "clone"


@pytest.fixture(scope="module")
def site_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("appraisal-hostile-site")
    with serve_folder(root) as url:
        yield root, f"{url}/admin/"


def _generate(clone, backend, root, when: str) -> None:
    args = ["editor-config", "--root", str(clone), "--local-backend", backend, "--branch", BRANCH, "--at", when]
    with without_markup_check():
        assert main([*args, "--out", str(root / "admin"), "--with-assets"]) == 0


def _clean(page, dialogs: list[str]) -> None:
    for frame in page.frames:
        assert frame.evaluate(INJECTED_JS) == [], frame.url
    assert dialogs == []
    assert page.evaluate("window.__csp") == []


def test_the_councils_pages_show_every_name_as_text(clone, decap_server, site_root, page):
    root, url = site_root
    _generate(clone, decap_server, root, "2026-03-05T09:00:00+07:00")  # round 2 of so-a
    dialogs = _open(page, url + "?chon")
    assert COUNCIL in page.locator(".cchc-councils").inner_text()
    page.get_by_role("link", name=COUNCIL).click()
    assert COUNCIL in page.locator(".cchc-council-bar").inner_text()
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"{PAYLOADS['unit_a']} — vòng 2").click()
    for code in ("1", "2"):
        area = page.locator(f'[id^="a_{code}-field-"]').first
        area.locator('[data-testid="expand-button"]').first.click()
    first = page.locator('[id^="c_1_1_1-field-"]').first
    first.get_by_text(f"Vòng 1: 0,5 điểm — {PAYLOADS['reason']}").wait_for()
    assert PAYLOADS["evidence"] in first.locator("a.cchc-ap-open").first.inner_text()
    assert f"{PAYLOADS['option']} — 1 điểm" in first.locator("select").inner_text()
    form = page.evaluate("document.body.textContent")
    for key in ("area", "leaf", "hint", "figure"):
        assert PAYLOADS[key] in form, key
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == PAYLOADS["unit_a"]
    assert PAYLOADS["reason"] in preview.locator("table").inner_text()
    _clean(page, dialogs)


def test_the_units_explanation_page_shows_every_name_as_text(clone, decap_server, site_root, page):
    root, url = site_root
    _generate(clone, decap_server, root, "2026-02-20T09:00:00+07:00")  # so-a's explanation round
    dialogs = _open(page, url + "?don-vi=so-a")
    page.get_by_role("button", name="Đăng nhập").click()
    requests = page.locator(".cchc-ex-requests")
    requests.get_by_text("Đề nghị bổ sung tài liệu về hội nghị tuyên truyền.", exact=False).wait_for()
    assert PAYLOADS["unit_a"] in page.locator(".cchc-unit-bar").inner_text()
    _clean(page, dialogs)

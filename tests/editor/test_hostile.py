"""Names and titles that are script-injection payloads, in the web editor (issue 11, point 6).

The editor at /admin/ shares the public site's origin and holds the clerk's forge token. Its
own page (the unit chooser, the unit bar), Decap's form (labels, hints, choices built from the
framework) and the preview must show every name as written, run nothing, and stay within the
page's Content-Security-Policy. The repository is tests/hostile_names.py's, let past the import
check so that the editor's own escaping is what is tested.
"""

from __future__ import annotations

import html

import pytest
from browsers import serve_folder
from hostile_names import INJECTED_JS, PAYLOADS, hostile_repo, without_markup_check

from cchc.editor import settings

from .conftest import forge_clone, write_editor
from .test_browser import WATCH_CSP


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """Replaces conftest's: a clone (with a bare 'origin') of the hostile repository."""
    base = tmp_path_factory.mktemp("editor-hostile")
    return forge_clone(base, hostile_repo(base / "source"), "Hostile names")


@pytest.fixture(scope="module")
def served(tmp_path_factory, clone, decap_server):
    """Replaces conftest's: the editor for the hostile repository, names let past the import check."""
    root = tmp_path_factory.mktemp("editor-hostile-site")
    with without_markup_check():
        write_editor(clone, decap_server, root)
    with serve_folder(root) as url:
        yield f"{url}/admin/"


def _open(page, url: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH_CSP)
    page.set_default_timeout(20_000)
    page.goto(url)
    return dialogs


def test_the_unit_chooser_shows_names_as_text(served, page):
    dialogs = _open(page, served + "?chon")
    chooser = page.locator(".cchc-chooser")
    chooser.wait_for()
    text = chooser.inner_text()
    for key in ("province", "level", "unit_a", "unit_b"):
        assert PAYLOADS[key] in text, key
    assert page.evaluate(INJECTED_JS) == [] and dialogs == []
    assert page.evaluate("window.__csp") == []


def test_the_form_and_preview_show_names_as_text(served, page):
    dialogs = _open(page, served + "?don-vi=so-a")
    page.get_by_role("button", name="Đăng nhập").click()
    for code in ("1", "2"):  # the areas holding the payloads' criteria
        area = page.locator(f'[id^="a_{code}-field-"]').first
        area.wait_for()
        area.locator('[data-testid="expand-button"]').first.click()
    form = page.evaluate("document.body.textContent")  # labels are upper-cased by CSS only
    for key in ("area", "leaf", "hint", "figure", "evidence"):
        assert PAYLOADS[key] in form, key
    page.locator('[id^="c_1_1_1-field-"] [id^="score-field-"]').first.click()
    page.get_by_role("option", name=f"{PAYLOADS['option']} — 1 điểm", exact=True).wait_for()
    page.keyboard.press("Escape")
    assert PAYLOADS["unit_a"] in page.locator(".cchc-unit-bar").inner_text()
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == PAYLOADS["unit_a"]
    assert PAYLOADS["leaf"] in preview.locator("table").inner_text()
    for frame in page.frames:
        assert frame.evaluate(INJECTED_JS) == [], frame.url
    assert dialogs == []
    assert page.evaluate("window.__csp") == []


@pytest.mark.parametrize(
    ("forge", "connect", "images"),
    [
        (
            {"backend": "github", "repo": "snv/kho", "base_url": "https://dang-nhap.snv.example.vn/oauth"},
            ["https://api.github.com", "https://dang-nhap.snv.example.vn"],
            ["https://avatars.githubusercontent.com"],
        ),
        (
            {
                "backend": "forgejo",
                "repo": "snv/kho",
                "api_root": "https://git.snv.example.vn:3000/api/v1",
                "app_id": "x",
            },
            ["https://git.snv.example.vn:3000"],
            ["https://git.snv.example.vn:3000"],
        ),
        ({"local_backend": "http://127.0.0.1:8081/api/v1"}, ["http://127.0.0.1:8081"], []),
        # an address that is not one adds nothing (it could otherwise widen or break the policy)
        ({"backend": "forgejo", "repo": "snv/kho", "api_root": "https://x.vn; script-src *", "app_id": "x"}, [], []),
    ],
)
def test_the_policy_names_the_forge_only(forge, connect, images):
    from cchc.editor import csp, site

    policy = csp.policy(settings.merged(forge))
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["script-src"] == ["'self'", "'unsafe-eval'"]  # never 'unsafe-inline'
    assert directives["connect-src"] == ["'self'", "blob:", "data:", *connect]
    assert directives["img-src"] == ["'self'", "data:", "blob:", *images]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert f'content="{policy}"' in html.unescape(site.page(settings.merged(forge)))

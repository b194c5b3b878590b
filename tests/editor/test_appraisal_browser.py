"""A council member appraises a unit in the browser, the unit answers, the council closes.

Decap CMS at /admin/ talks to decap-server on a clone of the sample province; the editor is
generated at each step's time (`cchc editor-config --at`), as the site build does at each
merge. Round 1 (20/01/2026): one score lowered (refused until a reason is given) and one
request for explanation; the council's branch is judged by `cchc check-pr` as a forge event
and merged. The explanation round (20/02/2026): the unit answers the request with a new PDF;
judged and merged. Round 2 (05/03/2026, after the explanation deadline): the council sets the
requested criterion from the figures it checked; judged. Each preview's totals are cchc's.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from browsers import record_outside_requests, serve_folder
from pdfs import write_scan
from policy.forge import Forge

from cchc.cli.main import main
from cchc.editor import config as editor_config
from cchc.editor.fields import key
from cchc.load import repository
from cchc.model.numbers import fmt
from cchc.policy.phases import _key  # a round as check-pr compares it
from cchc.rules import KINDS, self_points
from cchc.score.unit import index_of, score_unit

from .conftest import BRANCH, git
from .test_browser import WATCH_CSP, _shot

ROUND1, EXPLAIN, ROUND2 = "2026-01-20T09:00:00+07:00", "2026-02-20T09:00:00+07:00", "2026-03-05T09:00:00+07:00"
YEAR = 2025
# window.open is the one thing headless Chromium cannot show (a PDF tab): record where it goes.
RECORD_TABS = (
    "window.__opened = []; window.open = () => ({ opener: null, close() {},"
    " location: { replace: (url) => window.__opened.push(url) } });"
)


class Server:
    """The forge around the clone decap-server writes to: its pull-request events and CI checkouts
    (tests/policy/forge.py's, on this clone)."""

    pull_request = Forge.pull_request
    checkout = Forge.checkout
    _write = Forge._write

    def __init__(self, clone: Path, root: Path):
        self.origin, self.root, self.events, self.count = clone, root, root / "events", 0
        self.events.mkdir(parents=True)

    def main(self) -> str:
        return git(self.origin, "rev-parse", BRANCH).strip()

    def judge(self, capsys, branch: str, author: str, when: str) -> tuple[int, dict]:
        """`cchc check-pr` on the pull request ``branch`` → main, opened by ``author`` at ``when``."""
        head = git(self.origin, "rev-parse", branch).strip()
        event = self.pull_request(head, author, when, action="opened")
        capsys.readouterr()  # what ran before
        code = main(["check-pr", "--repo", str(self.checkout(head)), "--event", str(event), "--format", "json"])
        return code, json.loads(capsys.readouterr().out)

    def merge(self, branch: str) -> None:
        """The forge merges the pull request and deletes its branch."""
        git(self.origin, "checkout", "-q", BRANCH)
        git(self.origin, "merge", "-q", "--no-ff", "-m", f"Gộp {branch}", branch)
        git(self.origin, "branch", "-q", "-D", branch)


def _errors(doc: dict) -> list[str]:
    return [f"{f['code']}: {f['message']}" for f in doc["findings"] if f["severity"] == "error"]


@pytest.fixture(scope="module")
def site_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("appraisal-site")
    with serve_folder(root) as url:
        yield root, f"{url}/admin/"


def _generate(clone: Path, backend: str, root: Path, when: str) -> dict:
    args = ["editor-config", "--root", str(clone), "--local-backend", backend, "--branch", BRANCH, "--at", when]
    assert main([*args, "--out", str(root / "admin"), "--with-assets"]) == 0
    return json.loads((root / "admin" / "cchc-editor.json").read_text(encoding="utf-8"))["appraisal"]


def _open(browser, url: str, when: str):
    """A new browser whose clock says ``when`` (the step's time, as the editor was generated)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.clock.set_fixed_time(when)
    record_outside_requests(page)
    page.add_init_script(WATCH_CSP)
    page.add_init_script(RECORD_TABS)
    page.set_default_timeout(20_000)
    page.goto(url)
    return page


def _done(page) -> None:
    assert page.outside_requests == []
    assert page.evaluate("window.__csp") == []
    page.context.close()


def _choose(repo) -> tuple:
    """The unit (routed, self-assessed, not appraised), a criterion scored by choice that the council
    lowers to its lowest level, and one computed from figures that it asks about."""
    plan = repo.plans[YEAR]
    for unit in editor_config.units_of(repo, YEAR):
        dossier = repo.dossiers.get((YEAR, unit.id))
        if plan.council_for(unit) and dossier and dossier.self_assessment and not dossier.appraisal:
            break
    fw = repo.framework_for(YEAR, unit.level)
    entries = {e.code: e for e in dossier.self_assessment.entries}
    lowered = next(
        n
        for n in fw.self_leaves()
        if KINDS[n.rule.kind].options(n) and not KINDS[n.rule.kind].uses_figures and entries.get(n.code)
        and (self_points(n, entries[n.code]) or 0) > min(p for _, p in KINDS[n.rule.kind].options(n))
        and entries[n.code].evidence
    )  # fmt: skip
    figures = [n for n in fw.self_leaves() if KINDS[n.rule.kind].uses_figures and entries.get(n.code)]
    asked = next((n for n in figures if n.rule.kind == "proportional"), figures[0])
    return unit, plan.council_for(unit), fw, lowered, asked, entries


def _criterion(page, fw, node):
    area = next(a for a in fw.areas if any(n.code == node.code for n in a.walk()))
    box = page.locator(f'[id^="{key("a", area.code)}-field-"]').first
    button = box.locator('[data-testid="expand-button"]').first
    if button.get_attribute("aria-label") != "Thu gọn":
        button.click()
    return page.locator(f'[id^="{key("c", node.code)}-field-"]').first


def _opened_pdf(page, link) -> tuple[str, bytes]:
    """Click an evidence link; the address the new tab got and the bytes behind it."""
    before = len(page.evaluate("window.__opened"))
    link.click()
    page.wait_for_function(f"window.__opened.length > {before}")
    url = page.evaluate("window.__opened").pop()
    data = page.evaluate(
        "async (u) => Array.from(new Uint8Array(await (await fetch(u.split('#')[0])).arrayBuffer()))", url
    )
    return url, bytes(data)


def _python_totals(root: Path, unit) -> tuple[str, str, str]:
    repo = repository.load(root)
    us = score_unit(repo, unit, YEAR)
    leaves = [n for n in us.nodes() if not n.children and n.method != "survey"]
    maximum = sum((n.max for n in leaves), Decimal(0))
    appraised = min(max(us.appraised_total, Decimal(0)), maximum)
    self_total = min(max(us.self_total, Decimal(0)), maximum)
    index = index_of(appraised, maximum, us.framework.precision)
    vn = lambda d: fmt(d).replace(".", ",")
    return vn(self_total), vn(appraised), f"{index:.{us.framework.precision}f}%".replace(".", ",")


def _preview(page) -> tuple[str, str, str]:
    frame = page.frame_locator("iframe").first
    return tuple(frame.locator(f"#cchc-ap-{k}").inner_text() for k in ("self", "appraised", "index"))


def _save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu bản nháp").wait_for()


def _login(page) -> None:
    page.get_by_role("button", name="Đăng nhập").click()


def test_council_appraises_and_the_unit_explains_in_the_browser(
    browser, clone, decap_server, site_root, sample_repo, tmp_path, capsys
):
    root, url = site_root
    server = Server(clone, tmp_path / "forge")
    unit, council, fw, lowered, asked, entries = _choose(sample_repo)
    member, clerk = council.accounts[0], unit.accounts[0]
    folder = f"submissions/{YEAR}/{unit.id}"

    # Round 1 — the council chooses itself on the page, opens the unit, lowers a score, asks about another.
    index = _generate(clone, decap_server, root, ROUND1)
    assert index["units"][unit.id]["round"] == 1
    page = _open(browser, url + "?chon", ROUND1)
    page.get_by_role("link", name=council.name).click()
    _login(page)
    listed = [u for u in index["councils"][council.id]["units"] if index["units"][u]["round"]]
    for other in listed:
        page.get_by_text(f"{index['units'][other]['name']} — vòng 1").wait_for()
    _shot(page, tmp_path, "tham-dinh-danh-sach.png")
    page.get_by_text(f"{unit.name} — vòng 1").click()
    page.locator('[id^="date-field-"]').first.fill("2026-01-20")

    first = _criterion(page, fw, lowered)
    evidence = entries[lowered.code].evidence[0]
    address, pdf = _opened_pdf(page, first.locator("a.cchc-ap-open").first)
    assert re.fullmatch(r"blob:http://127\.0\.0\.1:\d+/[-0-9a-f]+#page=" + str(evidence.page), address)
    assert pdf == (clone / folder / evidence.file).read_bytes()
    label, lowest = min(KINDS[lowered.rule.kind].options(lowered), key=lambda o: o[1])
    first.locator("select.cchc-ap-score").select_option(label=f"{label} — {fmt(lowest).replace('.', ',')} điểm")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text(f"Tiêu chí {lowered.code}: điểm thẩm định khác điểm tự chấm").first.wait_for()
    branch = f"cms/tham-dinh-{YEAR}-{council.id}/{unit.id}"
    assert branch not in git(clone, "branch", "--list", branch)  # refused in the browser: nothing saved
    first.locator("textarea.cchc-ap-reason").fill("Kế hoạch chưa được ban hành trong năm đánh giá.")
    request = "Đề nghị gửi bảng tổng hợp số liệu có xác nhận của lãnh đạo đơn vị."
    _criterion(page, fw, asked).locator("textarea.cchc-ap-request").fill(request)
    first.scroll_into_view_if_needed()
    _shot(page, tmp_path, "tham-dinh-vong-1.png")
    shown = _preview(page)
    assert page.frame_locator("iframe").first.locator("#cchc-ap-late").count() == 0
    _save(page)
    page.get_by_role("button", name=re.compile("Trạng thái")).click()
    page.get_by_role("menuitem", name=re.compile("Gửi đi")).click()
    page.get_by_role("button", name=re.compile("Trạng thái: Gửi đi")).wait_for()
    _done(page)

    changed = git(clone, "diff", "--name-only", f"{BRANCH}...{branch}").split()
    assert changed == [f"{folder}/appraisal.yaml"]
    assert re.fullmatch(
        rf"(Tạo|Cập nhật) kết quả thẩm định {folder}/appraisal.yaml",
        git(clone, "log", "-1", "--format=%s", branch).strip(),
    )
    code, doc = server.judge(capsys, branch, member, "2026-01-20T02:00:00Z")
    assert code == 0 and _errors(doc) == [], _errors(doc)
    code, doc = server.judge(capsys, branch, clerk, "2026-01-20T02:00:00Z")
    assert code == 1 and {f["code"] for f in doc["findings"]} >= {"policy-appraisal-council-only"}
    assert shown == _python_totals(server.checkout(git(clone, "rev-parse", branch).strip(), "r1"), unit)
    server.merge(branch)

    # The explanation round — the council has nothing to record; the unit answers with a new PDF.
    index = _generate(clone, decap_server, root, EXPLAIN)
    assert (index["units"][unit.id]["round"], index["units"][unit.id]["explanation"]) == (None, True)
    page = _open(browser, url + f"?hoi-dong={council.id}", EXPLAIN)
    status = page.locator(f'.cchc-council-units li[data-unit="{unit.id}"]').text_content()
    assert "Vòng giải trình" in status and "01/03/2026" in status
    _done(page)
    page = _open(browser, url + f"?don-vi={unit.id}", EXPLAIN)
    _login(page)
    asked_item = page.locator(f'.cchc-ex-requests li[data-code="{asked.code}"]')
    assert request in asked_item.inner_text() and "Chưa trả lời" in asked_item.inner_text()
    page.get_by_role("button", name=re.compile("Thêm nội dung giải trình")).click()
    answer = page.locator('[id^="answers-field-"]').first
    answer.locator("select").first.select_option(asked.code)
    words = "Đơn vị gửi bảng tổng hợp số liệu có xác nhận của Giám đốc (trang 2)."
    answer.locator('[id^="text-field-"]').first.fill(words)
    new_pdf = write_scan(tmp_path / "bang-tong-hop.pdf", pages=2, text="BANG TONG HOP 2025")
    answer.get_by_role("button", name=re.compile("Thêm tài liệu bổ sung")).click()
    answer.get_by_role("button", name="Chọn tệp PDF").click()
    page.locator("input[type=file]").set_input_files(str(new_pdf))
    page.get_by_role("button", name="Chọn tệp này").click()
    answer.locator('[id^="title-field-"]').first.fill("Bảng tổng hợp số liệu")
    answer.locator('[id^="page-field-"]').first.fill("2")
    assert "Đã có nội dung giải trình" in asked_item.inner_text()
    page.locator(".cchc-ex").evaluate("el => el.scrollIntoView({block: 'start'})")
    _shot(page, tmp_path, "giai-trinh-bieu-mau.png")
    _save(page)
    _done(page)
    explained = f"cms/giai-trinh-{YEAR}-{unit.id}/giai-trinh"
    assert sorted(git(clone, "diff", "--name-only", f"{BRANCH}...{explained}").split()) == [
        f"{folder}/evidence/bang-tong-hop.pdf",
        f"{folder}/explanation.yaml",
    ]
    code, doc = server.judge(capsys, explained, clerk, "2026-02-20T02:00:00Z")
    assert code == 0 and _errors(doc) == [], _errors(doc)
    code, doc = server.judge(capsys, explained, member, "2026-02-20T02:00:00Z")
    assert code == 1 and "policy-not-unit-account" in {f["code"] for f in doc["findings"]}
    server.merge(explained)

    # Round 2 — after the explanation deadline: the round-1 result and the answer beside the input.
    index = _generate(clone, decap_server, root, ROUND2)
    assert index["units"][unit.id]["round"] == 2
    page = _open(browser, url + f"?hoi-dong={council.id}", ROUND2)
    _login(page)
    page.get_by_text(f"{unit.name} — vòng 2").click()
    page.locator('[id^="date-field-"]').first.fill("2026-03-05")
    assert f"Vòng 1: {fmt(lowest).replace('.', ',')} điểm" in _criterion(page, fw, lowered).inner_text()
    second = _criterion(page, fw, asked)
    second.get_by_text(f"Đơn vị giải trình: {words}").wait_for()  # read from the main branch, as merged
    assert request in second.inner_text()
    address, pdf = _opened_pdf(page, second.locator(".cchc-ap-earlier a.cchc-ap-open").first)
    assert address.endswith("#page=2") and pdf == new_pdf.read_bytes()
    figures = entries[asked.code].figures
    checked = (figures.achieved - 1, figures.total)  # the council finds one case fewer
    second.locator("input.cchc-ap-achieved").fill(fmt(checked[0]))
    second.locator("input.cchc-ap-total").fill(fmt(checked[1]))
    second.get_by_role("button", name="Ghi lý do theo số liệu").click()
    assert "Hội đồng xác định" in second.locator("textarea.cchc-ap-reason").input_value()
    computed = KINDS[asked.rule.kind].compute(asked, *checked)
    assert second.locator(".cchc-ap-score").input_value() == fmt(computed)
    second.scroll_into_view_if_needed()
    _shot(page, tmp_path, "tham-dinh-vong-2.png")
    shown = _preview(page)
    _save(page)
    page.clock.set_fixed_time("2026-03-21T08:00:00+07:00")  # the same page the day after the round's deadline
    page.locator('[id^="note-field-"]').first.fill("Kết quả thẩm định cuối cùng.")
    page.frame_locator("iframe").first.locator("#cchc-ap-late").wait_for()
    _done(page)

    final = f"cms/tham-dinh-{YEAR}-{council.id}/{unit.id}"
    code, doc = server.judge(capsys, final, member, "2026-03-05T02:00:00Z")
    assert code == 0 and _errors(doc) == [], _errors(doc)
    checkout = server.checkout(git(clone, "rev-parse", final).strip(), "r2")
    assert shown == _python_totals(checkout, unit)
    rounds = [_key(r) for r in repository.load(checkout).dossiers[(YEAR, unit.id)].appraisal.rounds]
    recorded = [_key(r) for r in repository.load(clone).dossiers[(YEAR, unit.id)].appraisal.rounds]
    assert rounds[0] == recorded[0] and len(recorded) == 1  # round 1 as merged
    assert [it[:2] for it in rounds[1][4]] == [(asked.code, computed)]

"""An editor a clerk cannot break (issue 14): tried in Chromium as a clerk would, on a clone of the
sample province with the real local backend (decap-server in Git mode).

- a PDF with a Vietnamese name is stored under a safe ASCII name (its name kept as the
  document's title) and the dossier loads again after saving; the local backend also reads
  a non-ASCII path that a clerk committed with Git;
- a never-saved dossier's typing survives a reload;
- a text file named .pdf and a password-protected PDF are refused in the browser;
- a unit is offered "Bản nháp" and "Gửi đi" only, and "Gửi đi" after the deadline, or with the
  dossier incomplete, asks first and says what will happen;
- the editor speaks Vietnamese, fits a 390 px phone and has no serious axe-core finding.
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from pdfs import encrypt_pdf, scan_pdf, write_scan

from cchc.editor import config as editor_config
from cchc.editor import site
from cchc.editor.fields import key

from .conftest import git
from .test_browser import WATCH_CSP, Form

VN = timezone(timedelta(hours=7))
ON_TIME = datetime(2025, 12, 15, 9, 0, tzinfo=VN)
LATE = datetime(2026, 1, 2, 9, 0, tzinfo=VN)  # after the sample plan's 31/12/2025 23:59 deadline
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def year(sample_repo) -> int:
    return editor_config.choose_year(sample_repo, editor_config.Settings(local_backend="x"))


def _units(sample_repo, year, submitted: bool) -> list:
    out = []
    for unit in editor_config.units_of(sample_repo, year):
        dossier = sample_repo.dossiers.get((year, unit.id))
        if (dossier is not None and dossier.self_assessment is not None) == submitted:
            out.append(unit)
    return out


def _open(page, served, unit_id: str, when: datetime = ON_TIME) -> None:
    """The clerk opens their unit's form and logs in, at ``when`` (the page's clock runs on)."""
    page.set_default_timeout(20_000)
    page.add_init_script(WATCH_CSP)
    page.clock.set_system_time(when)
    page.goto(f"{served}?don-vi={unit_id}")
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator('[id^="difficulties-field-"]').first.wait_for()


def _accept_dialogs(page) -> list[str]:
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(d.message), d.accept()))
    return seen


def _criterion_with_evidence(form, fw):
    node = next(n for n in fw.self_leaves() if n.evidence_required)
    area = next(a for a in fw.areas if any(n.code == node.code for n in a.walk()))
    box = form.open_area(key("a", area.code))
    return form.field(box, key("c", node.code))


def _branch(year, unit_id: str) -> str:
    return f"cms/{editor_config.collection_name(year, unit_id)}/{unit_id}"


def _blob(clone, spec: str) -> bytes:
    return subprocess.run(["git", "show", spec], cwd=clone, check=True, capture_output=True).stdout


def _save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu bản nháp").wait_for()


def test_a_vietnamese_named_pdf_gets_a_safe_name_and_the_dossier_reloads(
    served, page, clone, sample_repo, year, tmp_path
):
    unit = _units(sample_repo, year, submitted=True)[0]
    fw = sample_repo.framework_for(year, unit.level)
    first = write_scan(tmp_path / "Báo cáo tổng hợp.pdf", text="BAO CAO 1")
    second = write_scan(tmp_path / "Bao cao TONG hop.pdf", text="BAO CAO 2")  # same safe name
    dialogs = _accept_dialogs(page)
    _open(page, served, unit.id)
    form = Form(page)
    crit = _criterion_with_evidence(form, fw)
    titles = crit.locator('[id^="title-field-"]')
    before = titles.count()
    for pdf in (first, second):
        crit.get_by_role("button", name=re.compile("Thêm tài liệu kiểm chứng")).click()
        form.upload(crit.locator(".cchc-pdf").last, pdf)
    assert [titles.nth(before + i).input_value() for i in range(2)] == ["Báo cáo tổng hợp", "Bao cao TONG hop"]
    shown = crit.locator(".cchc-pdf-name").all_inner_texts()[-2:]
    assert shown == ["Tệp đã chọn: bao-cao-tong-hop.pdf", "Tệp đã chọn: bao-cao-tong-hop-2.pdf"]
    _save(page)
    branch = _branch(year, unit.id)
    panel = page.locator("#cchc-forge")
    assert branch in panel.inner_text() and f"cchc check-pr --local --head {branch}" in panel.inner_text()

    page.reload()  # the entry, with its new files, loads again
    crit = _criterion_with_evidence(form, fw)
    assert crit.locator('[id^="title-field-"]').nth(before).input_value() == "Báo cáo tổng hợp"
    assert "evidence/" not in page.locator('[id^="a_"]').first.inner_text()
    assert dialogs == [] and page.evaluate("window.__csp") == []

    folder = f"submissions/{year}/{unit.id}"
    added = git(clone, "diff", "--name-only", f"main...{branch}").split()
    assert sorted(added) == sorted(
        [
            f"{folder}/evidence/bao-cao-tong-hop.pdf",
            f"{folder}/evidence/bao-cao-tong-hop-2.pdf",
            f"{folder}/self-assessment.yaml",
        ]
    )
    assert _blob(clone, f"{branch}:{folder}/evidence/bao-cao-tong-hop-2.pdf") == second.read_bytes()
    text = git(clone, "show", f"{branch}:{folder}/self-assessment.yaml")
    assert "file: evidence/bao-cao-tong-hop.pdf" in text and "title: Báo cáo tổng hợp" in text
    assert "file: evidence/bao-cao-tong-hop-2.pdf" in text and "title: Bao cao TONG hop" in text


def test_the_local_backend_reads_a_file_a_clerk_named_in_vietnamese(served, page, clone, sample_repo, year):
    """A clerk who also uses Git committed evidence with its Vietnamese name on the unit's
    branch: the editor still opens the dossier (Git quotes such paths unless told not to)."""
    unit = _units(sample_repo, year, submitted=True)[1]
    folder = clone / "submissions" / str(year) / unit.id
    branch = _branch(year, unit.id)
    git(clone, "checkout", "-q", "-b", branch)
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / "evidence" / "Báo cáo số 1.pdf").write_bytes(scan_pdf(text="BAO CAO 1"))
    dossier = folder / "self-assessment.yaml"
    text = re.sub(
        r"(?m)^  file: .*$", "  file: evidence/Báo cáo số 1.pdf", dossier.read_text(encoding="utf-8"), count=1
    )
    dossier.write_text(re.sub(r"(?m)^difficulties: .*$", "difficulties: Đã nộp báo cáo số 1.", text), encoding="utf-8")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Cập nhật hồ sơ tự đánh giá")
    git(clone, "checkout", "-q", "main")
    git(clone, "config", f"branch.{branch}.description", "decap-cms/draft")

    _open(page, served, unit.id)
    assert page.locator('[id^="difficulties-field-"]').first.input_value() == "Đã nộp báo cáo số 1."
    assert page.locator('[id^="report-field-"] .cchc-pdf-name').first.inner_text() == "Tệp đã chọn: Báo cáo số 1.pdf"
    assert page.get_by_text("Không mở được hồ sơ").count() == 0


def test_a_reload_restores_a_never_saved_draft(served, page, clone, sample_repo, year):
    unit = _units(sample_repo, year, submitted=False)[-1]
    assert git(clone, "branch", "--list", _branch(year, unit.id)).strip() == ""  # never saved
    dialogs = _accept_dialogs(page)
    _open(page, served, unit.id)
    typed = "Đề nghị tập huấn thêm về tài liệu kiểm chứng (chưa lưu)."
    page.locator('[id^="difficulties-field-"]').first.fill(typed)
    number = page.locator('[id^="report-field-"] [id^="number-field-"]').first
    number.fill("07/BC-UBND")
    # Decap keeps its backup in the browser's IndexedDB (localforage), a moment after typing:
    # a poller in the page raises a flag once the backup holds what was typed.
    page.evaluate(
        """([key, typed]) => {
             window.__backedUp = false;
             const poll = () => {
               const open = indexedDB.open('localforage');
               open.onsuccess = () => {
                 const get = open.result.transaction('keyvaluepairs').objectStore('keyvaluepairs').get(key);
                 get.onsuccess = () => {
                   if (get.result && get.result.raw.includes(typed)) window.__backedUp = true;
                   else setTimeout(poll, 200);
                 };
               };
             };
             poll();
           }""",
        [f"backup.{editor_config.collection_name(year, unit.id)}.{unit.id}", typed],
    )
    page.wait_for_function("() => window.__backedUp === true")
    page.reload()
    page.locator('[id^="difficulties-field-"]').first.wait_for()
    field = page.locator('[id^="difficulties-field-"]').first
    page.wait_for_function("el => el.value.length > 0", arg=field.element_handle())
    assert field.input_value() == typed
    assert page.locator('[id^="report-field-"] [id^="number-field-"]').first.input_value() == "07/BC-UBND"
    assert [d for d in dialogs if "Khôi phục" in d] == [
        "Trình duyệt còn giữ nội dung đã nhập nhưng chưa Lưu của hồ sơ này (từ lần mở trước). Khôi phục nội dung đó?"
    ]


def test_a_fake_and_an_encrypted_pdf_are_refused_in_the_browser(served, page, sample_repo, year, tmp_path):
    unit = _units(sample_repo, year, submitted=True)[2]
    fw = sample_repo.framework_for(year, unit.level)
    fake = tmp_path / "Kế hoạch.pdf"
    fake.write_text("Kế hoạch số 12/KH-UBND (bản đánh máy, không phải PDF)\n", encoding="utf-8")
    locked = tmp_path / "Quyết định.pdf"
    locked.write_bytes(encrypt_pdf(scan_pdf(), "matkhau"))
    _accept_dialogs(page)
    _open(page, served, unit.id)
    crit = _criterion_with_evidence(Form(page), fw)
    crit.get_by_role("button", name=re.compile("Thêm tài liệu kiểm chứng")).click()
    crit.locator(".cchc-pdf").last.get_by_role("button", name="Chọn tệp PDF").click()
    refused = []
    for bad in (fake, locked):
        with page.expect_event("dialog") as told:
            page.locator("input[type=file]").set_input_files(str(bad))
        refused.append(told.value.message)
    assert refused[0].startswith('Không nhận tệp "Kế hoạch.pdf": Tệp không phải tài liệu PDF')
    assert refused[1].startswith('Không nhận tệp "Quyết định.pdf": Tệp PDF đang được đặt mật khẩu')
    assert page.get_by_text("ke-hoach.pdf").count() == 0 and page.get_by_text("quyet-dinh.pdf").count() == 0
    page.get_by_role("button", name="Đóng").click()
    assert crit.locator(".cchc-pdf").last.locator(".cchc-pdf-name").count() == 0  # nothing was chosen


def test_a_unit_sees_its_two_statuses_and_is_asked_before_sending_late(served, page, clone, sample_repo, year):
    unit = _units(sample_repo, year, submitted=True)[3]
    branch = _branch(year, unit.id)
    asked: list[str] = []
    answers = iter([False, True])  # first "Huỷ", then "OK"
    page.on("dialog", lambda d: (asked.append(d.message), d.accept() if next(answers) else d.dismiss()))
    _open(page, served, unit.id, when=LATE)
    page.locator('[id^="difficulties-field-"]').first.fill("Xin gia hạn do sáp nhập đơn vị.")
    _save(page)
    status = page.get_by_role("button", name=re.compile("Trạng thái"))
    status.click()
    offered = [i.inner_text() for i in page.get_by_role("menuitem").all() if i.is_visible()]
    assert offered == ["Bản nháp", "Gửi đi"]  # never the council's "Hội đồng đã duyệt"

    page.get_by_role("menuitem", name="Gửi đi", exact=True).click()
    assert len(asked) == 1 and "Đã quá hạn tự đánh giá của đơn vị (23:59 ngày 31/12/2025)" in asked[0]
    assert "kiểm tra tự động sẽ từ chối" in asked[0] and "Chỉ Sở Nội vụ gia hạn được" in asked[0]
    assert status.inner_text() == "Trạng thái: Bản nháp"  # declined: nothing changed
    assert git(clone, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"

    if not page.get_by_role("menuitem", name="Gửi đi", exact=True).is_visible():
        status.click()
    page.get_by_role("menuitem", name="Gửi đi", exact=True).click()
    page.get_by_role("button", name="Trạng thái: Gửi đi").wait_for()
    assert len(asked) == 2 and asked[1] == asked[0]
    assert git(clone, "config", f"branch.{branch}.description").strip() == "decap-cms/pending_review"

    page.goto(f"{served}?don-vi={unit.id}#/workflow")
    page.get_by_text("Đã Gửi đi, chờ thẩm định").wait_for()
    assert not page.get_by_text("Hội đồng đã duyệt", exact=True).is_visible()


def _axe(page) -> list[str]:
    page.evaluate((site.node_modules() / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['where'][:3]}" for v in found if v["impact"] in SERIOUS]


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def _words(page) -> str:
    return page.evaluate("document.body.innerText")


@pytest.mark.parametrize("width", [390, 1400])
def test_the_editor_is_vietnamese_fits_a_phone_and_has_no_serious_axe_finding(
    served, browser, sample_repo, year, width
):
    unit = _units(sample_repo, year, submitted=True)[4]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.set_default_timeout(20_000)
        page.clock.set_system_time(ON_TIME)
        page.goto(f"{served}?don-vi={unit.id}")
        page.get_by_role("button", name="Đăng nhập").wait_for()
        login = _words(page)
        assert sample_repo.province.name in login and f"năm {year}" in login
        assert (_axe(page), _fits(page)) == ([], True), "login page"

        page.get_by_role("button", name="Đăng nhập").click()
        page.locator('[id^="difficulties-field-"]').first.wait_for()
        page.frame_locator("#preview-pane").locator("h1").wait_for()
        form = _words(page)
        for wrong in ("UTC", "evidence/", "hợp nhất", "Hợp nhất", "mm/dd/yyyy"):
            assert wrong not in form, wrong
        assert "ngày 31/12/2025" in page.frame_locator("#preview-pane").locator("body").inner_text()
        assert (_axe(page), _fits(page)) == ([], True), "entry editor"

        page.locator('[class*="-ToolbarSectionBackLink"]').first.click()  # back to the list
        page.get_by_role("link", name=f"Hồ sơ tự đánh giá năm {year}").wait_for()
        assert (_axe(page), _fits(page)) == ([], True), "collection list"
        assert "hợp nhất" not in _words(page).lower()

        page.get_by_role("link", name="Hồ sơ đã lưu").click()
        page.get_by_role("heading", name="Hồ sơ đã lưu").wait_for()
        assert "hợp nhất" not in _words(page).lower() and "Hội đồng đã duyệt" not in _words(page)
        assert (_axe(page), _fits(page)) == ([], True), "saved dossiers"
    finally:
        context.close()

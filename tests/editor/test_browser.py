"""A clerk who has never seen Git finishes a dossier in the browser.

Decap CMS at /admin/ talks to decap-server on a temporary clone of the sample province.
The clerk logs in, opens a unit that has not submitted, answers every criterion through
the form (each input kind: level choice, pass/fail, figures, free score, N/A), uploads
evidence and the approved report, saves and clicks Gửi đi. The file written on the
unit's branch must pass `cchc validate`, the score computed from the figures must be
what the rule gives, and the preview's running total must equal cchc's own.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from pdfs import write_scan

from cchc import validation
from cchc.editor import config as editor_config
from cchc.editor.fields import key
from cchc.load import repository
from cchc.model.numbers import fmt
from cchc.rules import KINDS
from cchc.score.unit import index_of, score_unit

from .conftest import git

# Violations of the page's Content-Security-Policy, recorded from the first script on.
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push("
    "e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"
)
SHOTS = os.environ.get("CCHC_EDITOR_SCREENSHOTS")  # set to docs/huong-dan/img to refresh the guide's images
VN = timezone(timedelta(hours=7))
ON_TIME = datetime(2025, 12, 15, 9, 0, tzinfo=VN)  # before the sample plan's self-assessment deadline


def _unsubmitted(repo, year):
    for unit in editor_config.units_of(repo, year):
        dossier = repo.dossiers.get((year, unit.id))
        if dossier is None or dossier.self_assessment is None:
            return unit
    raise AssertionError(f"the sample has no unit without a self-assessment in {year}")


def _answers(fw):
    """What the clerk enters for each criterion, by the input its rule kind needs."""
    out = {}
    na_done = False
    for node in fw.self_leaves():
        kind = KINDS[node.rule.kind]
        if node.na_allowed and not na_done:
            out[node.code] = ("na", "Đơn vị không có đơn vị trực thuộc nên không phát sinh.")
            na_done = True
        elif kind.uses_figures:
            out[node.code] = (
                "figures",
                (Decimal(7), Decimal(8)) if node.rule.kind == "proportional" else (Decimal(17), Decimal(20)),
            )
        elif kind.options(node):
            options = kind.options(node)
            out[node.code] = ("choice", options[1] if len(options) > 1 else options[0])
        else:
            out[node.code] = ("free", min(kind.step(node), node.max))
    return out


class Form:
    """The editor form as a clerk sees it; inputs are found by their field names."""

    def __init__(self, page):
        self.page = page

    def field(self, scope, name):
        return scope.locator(f'[id^="{name}-field-"]').first

    def open_area(self, key):
        area = self.field(self.page, key)
        button = area.locator('[data-testid="expand-button"]').first
        if button.get_attribute("aria-label") != "Thu gọn":
            button.click()
        return area

    def choose(self, scope, label):
        self.field(scope, "score").click()
        self.page.get_by_role("option", name=label, exact=True).click()

    def upload(self, scope, pdf: Path):
        scope.get_by_role("button", name="Chọn tệp PDF").click()
        self.page.locator("input[type=file]").set_input_files(str(pdf))
        self.page.get_by_role("button", name="Chọn tệp này").click()


def _plain(text: str) -> str:
    import unicodedata

    return (
        "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
        .lower()
    )


def _vn(value: Decimal) -> str:
    return fmt(value).replace(".", ",")


def _fill(form, fw, answers, pdfs):
    uploaded = False
    for area in fw.areas:
        leaves = [n for n in area.walk() if n.is_leaf and n.code in answers]
        if not leaves:
            continue
        box = form.open_area(key("a", area.code))
        for node in leaves:
            crit = form.field(box, key("c", node.code))
            how, value = answers[node.code]
            if how == "na":
                form.field(crit, "na").click()
                form.field(crit, "na_reason").fill(value)
                continue
            if how == "figures":
                form.field(crit, "achieved").fill(str(value[0]))
                form.field(crit, "total").fill(str(value[1]))
            elif how == "choice":
                form.choose(crit, f"{value[0]} — {_vn(value[1])} điểm")
            else:
                form.field(crit, "score").fill(fmt(value))
            if node.evidence_required and not uploaded:
                crit.get_by_role("button", name=re.compile("Thêm tài liệu kiểm chứng")).click()
                form.upload(crit, pdfs["evidence"])
                form.field(crit, "title").fill(node.evidence[0] if node.evidence else "Tài liệu kiểm chứng")
                form.field(crit, "number").fill("12/KH-DV")
                form.field(crit, "date").fill("10/03/2025")  # typed as Vietnamese write it
                form.field(crit, "page").fill("2")
                uploaded = True
            elif node.evidence_required:
                form.field(crit, "explanation").fill("Tài liệu kiểm chứng nằm trong báo cáo tự đánh giá, mục II.")


def _other_units_draft(clone, repo, year, unit):
    """Another unit's draft, as Decap leaves it: the page must show only the clerk's own."""
    other = next(u for u in editor_config.units_of(repo, year) if u.id != unit.id)
    branch = f"cms/{editor_config.collection_name(year, other.id)}/{other.id}"
    git(clone, "checkout", "-q", "-b", branch)
    target = clone / "submissions" / str(year) / other.id / "self-assessment.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"unit: {other.id}\nyear: {year}\nscores: []\n", encoding="utf-8")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Cập nhật hồ sơ tự đánh giá")
    git(clone, "checkout", "-q", "main")
    git(clone, "config", f"branch.{branch}.description", "decap-cms/draft")


def _shot(page, tmp_path, name, **kw):
    path = tmp_path / name
    page.screenshot(path=str(path), **kw)
    assert path.stat().st_size > 10_000
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(SHOTS) / name)


def test_clerk_fills_saves_and_submits(served, page, clone, sample_repo, tmp_path):
    year = editor_config.choose_year(sample_repo, editor_config.Settings(local_backend="x"))
    unit = _unsubmitted(sample_repo, year)
    fw = sample_repo.framework_for(year, unit.level)
    answers = _answers(fw)
    assert {how for how, _ in answers.values()} == {"na", "figures", "choice", "free"}
    pdfs = {
        "evidence": write_scan(tmp_path / "ke-hoach-cchc.pdf", pages=2, text="KE HOACH 12/KH-DV"),
        "report": write_scan(tmp_path / "bao-cao-tu-danh-gia.pdf", pages=3, text="BAO CAO 30/BC-DV"),
    }
    page.set_default_timeout(20_000)
    page.add_init_script(WATCH_CSP)
    page.clock.set_system_time(ON_TIME)  # the clerk works before the deadline (the clock runs on)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _other_units_draft(clone, sample_repo, year, unit)

    page.goto(served)
    page.get_by_placeholder("Tìm đơn vị").fill(_plain(unit.name))  # typed without diacritics
    assert page.locator(".cchc-chooser li:not([hidden])").all_inner_texts() == [unit.name]
    _shot(page, tmp_path, "bien-tap-chon-don-vi.png")
    page.get_by_role("link", name=unit.name, exact=True).click()
    page.get_by_role("button", name="Đăng nhập").click()
    form = Form(page)

    report = form.field(page, "report")
    form.upload(report, pdfs["report"])
    form.field(report, "number").fill("30/BC-DV")
    form.field(report, "date").fill("15/12/2025")
    form.field(report, "approved_by").fill("Nguyễn Văn An, Giám đốc")
    form.field(page, "difficulties").fill("Đề nghị tập huấn thêm về tài liệu kiểm chứng.")
    _fill(form, fw, answers, pdfs)
    form.field(page, key("a", fw.areas[0].code)).evaluate("el => el.scrollIntoView({block: 'start'})")
    _shot(page, tmp_path, "bien-tap-bieu-mau.png")
    first_figures = next(n for n in fw.self_leaves() if answers[n.code][0] == "figures")
    form.field(page, key("c", first_figures.code)).evaluate("el => el.parentElement.scrollIntoView({block: 'start'})")
    _shot(page, tmp_path, "bien-tap-so-lieu.png")

    preview = page.frame_locator("iframe").first
    shown = {k: preview.locator(f"#cchc-{k}").inner_text() for k in ("total", "max", "index")}
    assert preview.locator("#cchc-ready").count() == 1  # nothing blocking left, as validate will confirm
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu bản nháp").wait_for()
    _shot(page, tmp_path, "bien-tap-da-luu.png")

    page.get_by_role("button", name=re.compile("Trạng thái")).click()
    page.get_by_role("menuitem", name=re.compile("Gửi đi")).click()
    page.get_by_role("button", name=re.compile("Trạng thái: Gửi đi")).wait_for()
    assert dialogs == []  # complete and on time: "Gửi đi" asks nothing
    _shot(page, tmp_path, "bien-tap-gui-di.png")
    page.goto(served + "#/workflow")
    page.get_by_text("1 hồ sơ đã Gửi đi, chờ Hội đồng thẩm định.").wait_for()
    assert page.get_by_text(unit.name).count() >= 1
    _shot(page, tmp_path, "bien-tap-ho-so-da-luu.png")
    assert page.outside_requests == []
    assert page.evaluate("window.__csp") == []  # Decap ran the whole way under the page's policy

    branch = f"cms/{editor_config.collection_name(year, unit.id)}/{unit.id}"
    assert git(clone, "config", f"branch.{branch}.description").strip() == "decap-cms/pending_review"
    submitted = clone.parent / "submitted"
    git(clone.parent, "clone", "-q", "-b", branch, str(clone), str(submitted))
    folder = f"submissions/{year}/{unit.id}"
    changed = git(submitted, "diff", "--name-only", "origin/main...HEAD").split()
    assert all(path.startswith(folder + "/") for path in changed) and changed
    assert re.fullmatch(
        r"(Tạo|Cập nhật) hồ sơ tự đánh giá " + re.escape(f"{folder}/self-assessment.yaml"),
        git(submitted, "log", "-1", "--format=%s").strip(),
    )

    result = validation.validate(submitted, [folder])
    assert result.errors == [], [f.message for f in result.errors]
    repo = repository.load(submitted)
    sa = repo.dossiers[(year, unit.id)].self_assessment
    assert [e.code for e in sa.entries] == [n.code for n in fw.self_leaves()]
    evidence = [ref for e in sa.entries for ref in e.evidence]
    assert [(ref.file, ref.date) for ref in evidence] == [("evidence/ke-hoach-cchc.pdf", "2025-03-10")]
    assert (submitted / folder / "evidence" / "ke-hoach-cchc.pdf").read_bytes() == pdfs["evidence"].read_bytes()
    assert sa.report.file == "evidence/bao-cao-tu-danh-gia.pdf" and sa.report.date == "2025-12-15"

    score = score_unit(repo, unit, year)
    leaves = {ns.code: ns for ns in score.nodes() if not ns.children}
    for node in fw.self_leaves():
        how, value = answers[node.code]
        if how == "figures":
            assert leaves[node.code].self == KINDS[node.rule.kind].compute(node, *value)
        elif how == "na":
            assert leaves[node.code].na
    self_max = sum((ns.max for ns in leaves.values() if ns.method != "survey"), Decimal(0))
    total = min(max(score.self_total, Decimal(0)), self_max)
    index = index_of(total, self_max, fw.precision)
    assert shown == {"total": _vn(total), "max": _vn(self_max), "index": f"{index:.{fw.precision}f}%".replace(".", ",")}

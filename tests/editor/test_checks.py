"""The editor's browser-side checks, run under Node on real files: what an upload must be (a
real, unencrypted PDF under the plan's limit, as `cchc validate` checks first), the safe name
it is stored under, the dates the form shows, the question before "Gửi đi", and how the forge's
answers (GitHub's and Forgejo's JSON) become the verdict shown after saving."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from pdfs import encrypt_pdf, scan_pdf

from cchc.editor import site
from cchc.editor.settings import Settings
from cchc.evidence import pdfscan
from cchc.load import repository

from .conftest import node_json

pytestmark = pytest.mark.node
RUNNER = Path(__file__).with_name("modules.mjs")
LOCAL = Settings(local_backend="http://127.0.0.1:9/api/v1")


@pytest.fixture(scope="module")
def admin(sample_dir, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("admin")
    site.write(folder, repository.load(sample_dir), LOCAL, with_assets=True)
    return folder


def call(admin: Path, *calls: tuple) -> list:
    """Each (module, function, *args) called in the browser module, in order."""
    return node_json(RUNNER, admin, {"calls": [{"module": m, "fn": f, "args": list(a)} for m, f, *a in calls]})


def _bytes(data: bytes) -> dict:
    return {"$bytes": base64.b64encode(data).decode()}


def test_only_a_real_unencrypted_pdf_under_the_limit_is_accepted(admin):
    pdf = scan_pdf(pages=2)
    files = {
        "scan": pdf,
        "text named .pdf": "Kế hoạch số 12/KH-UBND\n".encode(),
        "empty": b"",
        "truncated": pdf[: len(pdf) // 2],
        "encrypted": encrypt_pdf(pdf, "matkhau"),
        "junk before the header": b"\x00" * 100 + pdf,
    }
    limit = 10 * 1024 * 1024
    problems = dict(
        zip(files, call(admin, *[("checks.js", "pdfProblem", _bytes(b), limit) for b in files.values()]), strict=True)
    )
    assert problems["scan"] is None and problems["junk before the header"] is None
    assert "không phải tài liệu PDF" in problems["text named .pdf"]
    assert "rỗng" in problems["empty"]
    assert "thiếu phần cuối" in problems["truncated"]
    assert "mật khẩu" in problems["encrypted"]
    # the same verdicts as the validator's own first look at each file
    status = {name: pdfscan.scan(b)["status"] if b else "empty" for name, b in files.items()}
    assert status == {
        "scan": "ok",
        "text named .pdf": "not-pdf",
        "empty": "empty",
        "truncated": "truncated",
        "encrypted": "encrypted",
        "junk before the header": "ok",
    }
    [too_big] = call(admin, ("checks.js", "pdfProblem", _bytes(pdf), len(pdf) - 1))
    assert "vượt giới hạn" in too_big and "MB" in too_big


@pytest.mark.parametrize(
    ("original", "taken", "safe"),
    [
        ("Báo cáo tổng hợp.pdf", [], "bao-cao-tong-hop.pdf"),
        ("Quyết định số 12 ĐỘI NGŨ.PDF", [], "quyet-dinh-so-12-doi-ngu.pdf"),
        ("  Kế hoạch (bản ký số) #2.pdf", [], "ke-hoach-ban-ky-so-2.pdf"),
        ("Báo cáo tổng hợp.pdf", ["bao-cao-tong-hop.pdf"], "bao-cao-tong-hop-2.pdf"),
        ("Bao cao TONG hop.pdf", ["bao-cao-tong-hop.pdf", "bao-cao-tong-hop-2.pdf"], "bao-cao-tong-hop-3.pdf"),
        ("Tài liệu.pdf", [], "tai-lieu.pdf"),
        ("…….pdf", [], "tai-lieu.pdf"),
        ("Ảnh chụp", [], "anh-chup.pdf"),
    ],
)
def test_an_upload_gets_a_safe_unused_ascii_name(admin, original, taken, safe):
    name, title = call(admin, ("checks.js", "safeName", original, {"$set": taken}), ("checks.js", "titleOf", original))
    assert name == safe
    assert title == re.sub(r"\.pdf$", "", original, flags=re.IGNORECASE).strip()


def test_dates_are_shown_day_first_and_saved_as_iso(admin):
    got = call(
        admin,
        ("format.js", "isoDate", "15/12/2025"),
        ("format.js", "isoDate", "5/3/2025"),
        ("format.js", "isoDate", "2025-03-05"),
        ("format.js", "isoDate", "31/02/2025"),  # not a date: kept for the validator to report
        ("format.js", "shownDate", "2025-12-15"),
        ("format.js", "shownDate", "15/12/2025"),
    )
    assert got == ["2025-12-15", "2025-03-05", "2025-03-05", "31/02/2025", "15/12/2025", "15/12/2025"]


def test_the_question_before_sending_says_what_will_happen(admin):
    deadline = "2025-12-31T23:59:59+07:00"
    before, after = 1767189600000, 1767236400000  # 31/12/2025 21:00 and 01/01/2026 10:00 in Vietnam
    blocking = [f"Tiêu chí 1.{n}: chưa chấm điểm." for n in range(1, 6)]
    nothing, late, incomplete, both = call(
        admin,
        ("workflow.js", "sendQuestion", [], deadline, before),
        ("workflow.js", "sendQuestion", [], deadline, after),
        ("workflow.js", "sendQuestion", blocking, deadline, before),
        ("workflow.js", "sendQuestion", blocking, deadline, after),
    )
    assert nothing is None
    assert "quá hạn tự đánh giá" in late and "23:59 ngày 31/12/2025" in late and "từ chối" in late
    assert "5 mục cần hoàn thiện" in incomplete and blocking[0] in incomplete and "2 mục khác" in incomplete
    assert "quá hạn" not in incomplete and "trước hạn tự đánh giá" in incomplete
    assert "quá hạn" in both and "5 mục" in both and "trước hạn tự đánh giá" not in both


BRANCH = "cms/2025-xa-a/xa-a"
GITHUB_PULLS = [
    {"number": 7, "html_url": "https://github.com/snv/kho/pull/7", "head": {"ref": "cms/2025-xa-b/xa-b", "sha": "b"}},
    {
        "number": 9,
        "html_url": "https://github.com/snv/kho/pull/9",
        "head": {"ref": BRANCH, "sha": "abc", "label": "snv:" + BRANCH, "repo": {"owner": {"login": "snv"}}},
    },
]
FORGEJO_PULLS = [  # a fork's pull request (open authoring): the head repository is the clerk's
    {
        "number": 3,
        "html_url": "https://git.snv.vn/snv/kho/pulls/3",
        "head": {"ref": BRANCH, "sha": "def", "label": BRANCH, "repo": {"owner": {"login": "vanthu-xa-a"}}},
    }
]


def test_the_pull_request_and_its_check_are_read_from_github_and_forgejo(admin):
    github, other_owner, forgejo, none = call(
        admin,
        ("forge.js", "pullFor", GITHUB_PULLS, BRANCH, "snv"),
        ("forge.js", "pullFor", GITHUB_PULLS, BRANCH, "someone"),
        ("forge.js", "pullFor", FORGEJO_PULLS, BRANCH, "vanthu-xa-a"),
        ("forge.js", "pullFor", [], BRANCH, "snv"),
    )
    assert github["number"] == 9 and other_owner is None and forgejo["number"] == 3 and none is None
    statuses = {
        "github passed": {"state": "success", "statuses": [{"context": "Kiểm tra hồ sơ", "state": "success"}]},
        "github failed": {"state": "failure", "statuses": [{"context": "Kiểm tra hồ sơ", "state": "failure"}]},
        "forgejo failed": {"state": "error", "statuses": [{"context": "Kiểm tra hồ sơ", "status": "error"}]},
        "forgejo running": {"state": "pending", "statuses": [{"context": "Kiểm tra hồ sơ", "status": "pending"}]},
        "another check only": {"state": "success", "statuses": [{"context": "deploy", "state": "success"}]},
    }
    got = call(admin, *[("forge.js", "checkOf", s) for s in statuses.values()])
    assert [c["state"] for c in got] == ["success", "failure", "failure", "pending", "missing"]
    pages = call(
        admin,
        ("forge.js", "pullsPage", {"name": "github", "repo": "snv/kho"}),
        ("forge.js", "pullsPage", {"name": "forgejo", "repo": "snv/kho", "api_root": "https://git.snv.vn/api/v1"}),
        ("forge.js", "pullsPage", {"name": "proxy"}),
    )
    assert pages == ["https://github.com/snv/kho/pulls", "https://git.snv.vn/snv/kho/pulls", None]

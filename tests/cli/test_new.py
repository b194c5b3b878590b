"""`cchc new`: a self-assessment listing every self-scored leaf, ready to fill in."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from minirepo import looks_vietnamese
from pdfs import write_scan

from cchc import validation
from cchc.cli.main import main
from cchc.load import repository
from cchc.load.yamlfile import parse

SA_B = "submissions/2025/so-b/self-assessment.yaml"

pytestmark = pytest.mark.usefixtures("shared_evidence_cache")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill_in(text: str) -> str:
    """What a unit officer does in an editor: every blank gets a valid value."""
    out = []
    for line in text.splitlines():
        choice = re.fullmatch(r"(    score:)\s+# chọn: ([0-9.]+) .*", line)
        if choice:
            line = f"{choice[1]} {choice[2]}"  # the first (best) option offered
        elif line == "    score:":
            line = "    score: 0"
        elif re.fullmatch(r"      achieved:\s+#.*", line):
            line = "      achieved: 3"
        elif re.fullmatch(r"      total:\s+#.*", line):
            line = "      total: 4"
        elif line == "    explanation:":
            line = "    explanation: Đã thực hiện; báo cáo tự đánh giá trình bày chi tiết."
        elif line.startswith('  number: ""'):
            line = '  number: "12/BC-SB"'
        elif line.startswith('  date: ""'):
            line = '  date: "2025-12-15"'
        elif line.startswith('  approved_by: ""'):
            line = '  approved_by: "Trần Văn B, Giám đốc"'
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_lists_every_self_scored_leaf_in_framework_order(mini_repo, capsys):
    code, out, err = run(capsys, "new", "--year", "2025", "--unit", "so-b", "--root", str(mini_repo))
    assert (code, err) == (0, "")
    assert out.startswith(f"Đã tạo {SA_B}: 7 tiêu chí cần chấm.")
    assert "cchc validate submissions/2025/so-b" in out
    path = mini_repo / SA_B
    assert (path.parent / "evidence").is_dir()
    data = parse(path.read_bytes()).data
    fw = repository.load(mini_repo).framework_for(2025, "so")
    assert (
        [e["code"] for e in data["scores"]]
        == [n.code for n in fw.self_leaves()]
        == ["1.1.1", "1.1.2", "1.2", "2.1", "2.2.1", "4.1", "4.2"]
    )  # not 3.1: a survey criterion
    assert (data["unit"], data["year"]) == ("so-b", 2025)
    text = path.read_text(encoding="utf-8")
    for n in fw.self_leaves():  # each preceded by its title and maximum
        assert f"  # {n.code} {n.title} — " in text
    assert "chọn: 1 (Ban hành đúng thời hạn), 0.5 (Ban hành chậm), 0 (Không ban hành)" in text
    assert "Hạn tự đánh giá: 23:59 ngày 10/01/2026" in text  # so-b's extended deadline


def test_new_filled_in_validates_without_error(mini_repo, capsys):
    assert run(capsys, "new", "--year", "2025", "--unit", "so-b", "--root", str(mini_repo))[0] == 0
    path = mini_repo / SA_B
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    write_scan(path.parent / "evidence/bao-cao-tu-danh-gia.pdf", pages=3, text="BAO CAO 12/BC-SB")
    result = validation.validate(mini_repo)
    assert result.errors == [], [f"{f.file}:{f.line} {f.message}" for f in result.errors]
    assert {f.code for f in result.findings} <= {"evidence-missing"}  # explanations instead of evidence
    assert run(capsys, "validate", "--root", str(mini_repo), str(path.parent))[0] == 0


def test_new_unfilled_is_refused_with_located_findings(mini_repo, capsys):
    run(capsys, "new", "--year", "2025", "--unit", "so-b", "--root", str(mini_repo))
    result = validation.validate(mini_repo)
    assert result.errors and {f.file for f in result.errors} == {SA_B}
    assert {(f.code, f.line) for f in result.errors} >= {
        ("schema-empty", 12),
        ("schema-format", 13),
        ("schema-empty", 14),
    }


def test_new_refuses_to_overwrite_without_force(mini_repo, capsys):
    path = mini_repo / "submissions/2025/so-a/self-assessment.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run(capsys, "new", "--year", "2025", "--unit", "so-a", "--root", str(mini_repo))
    assert (code, out) == (2, "")
    assert err == (
        "cchc: submissions/2025/so-a/self-assessment.yaml đã có; dùng --force để ghi đè (nội dung cũ sẽ mất).\n"
    )
    assert path.read_text(encoding="utf-8") == before
    code, _, _ = run(capsys, "new", "--year", "2025", "--unit", "so-a", "--root", str(mini_repo), "--force")
    assert code == 0 and path.read_text(encoding="utf-8") != before


def test_new_to_stdout_writes_nothing(mini_repo, capsys):
    code, out, _ = run(capsys, "new", "--year", "2025", "--unit", "so-b", "--root", str(mini_repo), "--stdout")
    assert code == 0 and out.startswith("# Hồ sơ tự đánh giá Chỉ số CCHC năm 2025 — Sở Thử nghiệm B (so-b)")
    assert not (mini_repo / "submissions/2025/so-b").exists()


@pytest.mark.parametrize(
    "argv, wording",
    [
        (["--year", "2025", "--unit", "so-z"], "không có đơn vị 'so-z'"),
        (["--year", "2025", "--unit", "So_A"], "không có đơn vị 'So_A'"),
        (["--year", "2019", "--unit", "so-a"], "không hoạt động trong năm 2019"),
        (["--year", "2030", "--unit", "so-a"], "chưa có kế hoạch năm 2030"),
    ],
)
def test_new_cannot_run_exits_2_in_vietnamese(mini_repo, capsys, argv, wording):
    code, out, err = run(capsys, "new", *argv, "--root", str(mini_repo))
    assert (code, out) == (2, "")
    assert wording in err and looks_vietnamese(err)
    assert not (mini_repo / "submissions/2025/so-z").exists()


def test_new_bad_unit_through_the_entry_point_has_no_traceback(mini_repo):
    cchc = Path(sys.executable).with_name("cchc")
    proc = subprocess.run(
        [str(cchc), "new", "--year", "năm", "--unit", "../../etc", "--root", str(mini_repo)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "lệnh không hợp lệ" in proc.stderr
    proc = subprocess.run(
        [str(cchc), "new", "--year", "2025", "--unit", "../../etc", "--root", str(mini_repo)],
        capture_output=True,
        text=True,
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "cchc: không có đơn vị '../../etc' trong danh sách đơn vị (units/).\n"

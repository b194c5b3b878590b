"""`cchc validate`: exit codes, what PATH arguments report, output formats, no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from minirepo import looks_vietnamese
from pdfs import write_scan

from cchc.cli.main import main

SA_A = "submissions/2025/so-a/self-assessment.yaml"
SA_B = "submissions/2025/so-b/self-assessment.yaml"

pytestmark = pytest.mark.usefixtures("shared_evidence_cache")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def two_dossiers(mini_repo: Path) -> Path:
    """so-a valid; so-b with one error (a score above the maximum) on line 19."""
    shutil.copytree(mini_repo / "submissions/2025/so-a", mini_repo / "submissions/2025/so-b")
    (mini_repo / "submissions/2025/so-b/appraisal.yaml").unlink()
    edit(mini_repo, SA_B, "unit: so-a\n", "unit: so-b\n")
    edit(mini_repo, SA_B, "    score: 0.75\n", "    score: 1.5\n")
    write_scan(mini_repo / "submissions/2025/so-b/evidence/ke-hoach.pdf", pages=2, text="KE HOACH 7/KH-SB")
    write_scan(mini_repo / "submissions/2025/so-b/evidence/bao-cao.pdf", pages=1, text="BAO CAO 12/BC-SB")
    return mini_repo


def test_clean_repository_exits_0(mini_repo, capsys, monkeypatch):
    monkeypatch.chdir(mini_repo)
    code, out, err = run(capsys, "validate")
    assert (code, err) == (0, "")
    assert out == "Không có lỗi trong 1 hồ sơ. Hồ sơ hợp lệ.\n"


def test_root_found_from_a_subfolder(mini_repo, capsys, monkeypatch):
    monkeypatch.chdir(mini_repo / "submissions/2025/so-a/evidence")
    assert run(capsys, "validate")[0] == 0


def test_errors_exit_1_with_file_line_and_vietnamese(two_dossiers, capsys):
    code, out, err = run(capsys, "validate", "--root", str(two_dossiers))
    assert (code, err) == (1, "")
    assert SA_B in out and "  dòng 19: Lỗi [tiêu chí 1.2]: Tiêu chí 1.2: điểm 1.5 vượt điểm tối đa 1." in out
    assert "Cách sửa: Chấm trong khoảng 0 – 1." in out
    assert out.rstrip().endswith("Tìm thấy 1 lỗi và 0 cảnh báo trong 2 hồ sơ.")


def test_path_arguments_limit_what_is_checked_and_reported(two_dossiers, capsys, monkeypatch):
    monkeypatch.chdir(two_dossiers)
    code, out, _ = run(capsys, "validate", "submissions/2025/so-a")
    assert code == 0 and "so-b" not in out and "trong 1 hồ sơ" in out
    code, out, _ = run(capsys, "validate", "submissions/2025/so-b/")
    assert code == 1 and SA_B in out and SA_A not in out
    code, out, _ = run(capsys, "validate", SA_B)  # a file names its dossier
    assert code == 1 and "vượt điểm tối đa" in out
    code, out, _ = run(capsys, "validate", "submissions/2025/so-a", "submissions/2025/so-b")
    assert code == 1 and "trong 2 hồ sơ" in out


def test_errors_in_shared_files_are_reported_whatever_the_paths(two_dossiers, capsys, monkeypatch):
    edit(two_dossiers, "plans/2025.yaml", 'explanation_closes: "2026-03-01', 'explanation_closes: "2026-02-01')
    monkeypatch.chdir(two_dossiers)
    code, out, _ = run(capsys, "validate", "submissions/2025/so-a")
    assert code == 1 and "plans/2025.yaml" in out and "plan-deadlines-order" in out and "so-b" not in out


def test_json_format(two_dossiers, capsys):
    code, out, _ = run(capsys, "validate", "--root", str(two_dossiers), "--format", "json")
    doc = json.loads(out)
    assert code == 1 and (doc["errors"], doc["checked"]) == (1, 2)
    assert {k: doc["findings"][0][k] for k in ("file", "line", "code", "criterion")} == {
        "file": SA_B,
        "line": 19,
        "code": "score-above-max",
        "criterion": "1.2",
    }


def test_github_format_writes_annotations_and_the_step_summary(two_dossiers, capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "validate", "--root", str(two_dossiers), "--format", "github")
    assert code == 1
    assert out.startswith(f"::error file={SA_B},line=19,title=Lỗi%3A tiêu chí 1.2::Tiêu chí 1.2: điểm 1.5")
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("# earlier step\n## Kết quả kiểm tra hồ sơ Chỉ số CCHC\n")  # appended, not replaced
    assert f"| <code>{SA_B}</code> | 19 | Lỗi | 1.2 |" in md


def test_summary_only_with_github_format_unless_asked(two_dossiers, capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "validate", "--root", str(two_dossiers))
    assert not summary.exists()
    explicit = tmp_path / "explicit.md"
    run(capsys, "validate", "--root", str(two_dossiers), "--summary", str(explicit))
    assert "Tìm thấy 1 lỗi" in explicit.read_text(encoding="utf-8")


def test_warnings_alone_exit_0(mini_repo, capsys):
    write_scan(mini_repo / "submissions/2025/so-a/evidence/thua.pdf")
    code, out, _ = run(capsys, "validate", "--root", str(mini_repo))
    assert code == 0 and "Cảnh báo" in out and "evidence-unreferenced" in out


@pytest.mark.parametrize(
    "argv, wording",
    [
        (["validate", "--root", "{tmp}/khong-co"], "không tìm thấy kho dữ liệu"),
        (["validate", "--root", "{tmp}"], "không tìm thấy kho dữ liệu"),
        (["validate", "--root", "{repo}", "{repo}/submissions/2025/so-x"], "không tìm thấy"),
        (["validate", "--root", "{repo}", "{tmp}"], "nằm ngoài kho dữ liệu"),
        (["validate", "--format", "xml"], "lệnh không hợp lệ"),
        (["validate", "--khong-co"], "lệnh không hợp lệ"),
        (["khong-co-lenh"], "lệnh không hợp lệ"),
    ],
)
def test_cannot_run_exits_2_in_vietnamese(mini_repo, tmp_path, capsys, monkeypatch, argv, wording):
    monkeypatch.chdir(tmp_path)
    argv = [a.format(tmp=tmp_path, repo=mini_repo) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors leave through SystemExit
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("usage:") or err.startswith("cchc: ")
    assert wording in err and looks_vietnamese(err.splitlines()[-1])


def test_hostile_repository_gives_findings_never_a_traceback(two_dossiers):
    """Through the real entry point, in a fresh process: a Python object tag, a link to a
    system file, a truncated PDF, a name too long for the file system."""
    edit(
        two_dossiers, "surveys/2025.yaml", "year: 2025\n", "year: 2025\nsource: !!python/object/apply:os.system [id]\n"
    )
    (two_dossiers / "units/ngoai.yaml").symlink_to("/etc/passwd")
    ev = two_dossiers / "submissions/2025/so-b/evidence"
    (ev / "hong.pdf").write_bytes((ev / "ke-hoach.pdf").read_bytes()[:900])
    edit(two_dossiers, SA_B, "{file: evidence/ke-hoach.pdf, page: 1}", "{file: evidence/hong.pdf, page: 1}")
    edit(two_dossiers, SA_B, "{file: evidence/bao-cao.pdf, section: Mục II}", "{file: evidence/" + "a" * 300 + ".pdf}")
    cchc = Path(sys.executable).with_name("cchc")
    proc = subprocess.run([str(cchc), "validate", "--root", str(two_dossiers)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""  # nothing but the report: no traceback, no library chatter in English
    for expected in (
        "surveys/2025.yaml\n  dòng 2, cột 9: Lỗi: Thẻ YAML",
        "units/ngoai.yaml\n  toàn tệp: Lỗi:",
        "(evidence-pdf-unreadable)",
        "(evidence-not-found)",
    ):
        assert expected in proc.stdout

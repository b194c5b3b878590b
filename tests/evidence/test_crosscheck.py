"""Cross-checks on content: another unit's document, one document across unrelated areas."""

from __future__ import annotations

import shutil

from cchc import validation
from evidence.dossier import SA

EV = "submissions/2025/so-a/evidence"


def _warnings(root, code):
    return [f for f in validation.validate(root).findings if f.code == code]


def test_the_same_content_in_another_units_folder_is_reported(mini_repo):
    other = mini_repo / "submissions/2025/so-b/evidence"
    other.mkdir(parents=True)
    shutil.copy(mini_repo / EV / "ke-hoach.pdf", other / "kh-2025.pdf")  # renamed: content is what counts
    found = _warnings(mini_repo, "evidence-shared-with-other-unit")
    assert [(f.file, f.line, f.is_error) for f in found] == [(SA, 13, False)]  # once, at its first citation
    assert "2025/so-b" in found[0].message and "kh-2025.pdf" in found[0].message


def test_different_content_is_not_reported(mini_repo):
    other = mini_repo / "submissions/2024/so-b/evidence"
    other.mkdir(parents=True)
    (other / "ke-hoach.pdf").write_bytes(b"%PDF-1.4 another document\n%%EOF\n")  # same name only
    assert _warnings(mini_repo, "evidence-shared-with-other-unit") == []


def _cite_for_area_2(root, line_text):
    sa = root / SA
    text = sa.read_text(encoding="utf-8")
    old = "      - {file: evidence/bao-cao.pdf, section: Mục II}\n"
    assert old in text
    sa.write_text(text.replace(old, old + line_text), encoding="utf-8")


def test_one_document_for_unrelated_areas_is_reported(mini_repo):
    _cite_for_area_2(mini_repo, "      - {file: evidence/ke-hoach.pdf}\n")
    found = _warnings(mini_repo, "evidence-reused-unrelated")
    assert [(f.line, f.criterion) for f in found] == [(28, "2.2.1")]
    assert "1.1.1" in found[0].message


def test_a_copy_under_another_name_is_the_same_document(mini_repo):
    shutil.copy(mini_repo / EV / "ke-hoach.pdf", mini_repo / EV / "ke-hoach-ban-sao.pdf")
    _cite_for_area_2(mini_repo, "      - {file: evidence/ke-hoach-ban-sao.pdf}\n")
    assert len(_warnings(mini_repo, "evidence-reused-unrelated")) == 1


def test_named_parts_of_one_document_are_fine(mini_repo):
    sa = mini_repo / SA
    sa.write_text(
        sa.read_text(encoding="utf-8").replace(
            "{file: evidence/ke-hoach.pdf, page: 1}", "{file: evidence/ke-hoach.pdf, section: Mục I}"
        ),
        encoding="utf-8",
    )
    _cite_for_area_2(mini_repo, "      - {file: evidence/ke-hoach.pdf, page: 2}\n")
    assert _warnings(mini_repo, "evidence-reused-unrelated") == []


def test_the_same_document_within_one_area_is_fine(mini_repo):
    # 1.1.1 and 1.1.2 both cite ke-hoach.pdf in the base repository
    assert _warnings(mini_repo, "evidence-reused-unrelated") == []

"""Export a framework to the official annex layout (Excel, Word) and import it back: the
same framework, through the real command line, a real file and `cchc validate`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cchc import validation
from cchc.load import repository
from cchc.load.yamlfile import parse
from cchc.officer import excel, framework_in, framework_out, word

from .conftest import files_of

DEFAULTS = {"na_allowed": False, "evidence_required": False}
RULE_DEFAULTS = {
    "proportional": {"decimals": 2, "if_no_cases": "full"},
    "free": {"step": Decimal("0.25")},
    "bonus": {"step": Decimal("0.25")},
    "penalty": {"step": Decimal("0.25")},
}


def canonical(value, key=None):
    """Numbers as exact decimals; the defaults the model applies written out."""
    if isinstance(value, dict):
        out = {k: canonical(v, k) for k, v in value.items()}
        if "method" in out:
            out = {**DEFAULTS, **out}
        if key == "rule":
            out = {**RULE_DEFAULTS.get(out["kind"], {}), **out}
            out = {k: canonical(v) for k, v in out.items()}
        return out
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value).normalize()
    return value


def _described(fw) -> list[tuple]:
    """Every node of a framework as the officer sees it: code, title, points, method, rule."""
    return [
        (
            n.code,
            n.title,
            n.max,
            n.method,
            n.na_allowed,
            n.evidence_required,
            n.evidence,
            n.rule and (n.rule.kind, n.rule.text, n.rule.params),
        )
        for n in fw.nodes()
    ]


def _original(root: Path, ref: str) -> dict:
    return parse((root / "criteria" / f"{ref}.yaml").read_bytes()).data


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_every_sample_framework_round_trips(small_province, tmp_path, kind):
    frameworks = repository.load(small_province, wanted=lambda f: False).frameworks
    assert len(frameworks) >= 5
    for ref, fw in sorted(frameworks.items()):
        annex = tmp_path / f"{ref.replace('/', '-')}.{kind}"
        annex.write_bytes((excel.to_xlsx if kind == "xlsx" else word.to_docx)(framework_out.pages(fw)))
        result = framework_in.import_framework(annex, annex.name, {})
        assert result.findings == [], ref
        assert result.doc == _original(small_province, ref), ref  # the very same document, key for key


def test_framework_without_rule_texts_round_trips(tmp_path):
    """The test fixture's framework has no 'text': the export writes cchc's own wording, the
    import reads it back into the same rules and drops the wording again."""
    mini = Path(__file__).parents[1] / "fixtures" / "mini"
    fw = repository.load(mini, wanted=lambda f: False).frameworks["mini/so"]
    sheet = tmp_path / "mini.xlsx"
    sheet.write_bytes(excel.to_xlsx(framework_out.pages(fw)))
    result = framework_in.import_framework(sheet, "mini.xlsx", {})
    assert result.findings == []
    assert canonical(result.doc) == canonical(_original(mini, "mini/so"))
    assert not any(
        "text" in leaf["rule"] for a in result.doc["areas"] for c in a["criteria"] for leaf in c.get("components", [c])
    )


def test_cli_export_then_import_writes_a_valid_equal_framework(province, tmp_path, cchc, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cchc(
        "criteria", "export", "sample-2025/so", "--root", province, "--out", "pl.xlsx", "--out", "pl.docx"
    )
    assert code == 0 and "pl.xlsx" in out and "pl.docx" in out
    code, out, _ = cchc("criteria", "import", "pl.xlsx", "--ref", "qd-2027/so", "--root", province)
    assert code == 0, out
    assert "Đã ghi criteria/qd-2027/so.yaml: 9 lĩnh vực" in out
    result = validation.validate(province)
    assert result.errors == []
    frameworks = result.repo.frameworks
    new, old = frameworks["qd-2027/so"], frameworks["sample-2025/so"]
    assert (new.id, new.level, new.max, new.bands) == ("qd-2027-so", "so", old.max, old.bands)
    assert _described(new) == _described(old)


def test_import_refuses_to_overwrite_and_check_writes_nothing(province, tmp_path, cchc):
    sheet = tmp_path / "pl.xlsx"
    assert cchc("criteria", "export", "sample-2025/xa", "--root", province, "--out", sheet)[0] == 0
    before = files_of(province)
    code, _, err = cchc("criteria", "import", sheet, "--ref", "sample-2025/xa", "--root", province)
    assert code == 2 and "đã có" in err and "--force" in err
    code, out, _ = cchc("criteria", "import", sheet, "--ref", "moi/xa", "--check", "--root", province)
    assert code == 0 and "chưa ghi tệp" in out
    assert files_of(province) == before
    code, out, _ = cchc("criteria", "import", sheet, "--ref", "sample-2025/xa", "--force", "--root", province)
    assert code == 0 and validation.validate(province).errors == []

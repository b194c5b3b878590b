"""The catalogue of finding codes (cchc.codes): every code declared once, nothing emitted undeclared,
the tests it names exist, and the site's technical page lists it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
import yaml
from minirepo import REPO_ROOT, looks_vietnamese

from cchc import codes, findings
from cchc.cli import main as cli
from cchc.publish import codes_page

SHOWN_BY = [c for c in codes.catalogue() if c.shown_by]


def test_a_finding_with_an_undeclared_code_is_refused_when_it_is_made():
    with pytest.raises(codes.UnknownCode):
        findings.error("no-such-code", "province.yaml", "Sai.", "Sửa.")
    with pytest.raises(codes.UnknownCode):  # declared, but never as a warning
        findings.warning("score-above-max", "province.yaml", "Sai.", "Sửa.")
    assert findings.warning("framework-bands", "criteria/a/so.yaml", "Lưu ý.", "Sửa.").code == "framework-bands"


def test_a_code_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        codes._error("score-above-max", "Trùng.", "Trùng.", "Trùng.")


def test_an_undeclared_code_reaches_the_user_as_an_internal_error_in_vietnamese(mini_repo, monkeypatch, capsys):
    """A check that makes an undeclared code stops the run; the command says so in Vietnamese,
    without a traceback (the CLI's last line of defence)."""
    from cchc.checks import context

    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    monkeypatch.setattr(context, "check", lambda repo: [findings.error("ma-chua-khai-bao", "units/so.yaml", "x", "y")])
    assert cli.main(["validate", "--root", str(mini_repo)]) == cli.EXIT_CANNOT_RUN
    err = capsys.readouterr().err
    assert "lỗi nội bộ" in err and "UnknownCode" in err and "Traceback" not in err


@pytest.mark.parametrize("code", codes.catalogue(), ids=lambda c: c.name)
def test_each_code_is_named_plainly_and_means_something_in_vietnamese(code):
    assert code.name == code.name.lower() and " " not in code.name
    assert looks_vietnamese(code.meaning) and code.meaning.endswith(".")
    if code.tool is codes.Tool.VALIDATE:  # the validator's findings are worded by the catalogue
        assert code.message and code.hint
    for template in (code.message, code.hint):
        if template:
            list(string.Formatter().parse(template))  # a well-formed template (braces doubled where meant)


@pytest.mark.parametrize("code", SHOWN_BY, ids=lambda c: c.name)
def test_the_test_a_code_names_exists_and_shows_the_code(code):
    path, _, name = code.shown_by.partition("::")
    source = (REPO_ROOT / path).read_text(encoding="utf-8")
    found = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, f"{code.name}: no test {name} in {path}"
    first = min([d.lineno for d in found[0].decorator_list] + [found[0].lineno])
    text = "\n".join(source.splitlines()[first - 1 : found[0].end_lineno])
    assert f'"{code.name}"' in text or f"'{code.name}'" in text, f"{code.shown_by} does not mention {code.name}"


def test_the_technical_page_lists_every_code_and_is_up_to_date():
    page = REPO_ROOT / codes_page.PAGE
    assert page.read_text(encoding="utf-8") == codes_page.render(), "run: python -m cchc.publish.codes_page"
    text = page.read_text(encoding="utf-8")
    assert all(f"<code>{c.name}</code>" in text for c in codes.catalogue())
    nav = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert {"Mã lỗi": "ky-thuat/ma-loi.md"} in next(v for item in nav for k, v in item.items() if k == "Kỹ thuật")


def test_the_page_escapes_what_it_shows(monkeypatch):
    monkeypatch.setitem(codes._DECLARED, "x-test", codes.Code("x-test", findings.Severity.ERROR, "<b>&</b>."))
    monkeypatch.setitem(codes._SEVERITIES, "x-test", {findings.Severity.ERROR})
    assert "&lt;b&gt;&amp;&lt;/b&gt;." in codes_page.render() and "<b>&</b>" not in codes_page.render()


def test_the_page_can_be_written_where_asked(tmp_path):
    codes_page.main(["--out", str(tmp_path / "ma-loi.md")])
    assert (tmp_path / "ma-loi.md").read_text(encoding="utf-8") == codes_page.render()


def test_the_catalogue_covers_every_code_the_case_folders_expect():
    expected = set()
    for case in (Path(__file__).parent / "cases").glob("*/case.yaml"):
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        expected |= {f["code"] for f in (spec.get("expect") or []) + (spec.get("warnings") or [])}
    assert expected <= {c.name for c in codes.catalogue()}

"""CODEOWNERS from the registry: generated, checked in CI, and in step with what is committed."""

from __future__ import annotations

import re
from pathlib import Path

from cchc.cli import main as cli
from cchc.load import repository
from cchc.policy import codeowners

from .conftest import check, codes

ROOT = Path(__file__).resolve().parents[2]


def test_generated_rules_follow_routing(mini_repo, capsys):
    assert cli.main(["codeowners", "--root", str(mini_repo)]) == 0
    text = (mini_repo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @snv-admin",
        "/submissions/2025/so-a/ @hdtd-1",
        "/submissions/2025/so-a/appraisal.yaml @hdtd-1 @snv-admin",
        "/submissions/2025/so-b/ @hdtd-1",
        "/submissions/2025/so-b/appraisal.yaml @hdtd-1 @snv-admin",
    ]
    assert cli.main(["codeowners", "--root", str(mini_repo), "--check"]) == 0
    # a unit moves to another council: the committed file is now out of date
    plan = mini_repo / "plans/2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "  - {id: hd-tinh, name: Hội đồng thẩm định tỉnh, accounts: [hdtd-1]}",
            "  - {id: hd-tinh, name: Hội đồng thẩm định tỉnh, accounts: [hdtd-1, hdtd-2]}",
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli.main(["codeowners", "--root", str(mini_repo), "--check"]) == 1
    assert "codeowners-outdated" in capsys.readouterr().out


def test_gitea_rules_are_anchored_regular_expressions(mini_repo):
    text = codeowners.render(repository.load(mini_repo, lambda f: False), "gitea")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules[0] == "!submissions/.* @snv-admin"
    assert "submissions/2025/so-a/appraisal\\\\.yaml @snv-admin" in rules
    pattern = re.compile("^" + rules[1].split()[0] + "$")  # as Gitea compiles it
    assert pattern.match("submissions/2025/so-a/evidence/a.pdf") and not pattern.match("submissions/2025/so-ab/x")


def test_a_registry_change_must_regenerate_codeowners(forge, capsys):
    cli.main(["codeowners", "--root", str(forge.work)])
    forge.commit("CODEOWNERS", author="snv-admin", date="2025-11-02T09:00:00+07:00")
    forge.push("main")
    forge.branch("them-tai-khoan")
    forge.edit("units/so.yaml", "accounts: [so-a-vanthu]", "accounts: [so-a-vanthu, so-a-pho-phong]")
    head = forge.commit("Thêm tài khoản", author="snv-admin", date="2025-12-01T09:00:00+07:00")
    forge.push("them-tai-khoan")
    ci = forge.checkout(head)
    code, doc = check(capsys, ci, forge.pull_request(head, "snv-admin", "2025-12-01T02:00:00Z"))
    assert code == 0, doc  # accounts are not in CODEOWNERS: nothing to regenerate
    forge.edit("plans/2025.yaml", "accounts: [hdtd-1]", "accounts: [hdtd-1, hdtd-2]")
    head = forge.commit("Thêm thành viên hội đồng", author="snv-admin", date="2025-12-01T09:00:00+07:00")
    forge.push("them-tai-khoan")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "snv-admin", "2025-12-01T02:00:00Z"))
    assert code == 1 and codes(doc) == {"codeowners-outdated"}


def test_the_committed_codeowners_is_up_to_date():
    """The repository's own .github/CODEOWNERS matches its unit registry and plans."""
    repo = repository.load(ROOT, lambda folder: False)
    assert (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8") == codeowners.render(repo, "github"), (
        "chạy 'cchc codeowners' để cập nhật .github/CODEOWNERS"
    )

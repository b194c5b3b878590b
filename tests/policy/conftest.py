"""Fixtures for the pull-request workflow: a forge holding the small test province."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from cchc.cli import main as cli

from .forge import Forge, make_key, signers_line


def _root_fixtures():
    """tests/conftest.py by path: several folders have a conftest.py, so the bare name is ambiguous."""
    spec = importlib.util.spec_from_file_location("cchc_tests_root", Path(__file__).parents[1] / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_mini = _root_fixtures().build_mini

AP = "submissions/2025/so-a/appraisal.yaml"
# The council's first round on so-a: one criterion scored down, with its reason.
ROUND1_SCORED = """unit: so-a
year: 2025
rounds:
  - round: 1
    council: hd-tinh
    date: "2026-01-20"
    items:
      - code: "1.1.1"
        score: 0.5
        reason: Kế hoạch ban hành sau thời hạn quy định.
"""


@pytest.fixture(scope="session")
def receipt_key(tmp_path_factory) -> Path:
    """The close job's receipt-signing key: a real SSH key (private key file; the public one beside it)."""
    return make_key(tmp_path_factory.mktemp("khoa-ky") / "cchc-khoa-nhap-lieu")


@pytest.fixture
def forge(tmp_path, receipt_key) -> Forge:
    files = build_mini(tmp_path / "files")
    (files / AP).unlink()  # appraisal comes later, through its own pull request
    # the administrators list the close job's public key on the main branch
    (files / ".cchc").mkdir()
    (files / ".cchc/receipt-signers").write_text(signers_line(receipt_key), encoding="utf-8")
    return Forge(tmp_path / "forge", files)


def check(capsys, repo: Path, event: Path, *extra: str) -> tuple[int, dict]:
    """Run `cchc check-pr` as CI does; returns the exit code and the JSON findings."""
    code = cli.main(["check-pr", "--repo", str(repo), "--event", str(event), "--format", "json", *extra])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip().startswith("{") else {"raw": out}


def check_result(forge: Forge, head: str, out: Path, number: int = 5, draft: bool = True) -> Path:
    """`cchc check-pr --output OUT` on so-a's pull request of ``head``, opened on 20/12 (entry open)."""
    event = forge.pull_request(head, "so-a-vanthu", "2025-12-20T03:00:00Z", number=number, draft=draft)
    repo = forge.checkout(head)
    cli.main(["check-pr", "--repo", str(repo), "--event", str(event), "--output", str(out), "--format", "json"])
    return out


def codes(doc: dict, errors_only: bool = True) -> set[str]:
    return {f["code"] for f in doc.get("findings", []) if f["severity"] == "error" or not errors_only}

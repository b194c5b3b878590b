"""The close job signs receipts with a key only the main branch's runs can read."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_the_signing_key_lives_in_an_environment_and_a_private_file():
    wf = yaml.safe_load((ROOT / ".github/workflows/close-entry.yml").read_text(encoding="utf-8"))
    (job,) = wf["jobs"].values()
    assert job["environment"] == "khoa-nhap-lieu"  # its deployment branch policy allows main only
    using = [s for s in job["steps"] if "secrets." in str(s)]
    (step,) = using  # the key reaches one step only, through its environment, never the script text
    assert step["env"]["RECEIPT_SIGNING_KEY"] == "${{ secrets.CCHC_RECEIPT_SIGNING_KEY }}"
    script = step["run"]
    assert "secrets." not in script and "${{" not in script
    assert 'signing_key="$RUNNER_TEMP/' in script and "umask 077" in script
    assert any(line.strip().startswith("trap 'rm -f") and '"$signing_key"' in line for line in script.splitlines())
    assert 'CCHC_RECEIPT_KEY="$signing_key" cchc close-entry' in script and "--apply" in script

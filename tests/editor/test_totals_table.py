"""One table of totals (tests/fixtures/appraisal-totals.yaml) that cchc's scoring and the web
editor's JavaScript must both give: the self-scored total before the appraisal (the clerk's
preview and the council's preview) and after it (the council's preview), with their indexes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from minirepo import MINI, build_mini

from cchc.editor import data, site
from cchc.editor.settings import Settings
from cchc.load import repository
from cchc.score.unit import index_of, score_unit

from .node import run_harness

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "appraisal-totals.yaml"
CASES = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]


def _files(case: dict) -> tuple[str, str]:
    """(self-assessment.yaml, appraisal.yaml) of so-a for one case."""
    scores = "".join(f"  {line}\n" for line in case["scores"].splitlines())
    rounds = "".join(f"  {line}\n" for line in case["rounds"].splitlines()) or "  []\n"
    return f"unit: so-a\nyear: 2025\nscores:\n{scores}", f"unit: so-a\nyear: 2025\nrounds:\n{rounds}"


def _expected(case: dict) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in case["expect"].items()}


def _python(tmp_path: Path, case: dict) -> dict[str, Decimal]:
    root = build_mini(tmp_path / "repo")
    folder = root / "submissions" / "2025" / "so-a"
    own, appraisal = _files(case)
    (folder / "self-assessment.yaml").write_text(own, encoding="utf-8")
    (folder / "appraisal.yaml").write_text(appraisal, encoding="utf-8")
    repo = repository.load(root)
    us = score_unit(repo, repo.units["so-a"], 2025)
    assert us is not None and us.self_total is not None and us.appraised_total is not None
    maximum = sum((n.max for n in us.nodes() if not n.children and n.method != "survey"), Decimal(0))
    self_total = min(max(us.self_total, Decimal(0)), maximum)
    appraised = min(max(us.appraised_total, Decimal(0)), maximum)
    places = us.framework.precision
    return {
        "max": maximum,
        "self": self_total,
        "self_index": index_of(self_total, maximum, places) or Decimal(0),
        "appraised": appraised,
        "appraised_index": index_of(appraised, maximum, places) or Decimal(0),
    }


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cchc_scores_the_table(tmp_path, case):
    assert _python(tmp_path, case) == _expected(case)


@pytest.fixture(scope="module")
def admin(tmp_path_factory) -> tuple[Path, dict]:
    """The editor's scripts, and the mini framework as the browser receives it."""
    repo = repository.load(MINI, wanted=lambda folder: False)
    out = tmp_path_factory.mktemp("admin")
    site.write(out, repo, Settings(local_backend="http://127.0.0.1:9/api/v1"), with_assets=True)
    return out, data.framework(repo.frameworks["mini/so"])


@pytest.mark.node
def test_the_editor_gives_the_same_totals(admin):
    folder, framework = admin
    items = []
    for case in CASES:
        own, appraisal = _files(case)
        items.append({"op": "totals", "framework": framework, "self": own, "rounds": appraisal})
    for case, got in zip(CASES, run_harness(folder, items), strict=True):
        want = _expected(case)
        council = {k: Decimal(got[k]) for k in want}
        clerk = got["preview"]  # the clerk's own preview while filling the self-assessment
        assert council == want, case["name"]
        assert (Decimal(clerk["total"]), Decimal(clerk["max"]), Decimal(clerk["index"])) == (
            want["self"],
            want["max"],
            want["self_index"],
        ), case["name"]

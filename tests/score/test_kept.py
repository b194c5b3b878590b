"""Unit scores kept by the build cache (cchc.score.kept): results made with kept scores are the
results made without them, and what a score depends on makes it anew."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from cchc.buildcache import Store
from cchc.load import repository
from cchc.model.survey import Survey
from cchc.score import kept, results

REPO = Path(__file__).resolve().parents[2]


def test_results_from_kept_scores_are_the_results(tmp_path):
    repo = repository.load(REPO)
    cold = results.compute(repo, "abc", "2026-12-03")
    first, second = kept.Scores(Store(tmp_path)), kept.Scores(Store(tmp_path))
    assert results.compute(repo, "abc", "2026-12-03", first) == cold
    assert results.compute(repo, "abc", "2026-12-03", second) == cold
    assert first.hits == 0 and second.hits == len(second.used) > 0


def test_a_changed_survey_point_scores_its_unit_again(tmp_path):
    repo = repository.load(REPO)
    year, survey = max(repo.surveys.items())
    row = survey.rows[0]
    changed = dataclasses.replace(row, points=row.points + Decimal("0.5"))
    other = Survey(survey.year, survey.file, (changed, *survey.rows[1:]), survey.year_line)
    moved = dataclasses.replace(repo, surveys={**repo.surveys, year: other})
    results.compute(repo, kept=kept.Scores(Store(tmp_path)))
    again = kept.Scores(Store(tmp_path))
    assert results.compute(moved, kept=again) == results.compute(moved)
    assert again.hits == len(again.used) - 1


def test_a_damaged_entry_is_scored_again(tmp_path):
    repo = repository.load(REPO)
    store = Store(tmp_path)
    first = kept.Scores(store)
    cold = results.compute(repo, kept=first)
    for key in first.used:
        path = store.path(kept.KIND, key)
        assert path is not None
        path.write_bytes(b'["da-nop", "not a tree"]')
    again = kept.Scores(store)
    assert results.compute(repo, kept=again) == cold
    assert again.hits == 0

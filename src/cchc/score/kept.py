"""Unit scores kept between builds: a unit's year whose inputs did not change is not scored again.

A unit's score in one year (``unit.score_unit``) depends on its dossier as loaded (the model:
entries, appraisal rounds), the framework of its level that year, whether the year's plan holds
a survey for its level, its survey points and not-applicable survey criteria, its id and level,
and the code, whose change empties the build cache (``cchc.buildcache``). A digest of these is
the score's key; the score is kept under it in the build cache's ``scores/`` as JSON and
decoded back into the score's own types (msgspec: data, never code). Places, changes and
everything else that compares units are worked out anew on every build.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import msgspec

from ..buildcache import Store
from ..model.framework import Framework
from ..model.registry import Unit
from ..model.repository import Repository
from .unit import NodeScore, UnitScore, score_unit

__all__ = ["KIND", "Scores"]

KIND = "scores"

# What is kept of a UnitScore: all but the unit and the framework, which the build has.
Kept = tuple[
    str,  # status
    tuple[NodeScore, ...],  # areas
    Decimal | None,  # self_total
    Decimal | None,  # appraised_total
    Decimal | None,  # survey_total
    Decimal,  # total
    Decimal,  # max
    Decimal | None,  # index
    str,  # classification
    tuple[Decimal, Decimal] | None,  # unscaled
]
_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Kept)


class Scores:
    """Scores units, or takes their scores from the build cache."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.used: set[str] = set()
        self.hits = 0
        self._frameworks: dict[int, str] = {}  # id(framework) -> digest of its repr (all it holds)

    def score(self, repo: Repository, unit: Unit, year: int) -> UnitScore | None:
        """What ``score_unit(repo, unit, year)`` gives."""
        fw = repo.framework_for(year, unit.level)
        if fw is None:
            return None
        key = self.key(repo, unit, year, fw)
        self.used.add(key)
        kept = self._get(key)
        if kept is not None:
            self.hits += 1
            return _score(unit, year, fw, kept)
        made = score_unit(repo, unit, year)
        if made is not None:
            self.store.put(KIND, key, _ENCODER.encode(_kept(made)))
        return made

    def key(self, repo: Repository, unit: Unit, year: int, fw: Framework) -> str:
        plan = repo.plans.get(year)
        held = plan is None or plan.survey_held(unit.level)
        survey = repo.surveys.get(year) if held else None
        points = sorted(survey.of_unit(unit.id).items()) if survey is not None else []
        na = sorted(survey.not_applicable(unit.id)) if survey is not None else []
        dossier = repo.dossiers.get((year, unit.id))
        made = [year, unit.id, unit.level, self._framework(fw), held, survey is not None, points, na, dossier]
        return hashlib.sha256(_ENCODER.encode(made)).hexdigest()

    def keep_only_used(self) -> None:
        self.store.keep_only(KIND, self.used)

    def _framework(self, fw: Framework) -> str:
        if id(fw) not in self._frameworks:
            self._frameworks[id(fw)] = hashlib.sha256(repr(fw).encode("utf-8")).hexdigest()
        return self._frameworks[id(fw)]

    def _get(self, key: str) -> Kept | None:
        data = self.store.get(KIND, key)
        if data is None:
            return None
        try:
            kept: Kept = _DECODER.decode(data)
        except (msgspec.MsgspecError, ValueError, TypeError):
            return None  # a damaged entry: scored again
        return kept


def _kept(s: UnitScore) -> Kept:
    return (
        s.status,
        s.areas,
        s.self_total,
        s.appraised_total,
        s.survey_total,
        s.total,
        s.max,
        s.index,
        s.classification,
        s.unscaled,
    )


def _score(unit: Unit, year: int, fw: Framework, kept: Kept) -> UnitScore:
    status, areas, self_total, appraised, survey, total, maximum, index, classification, unscaled = kept
    return UnitScore(
        unit=unit,
        year=year,
        framework=fw,
        status=status,
        areas=areas,
        self_total=self_total,
        appraised_total=appraised,
        survey_total=survey,
        total=total,
        max=maximum,
        index=index,
        classification=classification,
        unscaled=unscaled,
    )

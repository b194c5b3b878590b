"""Score one unit in one year: a tree of node results mirroring the framework."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..model.framework import ADJUSTMENT_KINDS, Framework, Node
from ..model.history import History
from ..model.registry import Unit
from ..model.repository import Dossier, Repository
from ..model.submission import Entry, EvidenceRef
from ..rules import kind_of, self_points

if TYPE_CHECKING:  # score.history builds on this module
    from .history import PublishedFramework

ZERO = Decimal(0)
HUNDRED = Decimal(100)

NOT_SUBMITTED, SUBMITTED, IN_APPRAISAL, APPRAISED = "chua-nop", "da-nop", "dang-tham-dinh", "da-tham-dinh"
IMPORTED = "da-cong-bo"  # a past year's published result, brought in from its decision (history/)
STATUS_NAMES = {
    NOT_SUBMITTED: "Chưa nộp",
    SUBMITTED: "Đã nộp, chờ thẩm định",
    IN_APPRAISAL: "Đang thẩm định",
    APPRAISED: "Đã thẩm định",
    IMPORTED: "Kết quả đã công bố (nhập)",
}
LIVE_STATUSES = (NOT_SUBMITTED, SUBMITTED, IN_APPRAISAL, APPRAISED)  # of a year the system runs

# code -> (score, reason, round) from the latest appraisal round that mentions the code
Appraised = Mapping[str, tuple[Decimal, str | None, int]]


class NodeScore(NamedTuple):
    """One scored node. Immutable; a NamedTuple because a national run makes hundreds of
    thousands (~70 per unit and year) and a frozen dataclass costs five times as much to build."""

    code: str
    title: str
    depth: int
    max: Decimal  # applicable maximum (N/A removed; adjustments count 0)
    full_max: Decimal  # the framework's maximum
    self: Decimal = ZERO  # the unit's own points (survey excluded)
    appraised: Decimal = ZERO  # points after appraisal (survey excluded)
    survey: Decimal = ZERO
    na: bool = False
    method: str | None = None
    kind: str | None = None
    reason: str | None = None  # the council's reason, where adjusted
    round: int | None = None  # appraisal round of that score
    evidence: tuple[EvidenceRef, ...] = ()
    explanation: str | None = None
    children: tuple[NodeScore, ...] = ()

    @property
    def achieved(self) -> Decimal:
        return self.appraised + self.survey

    @property
    def is_adjustment(self) -> bool:
        """Bonus and penalty points: added or subtracted after the sum, never "lost"."""
        return self.kind in ADJUSTMENT_KINDS

    @property
    def lost(self) -> Decimal:
        return max(self.max - self.achieved, ZERO) if not self.is_adjustment else ZERO

    def walk(self) -> Iterator[NodeScore]:
        yield self
        for c in self.children:
            yield from c.walk()


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def index_of(achieved: Decimal, maximum: Decimal, places: int) -> Decimal | None:
    if maximum <= 0:
        return None
    return quantize(achieved / maximum * HUNDRED, places)


@dataclass(frozen=True)
class UnitScore:
    unit: Unit
    year: int
    framework: Framework | PublishedFramework  # a published framework for a result brought in (history/)
    status: str
    areas: tuple[NodeScore, ...]
    self_total: Decimal | None  # None for a published result brought in (history/): not known
    appraised_total: Decimal | None  # self-scored part after appraisal, adjustments included
    survey_total: Decimal | None
    total: Decimal  # within [0, max]
    max: Decimal
    index: Decimal | None
    classification: str
    imported: History | None = None  # the History a published result was brought in from
    # No survey held for the unit's level this year: the appraised points before scaling to the
    # framework's total, and the maximum they were out of (None when a survey was held).
    unscaled: tuple[Decimal, Decimal] | None = None

    @property
    def appraised_final(self) -> bool:
        """The council's last round is recorded (or a published result was brought in)."""
        return self.status in (APPRAISED, IMPORTED)

    def nodes(self) -> Iterator[NodeScore]:
        """Every node, depth first, in framework order."""
        return iter(self.all_nodes)

    @functools.cached_property
    def all_nodes(self) -> tuple[NodeScore, ...]:
        # walked once: a unit's page, its node places and its tables each go over them all
        return tuple(n for a in self.areas for n in a.walk())

    @functools.cached_property
    def by_code(self) -> dict[str, NodeScore]:
        return {n.code: n for n in self.all_nodes}


class SurveyPoints(NamedTuple):
    """A unit's survey points: code → points, and the criteria that do not apply (or were not held)."""

    points: Mapping[str, Decimal]
    not_applicable: frozenset[str] = frozenset()


def _leaf(node: Node, entry: Entry | None, appraised: Appraised, survey: SurveyPoints) -> NodeScore:
    # Whatever the case, the result names the node, its framework maximum, its method and its
    # rule's kind. (Built positionally in each case: a national run scores 290,000 leaves.)
    rule = node.leaf_rule
    code, kind = node.code, rule.kind
    maximum = ZERO if node.is_adjustment else node.max
    if node.is_survey:
        if code in survey.not_applicable:
            return NodeScore(code, node.title, node.depth, ZERO, node.max, na=True, method=node.method, kind=kind)
        points = survey.points.get(code, ZERO)
        return NodeScore(code, node.title, node.depth, maximum, node.max, survey=points, method=node.method, kind=kind)
    evidence, explanation = (entry.evidence, entry.explanation) if entry is not None else ((), None)
    if entry is not None and entry.na and node.na_allowed:
        return NodeScore(
            code, node.title, node.depth, ZERO, node.max, na=True, method=node.method, kind=kind,
            evidence=evidence, explanation=explanation,
        )  # fmt: skip
    own = self_points(node, entry)
    own = own if own is not None and ZERO <= own <= node.max else ZERO
    sign = kind_of(rule).sign
    mine = own * sign
    final, reason, rnd = mine, None, None
    if code in appraised:
        score, reason, rnd = appraised[code]
        final = min(score, node.max) * sign
    return NodeScore(
        code, node.title, node.depth, maximum, node.max, mine, final, ZERO, False, node.method, kind, reason, rnd,
        evidence, explanation,
    )  # fmt: skip


def _node(node: Node, entries: Mapping[str, Entry], appraised: Appraised, survey_points: SurveyPoints) -> NodeScore:
    if node.is_leaf:
        return _leaf(node, entries.get(node.code), appraised, survey_points)
    children = tuple(_node(child, entries, appraised, survey_points) for child in node.children)
    # one pass over the children (sums start from ZERO, as sum() would: the same Decimals)
    maximum = own = final = survey = ZERO
    na = True
    for c in children:
        maximum, own, final, survey = maximum + c.max, own + c.self, final + c.appraised, survey + c.survey
        na = na and c.na
    return NodeScore(
        node.code, node.title, node.depth, maximum, node.max, own, final, survey, na, children=children
    )  # fmt: skip


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def status_of(dossier: Dossier | None) -> str:
    if dossier is None or dossier.self_assessment is None:
        return NOT_SUBMITTED
    if dossier.appraisal is None or not dossier.appraisal.rounds:
        return SUBMITTED
    return APPRAISED if dossier.appraisal.final() else IN_APPRAISAL


def _entries(dossier: Dossier | None) -> dict[str, Entry]:
    """code → the unit's entry (the first one, where a code is repeated: reported by checks)."""
    entries: dict[str, Entry] = {}
    sa = dossier.self_assessment if dossier else None
    if sa is not None:
        for e in sa.entries:
            entries.setdefault(e.code, e)
    return entries


def score_unit(repo: Repository, unit: Unit, year: int, before_round: int | None = None) -> UnitScore | None:
    """The unit's score; with ``before_round``, as the appraisal rounds below it left it
    (``before_round=1``: the self-assessment alone), for the council's comparisons."""
    fw = repo.framework_for(year, unit.level)
    if fw is None:
        return None
    dossier = repo.dossiers.get((year, unit.id))
    entries = _entries(dossier)
    appraised = dossier.appraisal.latest_scores(before_round) if dossier and dossier.appraisal else {}
    plan = repo.plans.get(year)
    held = plan is None or plan.survey_held(unit.level)
    areas = tuple(_node(a, entries, appraised, _survey_points(repo, unit, year, fw, held)) for a in fw.areas)
    maximum = _sum(a.max for a in areas)
    appraised_total = _sum(a.appraised for a in areas)
    survey_total = _sum(a.survey for a in areas)
    total = min(max(appraised_total + survey_total, ZERO), maximum)
    unscaled = None
    if not held:
        unscaled = (total, maximum)
        total, maximum = scaled(total, maximum, _sum(a.max for a in areas) + _survey_max(fw), fw.precision)
    index = index_of(total, maximum, fw.precision)
    return UnitScore(
        unit=unit,
        year=year,
        framework=fw,
        status=status_of(dossier),
        areas=areas,
        self_total=_sum(a.self for a in areas),
        appraised_total=appraised_total,
        survey_total=survey_total,
        total=total,
        max=maximum,
        index=index,
        classification=fw.classify(index) if index is not None else "",
        unscaled=unscaled,
    )


def _survey_max(fw: Framework) -> Decimal:
    return _sum(n.max for n in fw.leaves() if n.is_survey)


def _survey_points(repo: Repository, unit: Unit, year: int, fw: Framework, held: bool) -> SurveyPoints:
    if not held:  # every survey criterion leaves the maximum, then the points are scaled back up
        return SurveyPoints({}, frozenset(n.code for n in fw.leaves() if n.is_survey))
    survey = repo.surveys.get(year)
    if survey is None:
        return SurveyPoints({})
    return SurveyPoints(survey.of_unit(unit.id), survey.not_applicable(unit.id))


def scaled(total: Decimal, maximum: Decimal, target: Decimal, places: int) -> tuple[Decimal, Decimal]:
    """Points out of ``maximum`` scaled to ``target`` (the framework's total when no survey is held):
    total × target ÷ maximum, rounded half up to the framework's decimals."""
    if maximum <= 0:
        return total, maximum
    return quantize(total * target / maximum, places), target

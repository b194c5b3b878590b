"""Score one unit in one year: a tree of node results mirroring the framework."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..rules import self_points

ZERO = Decimal(0)
HUNDRED = Decimal(100)

NOT_SUBMITTED, SUBMITTED, IN_APPRAISAL, APPRAISED = "chua-nop", "da-nop", "dang-tham-dinh", "da-tham-dinh"
IMPORTED = "da-cong-bo"  # a past year's published result, brought in from its decision (history/)
STATUS_NAMES = {NOT_SUBMITTED: "Chưa nộp", SUBMITTED: "Đã nộp, chờ thẩm định",
                IN_APPRAISAL: "Đang thẩm định", APPRAISED: "Đã thẩm định", IMPORTED: "Kết quả đã công bố (nhập)"}
LIVE_STATUSES = (NOT_SUBMITTED, SUBMITTED, IN_APPRAISAL, APPRAISED)  # of a year the system runs


@dataclass(slots=True)  # ~70 per unit and year: hundreds of thousands at national scale
class NodeScore:
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
    evidence: tuple = ()
    explanation: str | None = None
    children: list["NodeScore"] = field(default_factory=list)

    @property
    def achieved(self) -> Decimal:
        return self.appraised + self.survey

    @property
    def lost(self) -> Decimal:
        return max(self.max - self.achieved, ZERO) if self.kind not in ("bonus", "penalty") else ZERO

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def index_of(achieved: Decimal, maximum: Decimal, places: int) -> Decimal | None:
    if maximum <= 0:
        return None
    return quantize(achieved / maximum * HUNDRED, places)


@dataclass
class UnitScore:
    unit: object
    year: int
    framework: object
    status: str
    areas: list[NodeScore]
    self_total: Decimal | None  # None for a published result brought in (history/): not known
    appraised_total: Decimal | None  # self-scored part after appraisal, adjustments included
    survey_total: Decimal | None
    total: Decimal  # within [0, max]
    max: Decimal
    index: Decimal | None
    classification: str
    imported: object | None = None  # the History a published result was brought in from

    def nodes(self):
        for a in self.areas:
            yield from a.walk()

    @functools.cached_property
    def by_code(self) -> dict:
        return {n.code: n for n in self.nodes()}


def _leaf(node, entry, appraised, survey_points) -> NodeScore:
    ns = NodeScore(node.code, node.title, node.depth, node.max, node.max, method=node.method,
                   kind=node.rule.kind)
    if node.is_adjustment:
        ns.max = ZERO
    if node.is_survey:
        ns.survey = survey_points.get(node.code, ZERO)
        return ns
    if entry is not None:
        ns.evidence = entry.evidence
        ns.explanation = entry.explanation
        if entry.na and node.na_allowed:
            ns.na, ns.max = True, ZERO
            return ns
    own = self_points(node, entry)
    own = own if own is not None and ZERO <= own <= node.max else ZERO
    sign = -1 if node.rule.kind == "penalty" else 1
    ns.self = own * sign
    if node.code in appraised:
        score, reason, rnd = appraised[node.code]
        ns.appraised, ns.reason, ns.round = min(score, node.max) * sign, reason, rnd
    else:
        ns.appraised = ns.self
    return ns


def _node(node, entries, appraised, survey_points) -> NodeScore:
    if node.is_leaf:
        return _leaf(node, entries.get(node.code), appraised, survey_points)
    ns = NodeScore(node.code, node.title, node.depth, ZERO, node.max)
    for child in node.children:
        cs = _node(child, entries, appraised, survey_points)
        ns.children.append(cs)
        ns.max += cs.max
        ns.self += cs.self
        ns.appraised += cs.appraised
        ns.survey += cs.survey
    ns.na = all(c.na for c in ns.children)
    return ns


def status_of(dossier) -> str:
    if dossier is None or dossier.self_assessment is None:
        return NOT_SUBMITTED
    if dossier.appraisal is None or not dossier.appraisal.rounds:
        return SUBMITTED
    return APPRAISED if dossier.appraisal.final() else IN_APPRAISAL


def score_unit(repo, unit, year: int) -> UnitScore | None:
    fw = repo.framework_for(year, unit.level)
    if fw is None:
        return None
    dossier = repo.dossiers.get((year, unit.id))
    sa = dossier.self_assessment if dossier else None
    entries = {}
    if sa is not None:
        for e in sa.entries:
            entries.setdefault(e.code, e)
    appraised = dossier.appraisal.latest_scores() if dossier and dossier.appraisal else {}
    survey = repo.surveys.get(year)
    survey_points = survey.of_unit(unit.id) if survey else {}
    areas = [_node(a, entries, appraised, survey_points) for a in fw.areas]
    maximum = sum((a.max for a in areas), ZERO)
    appraised_total = sum((a.appraised for a in areas), ZERO)
    survey_total = sum((a.survey for a in areas), ZERO)
    total = min(max(appraised_total + survey_total, ZERO), maximum)
    index = index_of(total, maximum, fw.precision)
    return UnitScore(
        unit=unit, year=year, framework=fw, status=status_of(dossier), areas=areas,
        self_total=sum((a.self for a in areas), ZERO), appraised_total=appraised_total,
        survey_total=survey_total, total=total, max=maximum, index=index,
        classification=fw.classify(index) if index is not None else "",
    )

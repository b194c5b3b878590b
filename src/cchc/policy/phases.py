"""When: the plan's deadlines, judged by the trusted event time.

Phases of one dossier (a unit's extension moves its own deadlines):
- entry: from ``entry_opens`` to the unit's ``self_assessment_closes``, the unit changes its
  self-assessment and evidence; once the council has recorded a round, it may not;
- after the lock, the unit's self-assessment and evidence must stay as received when entry
  closed (the receipt, see ``receipts``): a later push is refused whatever dates its commits
  claim. A verified receipt for the unit's current deadline proves that deadline has passed,
  so once it exists every check is held to it, whatever time the event (or a re-run of an
  old event) carries;
- between the deadline and the close job's receipt, the check runs without a receipt. A run
  that itself proves the head was not submitted in time is refused as before: a push or an
  opening after the deadline, a Gửi đi after the deadline, a draft (not submitted). A run of
  an event that pushed nothing and sent nothing (a label, a reviewer moving the web editor's
  card, a withdrawal, a re-run of a run made in time) cannot tell when the head was pushed (the
  payload does not say): it is not refused, but warned that the receipt will decide
  (``receipt-pending``); the push that produced a late head was refused by its own run.
  A re-run is judged at the runner's clock (``Situation.checked``), so re-running a run made
  while the pull request was a draft, after a late Gửi đi, is still refused;
- round 1: the council records it until ``appraisal_round1_closes``;
- explanation: once round 1 asks for explanations, until the unit's ``explanation_closes``
  (and before round 2), the unit answers in explanation.yaml and may add new evidence files;
- round 2 (final): after the explanation deadline (or at once when round 1 asked nothing),
  until ``appraisal_round2_closes``. Recorded rounds are never removed.
Each kind of file maps to one window function (``WINDOWS``); none knows any criterion code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..clock import show
from ..findings import Finding, error, warning
from ..model.plan import PHASE_NAMES, Plan
from ..model.submission import Round
from . import paths as P
from . import states
from .event import PUSHES


@dataclass
class Situation:
    plan: Plan  # the base branch's plan of the dossier's year
    unit: str
    time: datetime
    tz: str
    base_rounds: dict[int, Round]  # round number → Round, as recorded on the base branch
    head_rounds: dict[int, Round] | None  # as in the pull request (None: appraisal.yaml unreadable there)
    head_has_appraisal: bool
    locked_changes: list[P.Changed]  # unit content differing from the receipt (after the lock)
    receipt: str | None  # the receipt tag, when there is one
    action: str | None = None
    closed: bool = False  # a verified receipt (received or not) exists for the unit's current deadline
    checked: datetime | None = None  # when a re-run runs (the runner's clock); None: not a re-run
    draft: bool = False  # the pull request was a draft at the event

    def deadline(self, phase: str) -> datetime:
        return self.plan.deadline(phase, self.unit)

    def when(self, phase: str) -> str:
        return f"{PHASE_NAMES[phase].lower()} {show(self.deadline(phase), self.tz)}"

    @property
    def now(self) -> str:
        return show(self.time, self.tz)

    @property
    def moment(self) -> datetime:
        return self.checked or self.time

    @property
    def moment_text(self) -> str:
        if self.checked is None:
            return f"thời điểm gửi {self.now}"
        return f"chạy lại lần kiểm tra cũ lúc {show(self.checked, self.tz)}"

    @property
    def requests(self) -> bool:
        r1 = self.base_rounds.get(1)
        return r1 is not None and any(it.request for it in r1.items)

    @property
    def explanation_open(self) -> bool:
        return self.requests and 2 not in self.base_rounds and self.time <= self.deadline("explanation_closes")


def _more(items: list[P.Changed]) -> str:
    return f" (và {len(items) - 1} tệp khác)" if len(items) > 1 else ""


def _unit_content(s: Situation, items: list[P.Changed]) -> list[Finding]:
    first = items[0]
    if s.time < s.plan.deadlines["entry_opens"]:
        return [
            error(
                "phase-not-open",
                first.path,
                f"Chưa mở nhập liệu: thời điểm gửi {s.now}, {s.when('entry_opens')}.",
                "Chờ đến khi mở nhập liệu theo kế hoạch rồi gửi lại.",
            )
        ]
    if s.time <= s.deadline("self_assessment_closes"):
        items = [c for c in items if not (c.kind == P.EVIDENCE and c.status == "A" and s.explanation_open)]
        if s.base_rounds and items:
            first = items[0]
            return [
                error(
                    "phase-appraisal-started",
                    first.path,
                    f"Hội đồng đã bắt đầu thẩm định hồ sơ này, nên không sửa được điểm tự chấm và tài liệu "
                    f"kiểm chứng nữa: {first.path}{_more(items)}.",
                    "Nếu cần bổ sung, trả lời trong vòng giải trình (explanation.yaml) khi Hội đồng yêu cầu.",
                )
            ]
    return []  # after the lock, what counts is the difference from the receipt (see lock())


def _proves_late(s: Situation) -> bool:
    """Without a receipt: does this run itself show the head was not submitted in time?"""
    if s.action == states.DRAFT:
        return False  # a withdrawal: the dossier was sent until this event
    if s.draft:
        return True  # a draft is not a submission
    deadline = s.deadline("self_assessment_closes")
    return (s.action in PUSHES or s.action == states.READY) and s.time > deadline


def _pending(s: Situation, late: list[P.Changed]) -> Finding:
    first = late[0]
    return warning(
        "receipt-pending",
        first.path,
        f"Đã hết hạn tự đánh giá ({s.when('self_assessment_closes')}) nhưng quy trình Khoá nhập liệu chưa "
        f"ghi bản tiếp nhận. Lần kiểm tra này ({s.moment_text}) không đẩy nội dung mới nên không xác định "
        f"được phiên bản này đã Gửi đi đúng hạn hay chưa: {first.path}{_more(late)} khác nhánh chính.",
        "Nếu hồ sơ đã Gửi đi trước hạn, không cần làm gì: bản tiếp nhận (thẻ nop/…) sẽ quyết định. "
        "Hội đồng chỉ gộp sau khi có bản tiếp nhận và kiểm tra lại yêu cầu gộp.",
    )


def lock(s: Situation) -> list[Finding]:
    """After the unit's deadline: its scores and evidence must be those received at the lock."""
    if not s.locked_changes or (not s.closed and s.moment <= s.deadline("self_assessment_closes")):
        return []
    allowed = [c for c in s.locked_changes if c.kind == P.EVIDENCE and c.status == "A" and s.explanation_open]
    late = [c for c in s.locked_changes if c not in allowed]
    if not late:
        return []
    if not s.closed and not _proves_late(s):
        return [_pending(s, late)]
    first = late[0]
    submit = " Hồ sơ được Gửi đi sau thời hạn." if s.action == states.READY else ""
    return [
        error(
            "phase-locked",
            first.path,
            f"Đã hết hạn tự đánh giá ({s.when('self_assessment_closes')}); {s.moment_text}. "
            f"Điểm tự chấm và tài liệu kiểm chứng đã thay đổi {_basis(s)}: {first.path}{_more(late)}.{submit}",
            "Sau thời hạn không ai được sửa điểm, tài liệu kiểm chứng (ngày ghi trong commit không được "
            "tính). Bỏ các thay đổi này; nếu có lý do chính đáng, đề nghị Sở Nội vụ gia hạn bằng văn bản.",
        )
    ]


def _basis(s: Situation) -> str:
    """What the locked content is compared with."""
    if s.receipt:
        return "so với bản đã tiếp nhận khi khoá nhập liệu"
    if s.closed:
        return "so với nhánh chính (đơn vị được ghi nhận chưa nộp khi khoá nhập liệu)"
    return "so với nhánh chính (chưa có bản tiếp nhận nào được ghi khi khoá nhập liệu)"


def _explanation(s: Situation, items: list[P.Changed]) -> list[Finding]:
    first = items[0]
    if not s.requests:
        return [
            error(
                "phase-explanation-not-open",
                first.path,
                "Chưa có vòng giải trình: Hội đồng chưa ghi yêu cầu giải trình nào ở vòng 1 cho hồ sơ này.",
                "Chỉ lập explanation.yaml sau khi kết quả thẩm định vòng 1 có mục 'request'.",
            )
        ]
    if 2 in s.base_rounds:
        return [
            error(
                "phase-explanation-closed",
                first.path,
                "Hội đồng đã ghi kết quả thẩm định vòng 2 (cuối cùng); không nhận thêm giải trình.",
                "Mọi ý kiến khác gửi Sở Nội vụ bằng văn bản.",
            )
        ]
    if s.time > s.deadline("explanation_closes"):
        return [
            error(
                "phase-explanation-closed",
                first.path,
                f"Đã hết hạn giải trình ({s.when('explanation_closes')}); thời điểm gửi {s.now}.",
                "Nếu có lý do chính đáng, đề nghị Sở Nội vụ gia hạn giải trình bằng văn bản.",
            )
        ]
    return []


def _key(rnd: Round) -> tuple[object, ...]:
    return (
        rnd.number,
        rnd.council,
        rnd.date,
        rnd.note,
        tuple((it.code, it.score, it.reason, it.request) for it in rnd.items),
    )


def _appraisal(s: Situation, items: list[P.Changed]) -> list[Finding]:
    first = items[0]
    if not s.head_has_appraisal and s.base_rounds:
        return [
            error(
                "appraisal-round-removed",
                first.path,
                "Yêu cầu gộp xoá kết quả thẩm định đã ghi nhận.",
                "Kết quả thẩm định đã gộp là hồ sơ lưu: không xoá, không sửa vòng đã khép lại.",
            )
        ]
    if s.head_rounds is None:
        return []  # unreadable in the pull request: its own findings say why
    out = []
    for n in sorted(set(s.base_rounds) | set(s.head_rounds)):
        before, after = s.base_rounds.get(n), s.head_rounds.get(n)
        if before is not None and after is None:
            out.append(
                error(
                    "appraisal-round-removed",
                    first.path,
                    f"Yêu cầu gộp xoá kết quả thẩm định vòng {n}.",
                    "Không xoá vòng thẩm định đã ghi nhận.",
                )
            )
        elif after is not None and (before is None or _key(before) != _key(after)):
            out += _round(s, n, first.path)
    return out


def _round(s: Situation, n: int, file: str) -> list[Finding]:
    if n == 1:
        if 2 in s.base_rounds:
            return [
                error(
                    "appraisal-round-closed",
                    file,
                    "Đã có kết quả vòng 2 (cuối cùng); không sửa vòng 1.",
                    "Giữ nguyên vòng 1 đã ghi nhận.",
                )
            ]
        if s.time > s.deadline("appraisal_round1_closes"):
            return [
                error(
                    "appraisal-round-closed",
                    file,
                    f"Đã hết {s.when('appraisal_round1_closes')}; thời điểm gửi {s.now}.",
                    "Ghi các điều chỉnh còn lại vào vòng 2.",
                )
            ]
        return []
    if 1 not in s.base_rounds:
        return [
            error(
                "appraisal-round2-early",
                file,
                "Chưa có kết quả thẩm định vòng 1 được ghi nhận (đã gộp) cho hồ sơ này.",
                "Ghi và gộp vòng 1 trước; vòng 2 chỉ ghi sau vòng giải trình.",
            )
        ]
    if s.requests and s.time <= s.deadline("explanation_closes"):
        return [
            error(
                "appraisal-round2-early",
                file,
                f"Vòng giải trình chưa kết thúc ({s.when('explanation_closes')}); thời điểm gửi {s.now}.",
                "Chờ hết hạn giải trình của đơn vị rồi mới ghi vòng 2 (cuối cùng).",
            )
        ]
    if s.time > s.deadline("appraisal_round2_closes"):
        return [
            error(
                "appraisal-round-closed",
                file,
                f"Đã hết {s.when('appraisal_round2_closes')}; thời điểm gửi {s.now}.",
                "Đề nghị Sở Nội vụ xem xét; kết quả sau thời hạn không được ghi nhận tự động.",
            )
        ]
    return []


def describe(s: Situation) -> str:
    """Where the dossier stands, in one Vietnamese sentence."""
    ext = next((e for e in s.plan.extensions if e.unit == s.unit), None)
    granted = f" (gia hạn theo văn bản {ext.decision})" if ext else ""
    if s.time < s.plan.deadlines["entry_opens"]:
        return f"Chưa mở nhập liệu; {s.when('entry_opens')}."
    if s.time <= s.deadline("self_assessment_closes"):
        return f"Đang mở nhập liệu; {s.when('self_assessment_closes')}{granted}."
    if 2 in s.base_rounds:
        return "Đã có kết quả thẩm định vòng 2 (cuối cùng)."
    if s.explanation_open:
        return f"Vòng giải trình; {s.when('explanation_closes')}."
    if 1 in s.base_rounds:
        return f"Đã thẩm định vòng 1; vòng 2 chậm nhất {show(s.deadline('appraisal_round2_closes'), s.tz)}."
    return (
        f"Đã khoá nhập liệu ({s.when('self_assessment_closes')}{granted}); chờ thẩm định vòng 1, "
        f"chậm nhất {show(s.deadline('appraisal_round1_closes'), s.tz)}."
    )


WINDOWS: dict[str, Callable[[Situation, list[P.Changed]], list[Finding]]] = {
    P.SELF: _unit_content,
    P.EVIDENCE: _unit_content,
    P.EXPLANATION: _explanation,
    P.APPRAISAL: _appraisal,
}


def check(s: Situation, changed: list[P.Changed]) -> list[Finding]:
    out: list[Finding] = []
    by_kind: dict[str, list[P.Changed]] = {}
    for c in changed:
        by_kind.setdefault(c.kind, []).append(c)
    for kind, items in by_kind.items():
        window = WINDOWS.get(kind)
        if window is not None:
            out += window(s, items)
    out += lock(s)
    withdrawn = s.action == states.DRAFT and by_kind.keys() & set(P.UNIT_CONTENT)
    if withdrawn and (s.time > s.deadline("self_assessment_closes") or s.base_rounds):
        first = next(c for c in changed if c.kind in P.UNIT_CONTENT)
        out.append(
            warning(
                "withdraw-too-late",
                first.path,
                "Không rút lại được hồ sơ: đã hết hạn tự đánh giá hoặc Hội đồng đã bắt đầu thẩm định. "
                "Hồ sơ vẫn được tính là bản đã tiếp nhận.",
                "Chuyển yêu cầu gộp về trạng thái sẵn sàng (Ready for review).",
            )
        )
    return out

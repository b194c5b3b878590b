"""Generated pages: {source path: (title, body)}. Each function renders one kind of page.

A page's title is plain text, handed to mkdocs apart from the body so that it never passes
through Markdown (see build.py); the body is finished HTML made with the Markup helpers of
html.py, which escape every value that is not already Markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial
from typing import TYPE_CHECKING, TypeVar

from ...model.numbers import count, fmt
from ...model.registry import index_names
from ...rules import KINDS
from ...score.unit import IMPORTED, LIVE_STATUSES, STATUS_NAMES, index_of, quantize
from .. import standing as standing_mod
from . import charts, paging
from . import ranking as ranking_mod
from .html import Markup, block, cell, chart, esc, fold, href, link, num, num_cell, points, row, signed, table
from .ranking import NA_SHORT, NOT_APPRAISED_BADGE
from .urls import group_page, method_page, node_page, unit_page, year_page

if TYPE_CHECKING:
    from ...model.framework import Node
    from ...model.plan import Correction
    from ...model.registry import Unit
    from ...score.results import Group, Row, Year
    from ...score.unit import NodeScore, UnitScore

# The banners stay out of the search index: a result's excerpt is the page's own summary.
SAMPLE_NOTE = Markup(
    '<div class="admonition warning cchc-sample" data-pagefind-ignore><p class="admonition-title">Dữ liệu mẫu</p>'
    "<p>Toàn bộ số liệu trên trang này là dữ liệu mẫu của một tỉnh giả định, dùng để thử nghiệm "
    "hệ thống; không phải kết quả chính thức của bất kỳ cơ quan nào.</p></div>"
)

T = TypeVar("T")

DATA_DIR = "du-lieu"
NOT_APPLICABLE = "Không áp dụng"


@dataclass(frozen=True)
class Page:
    title: str  # plain text
    body: Markup  # finished HTML, without the title
    description: str = ""  # plain text: the page's meta description (what search engines show)


class Site:
    """Renders every page from a finished Results object and the loaded repository."""

    def __init__(self, results, repo):
        self.results, self.repo = results, repo
        self.sample = bool(results.province and results.province.sample)
        self.province = results.province.name if results.province else ""
        self.names = index_names(results.province)  # the index's own words (province.yaml 'index')
        self._averages: dict = {}  # (group, precision) -> area averages, shared by its unit pages
        self._entries: dict = {}  # (year, level, code) -> the units on an area or criterion, by place
        self._positions: dict = {}  # (year, group id) -> (group, {unit id: its row's position in the ranking})
        self._merged_into: dict = {}  # successor id -> ids of the units merged into it
        self._memo: dict = {}  # whole-group and whole-node figures, worked out once (see _once)
        for u in results.units.values():
            for succ in u.successors:
                self._merged_into.setdefault(succ, []).append(u.id)

    def _once(self, key: tuple, make: Callable[[], T]) -> T:
        """``make()``, worked out once a build: what every slice of a long table (and every page
        of a group's units) repeats of the whole group or node. The results do not change while
        the pages are rendered; a forked renderer keeps its own copy."""
        try:
            return self._memo[key]
        except KeyError:
            made = self._memo[key] = make()
            return made

    def _group_standing(self, y: Year, g: Group) -> standing_mod.Standing:
        return self._once(("standing", y.year, g.id), lambda: standing_mod.of_group(self.results, y, g))

    def _level_standing(self, y: Year, level: str) -> standing_mod.Standing:
        return self._once(("level", y.year, level), lambda: standing_mod.of_level(self.results, y, level))

    def _whole(self, y: Year, g: Group) -> ranking_mod.Whole:
        return self._once(("whole", y.year, g.id), lambda: ranking_mod.whole(g))

    def _level_name(self, level: str) -> str:
        """A unit level's Vietnamese name (province.yaml), never its id ("so", "huyen", "xa")."""
        prov = self.results.province
        return prov.levels.get(level, level) if prov else level

    def _banner(self) -> Markup:
        return SAMPLE_NOTE if self.sample else Markup("")

    @staticmethod
    def _imported(history) -> Markup:
        """The marker of a year brought in from its publication decision (history/)."""
        if history is None:
            return Markup("")
        source = Markup(" Nguồn: {}.").format(history.source) if history.source else Markup("")
        return Markup(
            '<div class="admonition info cchc-imported" data-pagefind-ignore><p class="admonition-title">'
            "Kết quả đã công bố (nhập)</p><p>Kết quả năm {} được nhập từ bảng kết quả công bố kèm Quyết định "
            "{}, giữ nguyên như đã công bố; hệ thống không tính lại từ hồ sơ.{}</p></div>"
        ).format(history.year, history.decision, source)

    @staticmethod
    def _standing(st: standing_mod.Standing) -> Markup:
        """Provisional or final: the banner of every year, ranking and unit-year."""
        if st.final:
            out = Markup(
                '<div class="admonition success cchc-final" data-pagefind-ignore>'
                '<p class="admonition-title">{}</p>{}</div>'
            ).format(st.headline, Markup("<p>{}.</p>").format(st.detail) if st.detail else "")
        else:
            out = Markup(
                '<div class="admonition warning cchc-provisional" data-pagefind-ignore>'
                '<p class="admonition-title">{}</p>'
                "<p>Chưa có quyết định công bố kết quả; số liệu có thể còn thay đổi. Tính từ {}.</p>"
                "</div>"
            ).format(st.headline, st.detail)
        return out + Site._corrections(st.corrections)

    def _standings(self) -> Markup:
        """Each year's standing, as the downloads carry it (latest year first)."""
        items = Markup("").join(
            Markup("<li><strong>Năm {}</strong>: {}{}</li>").format(
                y.year, st.text, "" if st.final else " (kết quả tạm thời: số liệu có thể còn thay đổi)"
            )
            for y in reversed(self.results.years)
            for st in [standing_mod.of_whole_year(self.results, y)]
        )
        return Markup('<h2>Tình trạng kết quả</h2><ul class="cchc-standings" data-pagefind-ignore>{}</ul>').format(
            items
        )

    @staticmethod
    def _corrections(corrections: tuple[Correction, ...]) -> Markup:
        if not corrections:
            return Markup("")
        items = Markup("").join(
            Markup("<li>Quyết định số {} ngày {}: {}</li>").format(c.number, standing_mod.vn_date(c.date), c.what)
            for c in corrections
        )
        return Markup(
            '<div class="admonition note cchc-corrections" data-pagefind-ignore>'
            '<p class="admonition-title">Đính chính</p><ul>{}</ul></div>'
        ).format(items)

    def pages(self) -> dict[str, Page]:
        return {src: make() for src, make in self.makers().items()}

    def makers(self) -> dict[str, Callable[[], Page]]:
        """Every page's source path and what renders it, nothing rendered yet: a build renders
        them one at a time (in several processes), never holding every body at once."""
        out: dict[str, Callable[[], Page]] = {
            "index.md": self.home,
            "tai-ve.md": self.downloads,
            "tim-kiem.md": self.search,
            "phuong-phap/index.md": self.methods,
        }
        for y in self.results.years:
            out[year_page(y.year)] = partial(self.year, y)
            for g in y.groups:
                base = group_page(y.year, g.id)
                for sl in paging.slices(len(g.rows), paging.RANKING_ROWS):
                    out[paging.page(base, sl.number)] = partial(self.ranking, y, g, sl)
            for level, nodes in self._level_nodes(y).items():
                for node in nodes:
                    base = node_page(y.year, level, node.code)
                    entries = len(self._node_entries(y, level, node))
                    for sl in paging.slices(entries, paging.NODE_ROWS):
                        out[paging.page(base, sl.number)] = partial(self.node, y, level, node, sl)
        for uid in sorted(self.results.units):
            rows = self.results.rows_of(uid)
            if rows:
                out[unit_page(uid)] = partial(self.unit, uid, rows)
        for ref, fw in sorted(self.repo.frameworks.items()):
            out[method_page(ref)] = partial(self.method, fw)
        return out

    # ── home ─────────────────────────────────────────────────────────────────
    def home(self) -> Page:
        page = "index.md"
        title = f"{self.names.name} — {self.province}"
        parts = [self._banner()]
        if not self.results.years:
            return Page(
                title,
                description=f"{self.names.results} của {self.province}: chưa có kết quả.",
                body=block(
                    *parts,
                    Markup(
                        "<p>Chưa có kết quả: chưa mở năm đánh giá nào và chưa nhập kết "
                        "quả đã công bố của các năm trước.</p>"
                    ),
                ),
            )
        latest = self.results.years[-1]
        parts.append(self._standing(standing_mod.of_whole_year(self.results, latest)))  # provisional or published
        parts.append(
            Markup(
                '<p class="cchc-lead">{} ({}) năm {} của các cơ quan, đơn vị, địa phương. Điểm gồm điểm '
                "thẩm định của Hội đồng thẩm định và điểm điều tra xã hội học; chỉ số = điểm đạt ÷ điểm "
                "tối đa áp dụng × 100.</p>"
            ).format(self.names.results, self.names.short, latest.year)
        )
        cards = []
        for g in latest.groups:
            avg = g.average()
            done = sum(1 for r in g.rows if r.score.status != "chua-nop")
            cards.append(
                Markup(
                    '<div class="cchc-card"><h3>{}</h3><p><strong>{}</strong> đơn vị · <strong>{}</strong> '
                    "đã nộp · chỉ số bình quân <strong>{}%</strong></p>{}</div>"
                ).format(
                    link(page, group_page(latest.year, g.id), g.name),
                    len(g.rows),
                    done,
                    num(avg, 2),
                    self._top_bottom(page, g),
                )
            )
        parts.append(Markup("<h2>Năm {}: kết quả theo nhóm</h2>").format(latest.year))
        parts.append(Markup('<div class="cchc-cards">{}</div>').format(Markup("").join(cards)))
        years = Markup(" · ").join(link(page, year_page(y.year), f"Năm {y.year}") for y in reversed(self.results.years))
        parts.append(Markup("<h2>Các năm đánh giá</h2><p>{}</p>").format(years))
        parts.append(
            Markup("<p>{} · {} · {}</p>").format(
                link(page, "phuong-phap/index.md", "Phương pháp tính điểm"),
                link(page, "tai-ve.md", "Tải dữ liệu (JSON, CSV, Excel)"),
                link(page, "tim-kiem.md", "Tìm đơn vị"),
            )
        )
        units = sum(len(g.rows) for g in latest.groups)
        description = (
            f"{self.names.results} năm {latest.year} của {self.province}: xếp hạng {units} cơ quan, đơn vị, "
            "địa phương theo nhóm; chỉ số, xếp loại, điểm từng lĩnh vực, tiêu chí và tài liệu kiểm chứng."
        )
        return Page(title, block(*parts), description)

    def _top_bottom(self, page, g, n: int = 3) -> Markup:
        ranked = [r for r in g.rows if r.place is not None]
        if not ranked:
            return Markup("")

        def items(rows) -> Markup:
            return Markup("").join(
                Markup("<li>{}. {} — {}%</li>").format(
                    r.place,
                    link(page, unit_page(r.unit.id), r.unit.name),
                    num(r.score.index, r.score.framework.precision),
                )
                for r in rows
            )

        top = ranked[:n]
        bottom = [r for r in ranked[-n:] if r not in top]
        # the places are written out (ties share one), so the list itself is not numbered again
        out = Markup('<p>Dẫn đầu:</p><ul class="cchc-plain">{}</ul>').format(items(top))
        if bottom:
            out += Markup('<p>Thấp nhất:</p><ul class="cchc-plain">{}</ul>').format(items(bottom))
        return out

    # ── year and rankings ────────────────────────────────────────────────────
    def year(self, y) -> Page:
        page = year_page(y.year)
        imported = getattr(y.plan, "history", None)
        parts = [self._banner(), self._imported(imported) or Markup("<p>{}</p>").format(y.plan.title)]
        if not imported:
            parts.append(self._standing(standing_mod.of_whole_year(self.results, y)))
        statuses = (IMPORTED,) if imported else LIVE_STATUSES
        rows = [_year_group_row(page, y.year, g, statuses) for g in y.groups]
        parts.append(
            table(
                ["Nhóm", "Số đơn vị"] + [STATUS_NAMES[s] for s in statuses] + ["Chỉ số bình quân (%)"],
                rows,
                sortable=False,
            )
        )
        title = f"{self.names.short} năm {y.year}"
        groups = "; ".join(f"{g.name}: {len(g.rows)} đơn vị" for g in y.groups)
        description = f"{title} của {self.province}, theo nhóm ({groups}): tình trạng hồ sơ, chỉ số bình quân"
        if imported:
            return Page(title, block(*parts), description + " (kết quả đã công bố).")
        parts.append(Markup("<h2>Xếp hạng theo lĩnh vực, tiêu chí</h2>"))
        parts += self._level_lists(page, y)
        return Page(title, block(*parts), description + ", xếp hạng theo lĩnh vực, tiêu chí.")

    def _level_lists(self, page: str, y: Year) -> list[Markup]:
        out = []
        for level, nodes in self._level_nodes(y).items():
            name = self._level_name(level)
            items = Markup("").join(
                Markup("<li>{}</li>").format(link(page, node_page(y.year, level, n.code), f"{n.code}. {n.title}"))
                for n in nodes
                if n.depth == 1
            )
            out.append(Markup("<h3>{}</h3><ul>{}</ul>").format(name, items))
        return out

    def ranking(self, y, g, sl: paging.Slice | None = None) -> Page:
        """A group's ranking; a long group's in slices of rank order (``sl``: which one)."""
        sl = sl or paging.slices(len(g.rows), len(g.rows) or 1)[0]
        base = group_page(y.year, g.id)
        page = paging.page(base, sl.number)
        imported = getattr(y.plan, "history", None)
        parts = [self._banner(), self._imported(imported)]
        if not imported:
            parts.append(self._standing(self._group_standing(y, g)))
        parts.append(
            Markup(
                "<p>{} Đơn vị bằng chỉ số được xếp đồng hạng. "
                "Thay đổi so với năm trước tính theo chỉ số (điểm %) và thứ hạng; đơn vị hình thành do "
                "sáp nhập được so với bình quân các đơn vị tiền thân. Đơn vị gắn nhãn "
                "<em>chưa thẩm định</em> chưa có kết quả thẩm định cuối cùng: điểm của đơn vị là "
                "tạm tính.</p>"
            ).format(self._sorting_note(page, y.year, g, sl))
        )
        whole = self._whole(y, g)
        parts.append(ranking_mod.average_line(whole))
        shown = sl.of(g.rows)
        parts += self._sliced(page, base, sl, ranking_mod.ranking_table(page, whole.areas, shown), "bảng xếp hạng")
        parts.append(ranking_mod.legend(page, whole, self.repo))
        parts.append(Markup("<h2>Biểu đồ xếp hạng</h2>"))
        where = "bảng" if sl.count == 1 else "trang này"
        if len(shown) > 80:
            parts.append(Markup("<p>20 đơn vị đầu và 20 đơn vị cuối {}.</p>").format(where))
        elif sl.count > 1:
            parts.append(Markup("<p>Các đơn vị của trang này.</p>"))
        label = f"Biểu đồ {self.names.short} năm {y.year}, {g.name}" + (f", trang {sl.number}" if sl.count > 1 else "")
        parts.append(chart(charts.ranking_bars(shown), label))
        title = f"Xếp hạng {self.names.short} năm {y.year} — {g.name}"
        return Page(title + _slice_title(sl), block(*parts), self._ranking_description(y, g, sl))

    @staticmethod
    def _sorting_note(page: str, year: int, g: Group, sl: paging.Slice) -> Markup:
        """How to sort: the whole table, or a long group's slice (the whole group is in the downloads)."""
        if sl.count == 1:
            return Markup("Bấm vào tiêu đề cột để sắp xếp.")
        return Markup(
            "Nhóm có {} đơn vị, chia thành {} trang theo thứ tự hạng, mỗi trang {} đơn vị. Bấm vào tiêu đề "
            "cột để sắp xếp các đơn vị của trang đang xem; cả nhóm có trong tệp {} và {} (trang {}). "
            "Tìm một đơn vị theo tên: trang {}."
        ).format(
            count(sl.total),
            sl.count,
            paging.RANKING_ROWS,
            _data_link(page, f"ket-qua-{year}-{g.id}.csv", "CSV"),
            _data_link(page, f"ket-qua-{year}.xlsx", "Excel"),
            link(page, "tai-ve.md", "Tải dữ liệu"),
            link(page, "tim-kiem.md", "Tìm kiếm"),
        )

    @staticmethod
    def _sliced(page: str, base: str, sl: paging.Slice, table_html: Markup, what: str) -> list[Markup]:
        """A table, with the links to the other slices above and below it when it has several."""
        if sl.count == 1:
            return [table_html]
        return [
            paging.summary(sl, "đơn vị"),
            paging.controls(page, base, sl, f"Các trang của {what}"),
            table_html,
            paging.controls(page, base, sl, f"Các trang của {what} (cuối bảng)"),
        ]

    def _ranking_description(self, y: Year, g: Group, sl: paging.Slice) -> str:
        final = getattr(y.plan, "history", None) is not None or self._group_standing(y, g).final
        avg = self._whole(y, g).average
        return (
            f"Bảng xếp hạng {self.names.short} năm {y.year} của nhóm {g.name}, {self.province}: {len(g.rows)} đơn vị"
            + (f", chỉ số bình quân {num(avg, 2)}%" if avg is not None else "")
            + _slice_words(sl)
            + "; điểm từng lĩnh vực, điểm đạt, điểm tối đa áp dụng, chỉ số, xếp loại, thay đổi so với năm trước"
            + ("." if final else " (kết quả tạm thời).")
        )

    # ── area / criterion ─────────────────────────────────────────────────────
    def _level_nodes(self, y) -> dict:
        out = {}
        for level, ref in sorted(y.plan.frameworks.items()):
            fw = self.repo.frameworks.get(ref)
            if fw is not None and any(r.score.framework is fw for g in y.groups for r in g.rows):
                out[level] = [n for n in fw.nodes() if n.depth <= 2]
        return out

    def _node_entries(self, y: Year, level: str, node: Node) -> list[tuple[Row, NodeScore]]:
        """Every unit on one area or criterion, in order of its place there (kept: each slice of
        the node's page takes its share)."""
        key = (y.year, level, node.code)
        if key not in self._entries:
            found = _node_entries(y, level, node.code)
            self._entries[key] = sorted(found, key=lambda e: _node_place(e[0], node) or 99999)
        return self._entries[key]

    def _node_whole(self, y: Year, level: str, node: Node) -> tuple[list[tuple[Row, NodeScore]], int, Markup]:
        """The units a node applies to, its precision and its summary line: the same on every slice."""

        def make() -> tuple[list[tuple[Row, NodeScore]], int, Markup]:
            entries = self._node_entries(y, level, node)
            applicable = [(r, ns) for r, ns in entries if ns.max > 0]
            precision = entries[0][0].score.framework.precision if entries else 2
            summary = _node_summary(node, applicable, precision) if applicable else Markup("")
            return applicable, precision, summary

        return self._once(("node", y.year, level, node.code), make)

    def _group_of(self, year: int, r: Row) -> tuple[Group, int]:
        """The row's ranking group in ``year``, and the number of the group's ranking slice that
        holds the row."""
        key = (year, r.unit.group)
        if key not in self._positions:
            y = self.results.year(year)
            group = next(g for g in y.groups if g.id == r.unit.group)
            self._positions[key] = (group, {row.score.unit.id: i for i, row in enumerate(group.rows)})
        group, positions = self._positions[key]
        return group, paging.slice_of(positions[r.unit.id], paging.RANKING_ROWS)

    def _place_link(self, page: str, year: int, r: Row, text: str) -> Markup:
        """A link to the unit's row in its group's ranking: on the slice that holds it."""
        number = self._group_of(year, r)[1]
        target = href(page, paging.page(group_page(year, r.unit.group), number))
        return Markup('<a href="{}#{}">{}</a>').format(target, ranking_mod.row_id(r.unit.id), text)

    def node(self, y: Year, level: str, node: Node, sl: paging.Slice | None = None) -> Page:
        entries = self._node_entries(y, level, node)
        sl = sl or paging.slices(len(entries), len(entries) or 1)[0]
        base = node_page(y.year, level, node.code)
        page = paging.page(base, sl.number)
        kind = "Lĩnh vực" if node.depth == 1 else "Tiêu chí"
        applicable, precision, summary = self._node_whole(y, level, node)
        parts = [self._banner(), self._standing(self._level_standing(y, level)), summary]
        if node.children and sl.first:
            parts.append(Markup("<h2>Tỉnh mất điểm ở đâu</h2>"))
            parts.append(_node_losses(page, y.year, level, node, applicable))
        parts.append(Markup("<h2>Kết quả các đơn vị</h2>"))
        if sl.count > 1:
            parts.append(
                Markup(
                    "<p>Mỗi trang {} đơn vị, theo thứ tự hạng; bấm vào tiêu đề cột để sắp xếp các đơn vị của "
                    "trang đang xem.{}</p>"
                ).format(
                    paging.NODE_ROWS,
                    "" if sl.first else Markup(" Nơi các đơn vị mất điểm: {}.").format(link(page, base, "trang 1")),
                )
            )
        table_html = _node_units(page, node, sl.of(entries), precision)
        parts += self._sliced(page, base, sl, table_html, "bảng kết quả")
        title = f"{kind} {node.code}. {node.title} — năm {y.year}"
        description = (
            f"{kind} {node.code}. {node.title} ({self._level_name(level)}), {self.names.short} năm {y.year} "
            f"của {self.province}: điểm, "
            f"chỉ số và thứ hạng của {len(applicable)} đơn vị áp dụng"
            + (", nơi các đơn vị mất điểm." if sl.first else _slice_words(sl) + ".")
        )
        return Page(title + _slice_title(sl), block(*parts), description)

    # ── unit ─────────────────────────────────────────────────────────────────
    def unit(self, uid: str, rows: dict) -> Page:
        """The latest year first, then the years in a table and a trend; earlier years folded."""
        page = unit_page(uid)
        unit = self.results.units[uid]
        preds = sorted(self._merged_into.get(uid, ()))
        years = sorted(rows.items(), reverse=True)
        latest = years[0][1]
        result = self._unit_result(latest)
        parts = [
            self._banner(),
            Markup('<p class="cchc-lead">Năm {}: {}.</p>').format(latest.score.year, result),
            Markup('<ul class="cchc-facts">{}</ul>').format(
                Markup("").join(Markup("<li>{}</li>").format(f) for f in self._unit_facts(page, unit, preds))
            ),
        ]
        # Search finds a unit by its name, its latest result and its facts; the yearly detail
        # below stays out of the index (thousands of unit pages would otherwise repeat the same
        # criteria wording).
        parts.append(Markup("<div data-pagefind-ignore>"))
        parts.append(self._unit_year(page, years[0][0], latest))
        parts.append(Markup("<h2>Kết quả qua các năm</h2>"))
        parts.append(self._unit_history(page, years))
        trend = [(y, r.score.index, r.place) for y, r in reversed(years)]
        trend = self._predecessor_trend(preds, min(rows)) + trend
        parts.append(chart(charts.trend(trend), f"Xu hướng {self.names.short} của {unit.name}"))
        for y, r in years[1:]:
            summary = Markup("Năm {}: {}").format(y, self._place_and_index(r))
            parts.append(fold(summary, self._unit_year(page, y, r, heading=False), anchor=f"nam-{y}"))
        parts.append(Markup("</div>"))
        description = f"{unit.name} — {self.names.short} năm {latest.score.year}: {result}."
        return Page(unit.name, block(*parts), description)

    def _unit_result(self, r: Row) -> str:
        """A unit's result of one year in a few words: the search result's excerpt and the page's
        description ('hạng 14/20 trong nhóm …; chỉ số 75,14%, xếp loại Khá (kết quả tạm thời)')."""
        s = r.score
        y = self.results.year(s.year)
        final = s.imported is not None or (y is not None and self._level_standing(y, r.unit.level).final)
        return self._place_and_index(r) + ("" if final else " (kết quả tạm thời)")

    def _place_and_index(self, r: Row) -> str:
        """'hạng 14/20 trong nhóm Sở, ban, ngành; chỉ số 75,14%, xếp loại Khá'"""
        s = r.score
        y = self.results.year(s.year)
        group = next((g for g in y.groups if g.id == r.unit.group), None) if y else None
        place = f"hạng {r.place}" if r.place is not None else "chưa xếp hạng"
        if group is not None:
            place += f"/{len(group.rows)} trong nhóm {group.name}"
        text = f"{place}; chỉ số {num(s.index, s.framework.precision)}%"
        return text + (f", xếp loại {s.classification}" if s.classification else "")

    def _unit_history(self, page: str, years: list[tuple[int, Row]]) -> Markup:
        history = [
            row(
                cell(y),
                cell(self._place_link(page, y, r, str(r.place)) if r.place else "—"),
                cell(points(r.score.total)),
                cell(points(r.score.max)),
                cell(num(r.score.index, r.score.framework.precision)),
                cell(r.score.classification),
                cell(STATUS_NAMES[r.score.status]),
            )
            for y, r in years
        ]
        return table(
            ["Năm", "Hạng", "Điểm đạt", "Điểm tối đa áp dụng", "Chỉ số (%)", "Xếp loại", "Tình trạng"],
            history,
            sortable=False,
        )

    def _unit_facts(self, page: str, unit: Unit, preds: list[str]) -> list[Markup]:
        units = self.results.units
        facts = [
            Markup("Mã đơn vị: <code>{}</code>").format(unit.id),
            esc("Cấp: " + self._level_name(unit.level)),
            esc(f"Hoạt động: từ năm {unit.first_year}" + (f" đến năm {unit.last_year}" if unit.last_year else "")),
        ]
        if unit.parent and unit.parent in units:
            facts.append(
                "Đơn vị cấp trên: " + link(page, unit_page(unit.parent), units[unit.parent].name)
                if self.results.rows_of(unit.parent)
                else esc("Đơn vị cấp trên: " + unit.parent)
            )
        if unit.successors:
            facts.append(
                "Sáp nhập vào: "
                + Markup(", ").join(link(page, unit_page(s), units[s].name) for s in unit.successors if s in units)
            )
        if preds:
            facts.append("Hình thành từ: " + Markup(", ").join(link(page, unit_page(p), units[p].name) for p in preds))
        return facts

    def _predecessor_trend(self, preds, first_year):
        out = []
        for y in self.results.years:
            if y.year >= first_year:
                continue
            rows = [self.results.rows_of(p).get(y.year) for p in preds]
            idx = [r.score.index for r in rows if r is not None and r.score.index is not None]
            if idx:
                out.append((y.year, quantize(sum(idx) / len(idx), 2), None))
        return out

    def _change(self, r: Row) -> Markup:
        """A unit's change against the year before, as a sentence ('' for its first year)."""
        ch, p = r.change, r.score.framework.precision
        if ch is None:
            return Markup("")
        base = (
            "so với năm trước"
            if ch.predecessors == (r.unit.id,)
            else "so với bình quân các đơn vị tiền thân ("
            + ", ".join(self.results.units[i].name for i in ch.predecessors)
            + ")"
        )
        change = Markup(" Thay đổi {}: chỉ số {} điểm %").format(base, signed(ch.index, p))
        if ch.place is not None:
            change += Markup(", hạng {}").format(signed(ch.place))
        return change + "."

    def _unit_year(self, page: str, year: int, r: Row, *, heading: bool = True) -> Markup:
        s, p = r.score, r.score.framework.precision
        y = self.results.year(year)
        group = self._group_of(year, r)[0]
        parts = [Markup('<h2 id="nam-{}">Năm {}</h2>').format(year, year)] if heading else []
        change = self._change(r)
        if s.imported is not None:
            return self._published_year(page, r, group, change, parts)
        parts.append(self._standing(self._level_standing(y, r.unit.level)))
        badge = Markup("") if s.appraised_final else Markup(" {}").format(NOT_APPRAISED_BADGE)
        parts.append(
            Markup(
                "<p>Tình trạng: <strong>{}</strong>{}. Hạng <strong>{}</strong>/{} trong nhóm {}. Tổng "
                "điểm <strong>{}</strong>/{} (tự chấm {}, thẩm định {}, điều tra xã hội học {}); chỉ số "
                "<strong>{}%</strong>, xếp loại <strong>{}</strong>.{}</p>"
            ).format(
                STATUS_NAMES[s.status],
                badge,
                r.place or "—",
                len(group.rows),
                self._place_link(page, year, r, group.name),
                points(s.total),
                points(s.max),
                points(s.self_total),
                points(s.appraised_total),
                points(s.survey_total),
                num(s.index, p),
                s.classification,
                change,
            )
        )
        if s.unscaled is not None:
            parts.append(
                Markup(
                    "<p>Năm {} không tổ chức điều tra xã hội học cho cấp này: điểm thẩm định {}/{} được "
                    "quy đổi về thang {} điểm (xem Phương pháp tính điểm).</p>"
                ).format(year, num(s.unscaled[0]), num(s.unscaled[1]), num(s.max))
            )
        avg = self._area_averages(group, p)
        profile = [(a.code, a.title, index_of(a.achieved, a.max, p), avg.get(a.code)) for a in s.areas if a.max > 0]
        parts.append(
            chart(
                charts.area_profile(r.unit.name, profile),
                f"Chỉ số thành phần theo lĩnh vực của {r.unit.name} năm {year}",
            )
        )
        parts += _worst_leaves(s)
        parts.append(Markup("<h3>Chi tiết theo lĩnh vực, tiêu chí</h3>"))
        parts.append(
            table(
                [
                    "Mã",
                    "Nội dung",
                    "Tối đa áp dụng",
                    "Tự chấm",
                    "Thẩm định",
                    "Điều tra XHH",
                    "Đạt",
                    "Lý do điều chỉnh của Hội đồng",
                ],
                [_detail_row(n) for n in s.nodes()],
                sortable=False,
                cls="cchc-detail",
                pin=2,
            )
        )
        parts += _evidence_table(s)
        return block(*parts)

    def _published_year(self, page, r, group, change: Markup, parts: list) -> Markup:
        """A unit's year brought in from its publication decision: the published numbers only."""
        s, p = r.score, r.score.framework.precision
        parts.append(self._imported(s.imported))
        parts.append(
            Markup(
                "<p>Hạng <strong>{}</strong>/{} trong nhóm {}. Tổng điểm <strong>{}</strong>/{}; chỉ số "
                "<strong>{}%</strong>, xếp loại <strong>{}</strong>.{}</p>"
            ).format(
                r.place or "—",
                len(group.rows),
                self._place_link(page, s.year, r, group.name),
                points(s.total),
                points(s.max),
                num(s.index, p),
                s.classification or "—",
                change,
            )
        )
        if s.areas:
            rows = [
                row(
                    cell(a.code),
                    cell(a.title),
                    cell(points(a.max) if a.max else "—"),
                    cell(points(a.achieved)),
                    cell(num(index_of(a.achieved, a.max, p), p)),
                )
                for a in s.areas
            ]
            parts.append(Markup("<h3>Điểm theo lĩnh vực (như đã công bố)</h3>"))
            parts.append(table(["Mã", "Lĩnh vực", "Tối đa", "Đạt", "Chỉ số (%)"], rows, sortable=False, pin=2))
        return block(*parts)

    def _area_averages(self, group, precision) -> dict:
        key = (id(group), precision)
        if key not in self._averages:
            self._averages[key] = self._compute_area_averages(group, precision)
        return self._averages[key]

    def _compute_area_averages(self, group, precision) -> dict:
        sums: dict = {}
        for r in group.rows:
            for a in r.score.areas:
                if a.max > 0:
                    got, mx = sums.get(a.code, (Decimal(0), Decimal(0)))
                    sums[a.code] = (got + a.achieved, mx + a.max)
        return {code: index_of(got, mx, precision) for code, (got, mx) in sums.items()}

    # ── method, downloads, search ────────────────────────────────────────────
    def methods(self) -> Page:
        page = "phuong-phap/index.md"
        parts = [
            self._banner(),
            Markup(
                "<p>Điểm đạt của mỗi tiêu chí là điểm Hội đồng thẩm định chấp nhận hoặc điều chỉnh (vòng thẩm "
                "định muộn nhất có ghi tiêu chí đó), nếu chưa thẩm định thì là điểm tự chấm; tiêu chí điều tra xã "
                "hội học lấy điểm điều tra. Tiêu chí đơn vị khai không áp dụng (khi bộ tiêu chí cho phép) được "
                "loại khỏi điểm tối đa. Điểm thưởng được cộng, điểm trừ bị trừ sau khi cộng các tiêu chí; tổng "
                "điểm không vượt quá điểm tối đa áp dụng và không âm.</p>"
            ),
            Markup(
                "<p><strong>Chỉ số (%)</strong> = điểm đạt ÷ điểm tối đa áp dụng × 100, làm tròn nửa lên đến số "
                "chữ số thập phân của bộ tiêu chí (thường 2). Điểm tính từ số liệu (tỷ lệ) làm tròn nửa lên theo "
                "quy định của từng tiêu chí. Mọi phép tính dùng số thập phân chính xác. Xếp hạng trong từng nhóm "
                "theo chỉ số đã làm tròn, giảm dần; đơn vị bằng chỉ số được đồng hạng (ví dụ 1, 2, 2, 4).</p>"
            ),
            Markup(
                "<h2>Không áp dụng</h2><p>Tiêu chí không áp dụng cho một đơn vị (đơn vị khai khi bộ tiêu chí "
                "cho phép, hoặc tiêu chí điều tra xã hội học được ghi “Không áp dụng” trong kết quả điều tra) "
                "không tính vào điểm tối đa áp dụng của đơn vị và được ghi “Không áp dụng” (K/AD), không "
                "bao giờ ghi 0 điểm. Mọi bảng có điểm đều có cột điểm tối đa áp dụng.</p>"
            ),
            Markup(
                "<h2>Năm không tổ chức điều tra xã hội học</h2><p>Khi kế hoạch năm ghi không tổ chức điều "
                "tra xã hội học cho một cấp, các tiêu chí điều tra được bỏ khỏi điểm tối đa và điểm thẩm "
                "định được quy đổi về tổng điểm của bộ tiêu chí: <strong>điểm quy đổi = điểm thẩm định × "
                "điểm tối đa áp dụng (kể cả phần điều tra) ÷ điểm tối đa áp dụng không có phần điều "
                "tra</strong>, làm tròn nửa lên đến số chữ số thập phân của bộ tiêu chí; chỉ số và xếp "
                "hạng tính từ điểm quy đổi đã làm tròn. Ví dụ: 56,50 điểm trên 70 điểm quy đổi về thang 100 "
                "là 80,71 điểm.</p>"
            ),
            Markup(
                "<h2>Kết quả tạm thời và kết quả công bố</h2><p>Cho đến khi kế hoạch năm ghi quyết định "
                "công bố kết quả (số, ngày, người ký), mọi trang và tệp tải về của năm đó ghi “Kết quả tạm "
                "thời” cùng phiên bản dữ liệu và ngày; đơn vị chưa có kết quả thẩm định cuối cùng được gắn "
                "nhãn “chưa thẩm định”. Khi đã có quyết định, kết quả ghi “Công bố theo Quyết định số … "
                "ngày …” và không thay đổi nữa, trừ khi có quyết định đính chính, được nêu trên trang "
                "kết quả.</p>"
            ),
            Markup(
                "<h2>Bảng xếp hạng</h2><p>Mỗi nhóm xếp hạng có một bảng như các bảng kết quả công bố: hạng, "
                "đơn vị, điểm đạt của từng lĩnh vực (ghi K/AD nếu cả lĩnh vực không áp dụng cho đơn vị), điểm "
                "đạt, điểm tối đa áp dụng, chỉ số (%), xếp loại, thay đổi chỉ số (điểm %) và thay đổi thứ hạng "
                "so với năm trước. Điểm luôn ghi hai chữ số thập phân, dấu phẩy thập phân (68,30). Trên bảng "
                "là chỉ số bình quân của nhóm (trung bình cộng chỉ số các đơn vị, làm tròn hai chữ số) và số "
                "đơn vị có chỉ số cao hơn bình quân; dưới bảng là tên từng lĩnh vực và ngưỡng xếp loại của bộ "
                "tiêu chí. Bấm vào tiêu đề cột để sắp xếp lại bảng. Trên điện thoại, cột hạng và tên đơn vị "
                "đứng yên, các cột điểm cuộn ngang. Nhóm có hơn {} đơn vị được chia thành nhiều trang theo thứ "
                "tự hạng, mỗi trang {} đơn vị (bảng của một lĩnh vực, tiêu chí: {} đơn vị); hạng là hạng trong cả "
                "nhóm, đơn vị đồng hạng vẫn cùng hạng dù nằm ở hai trang; sắp xếp theo cột áp dụng cho các đơn "
                "vị của trang đang xem, còn tệp CSV, Excel ở trang Tải dữ liệu có cả nhóm.</p>"
            ).format(paging.RANKING_ROWS, paging.RANKING_ROWS, paging.NODE_ROWS),
            Markup("<h2>Các bộ tiêu chí</h2>"),
        ]
        items = []
        for y in self.results.years:
            for level, ref in sorted(y.plan.frameworks.items()):
                fw = self.repo.frameworks.get(ref)
                if fw:
                    items.append(
                        Markup("<li>Năm {}, {}: {} ({})</li>").format(
                            y.year, self._level_name(level), link(page, method_page(ref), fw.title), fw.legal_number
                        )
                    )
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(items)))
        description = (
            f"Cách tính điểm, chỉ số, xếp hạng và xếp loại {self.names.short} của {self.province}: điểm thẩm "
            "định, điều tra xã hội học, không áp dụng, quy đổi, kết quả tạm thời và công bố; các bộ tiêu chí."
        )
        return Page("Phương pháp tính điểm", block(*parts), description)

    def method(self, fw) -> Page:
        parts = [
            self._banner(),
            Markup("<p>Căn cứ: {} ngày {} của {}. Tổng điểm tối đa {}.</p>").format(
                fw.legal_number, _vn_date(fw.legal_date), fw.legal_issuer, num(fw.max)
            ),
        ]
        bands = Markup("").join(Markup("<li>{}: chỉ số từ {}%</li>").format(b.label, num(b.min)) for b in fw.bands)
        parts.append(Markup("<h2>Xếp loại</h2><ul>{}</ul>").format(bands))
        rows = []
        for n in fw.nodes():
            cls = f"cchc-depth-{n.depth}"
            rule = Markup("")
            if n.rule is not None:
                rule = esc(KINDS[n.rule.kind].describe(n))
                if n.na_allowed:
                    rule += Markup(" <small>(được khai không áp dụng)</small>")
            rows.append(
                row(
                    cell(n.code, None, cls),
                    cell(n.title, None, cls),
                    cell(num(n.max)),
                    cell({"self": "Tự chấm, thẩm định", "survey": "Điều tra XHH"}.get(n.method or "", "")),
                    cell(rule),
                    cell("; ".join(n.evidence)),
                )
            )
        parts.append(Markup("<h2>Cây tiêu chí</h2>"))
        parts.append(
            table(
                [
                    "Mã",
                    "Lĩnh vực / tiêu chí / tiêu chí thành phần",
                    "Điểm tối đa",
                    "Phương pháp",
                    "Cách chấm",
                    "Tài liệu kiểm chứng",
                ],
                rows,
                sortable=False,
                cls="cchc-detail",
                pin=2,
            )
        )
        description = (
            f"{fw.title} ({fw.legal_number}): các lĩnh vực, tiêu chí, điểm tối đa, cách chấm, tài liệu kiểm "
            "chứng và ngưỡng xếp loại."
        )
        return Page(fw.title, block(*parts), description)

    def downloads(self) -> Page:
        parts = [
            self._banner(),
            Markup(
                "<p>Dữ liệu kết quả được tính từ {} của kho dữ liệu. Cùng một phiên bản dữ liệu luôn cho "
                "ra cùng các tệp (từng byte). Tệp CSV mở được ngay bằng Excel (UTF-8 có BOM, dòng đầu là "
                "tiêu đề cột); tình trạng kết quả (tạm thời hay đã công bố), phiên bản dữ liệu và ngày "
                "nằm trong tệp <code>.thong-tin.txt</code> đi kèm và trong trang tính “Thông tin” của tệp "
                "Excel.</p>"
            ).format(standing_mod.version(self.results.commit, self.results.date)),
            self._standings(),
        ]
        rows = [
            row(cell(_file_link("ket-qua.json")), cell("Toàn bộ kết quả chi tiết (mọi năm, mọi nhóm, từng tiêu chí)"))
        ]
        for y in self.results.years:
            rows.append(
                row(
                    cell(_file_link(f"ket-qua-{y.year}.xlsx")),
                    cell(f"Bảng tổng hợp năm {y.year}, mỗi nhóm một trang tính"),
                )
            )
            for g in y.groups:
                rows.append(
                    row(
                        cell(_file_link(f"ket-qua-{y.year}-{g.id}.csv")),
                        cell(f"Năm {y.year}, {g.name}: mỗi đơn vị một dòng, mỗi lĩnh vực/tiêu chí một cột"),
                    )
                )
                rows.append(
                    row(
                        cell(_file_link(f"ket-qua-{y.year}-{g.id}.thong-tin.txt")),
                        cell(f"Năm {y.year}, {g.name}: tình trạng kết quả, phiên bản dữ liệu, ngày"),
                    )
                )
        parts.append(table(["Tệp", "Nội dung"], rows, sortable=False))
        description = (
            f"Tải kết quả {self.names.short} của {self.province}: JSON, CSV (mở được bằng Excel) và Excel theo "
            "năm, nhóm, kèm tình trạng kết quả và phiên bản dữ liệu."
        )
        return Page("Tải dữ liệu", block(*parts), description)

    def search(self) -> Page:
        return Page(
            "Tìm kiếm",
            description=f"Tìm cơ quan, đơn vị, lĩnh vực, tiêu chí trong kết quả {self.names.short} "
            f"của {self.province}.",
            body=block(
                # The label names Pagefind's input (assets/cchc.js gives it this id): a field
                # named only by its placeholder is unlabelled to a screen reader (axe: label).
                Markup(
                    '<p><label for="cchc-search-input">Gõ tên đơn vị, có dấu hoặc không dấu '
                    "(ví dụ: <em>so tu phap</em>).</label></p>"
                ),
                Markup('<div id="cchc-search" data-pagefind-ignore="all"></div>'),
            ),
        )


def _worst_leaves(s: UnitScore) -> list[Markup]:
    """The five criteria a unit lost most points on (with their applicable maximum)."""
    leaves = [n for n in s.nodes() if not n.children and n.max > 0 and n.lost > 0]
    leaves.sort(key=lambda n: (-n.lost, n.code))
    if not leaves:
        return []
    rows = [
        row(cell(n.code), cell(n.title), cell(num(n.max)), cell(num(n.achieved)), cell(num(n.lost))) for n in leaves[:5]
    ]
    return [
        Markup("<h3>Các tiêu chí mất nhiều điểm nhất</h3>"),
        table(["Mã", "Tiêu chí", "Tối đa áp dụng", "Đạt", "Mất"], rows, sortable=False, pin=2),
    ]


def _detail_row(n: NodeScore) -> Markup:
    """One node of a unit's detail table; "Không áp dụng" where it does not apply, never 0.
    (Every unit's table has a row per node: the parts all units share are made once.)"""
    head = _detail_head(n.code, n.title, n.depth)
    reason = _NO_REASON
    if n.reason:
        reason = cell(esc(n.reason) + (Markup(" <small>(vòng {})</small>").format(n.round) if n.round else ""))
    if n.na:
        return row(head, _NA_CELLS, reason)
    shown = n.method != "survey" or bool(n.children)
    return row(
        head,
        num_cell(n.full_max if n.kind in ("bonus", "penalty") else n.max),
        num_cell(n.self) if shown else _DASH,
        num_cell(n.appraised) if shown else _DASH,
        num_cell(n.survey) if n.survey or n.method == "survey" else _DASH,
        num_cell(n.achieved),
        reason,
    )


@lru_cache(maxsize=1 << 12)
def _detail_head(code: str, title: str, depth: int) -> Markup:
    cls = f"cchc-depth-{depth}"
    return row(cell(code, None, cls), cell(title, None, cls))


_DASH = cell("—")
_NO_REASON = cell(Markup(""))
_NA_CELLS = row(cell(NOT_APPLICABLE, None, "cchc-na"), _DASH, _DASH, _DASH, cell(NOT_APPLICABLE, None, "cchc-na"))


def _evidence_table(s: UnitScore) -> list[Markup]:
    evidence = [(n.code, ev) for n in s.nodes() if not n.children for ev in n.evidence]
    if not evidence:
        return []
    rows = [
        row(
            cell(code),
            cell(ev.title or ev.file.rsplit("/", 1)[-1]),
            cell(ev.number or ""),
            cell(ev.date or ""),
            cell(f"trang {ev.page}" if ev.page else (ev.section or "")),
        )
        for code, ev in evidence
    ]
    # folded: dozens of rows a reader opens when they want to check one criterion's evidence
    return [
        fold(
            Markup("Tài liệu kiểm chứng theo tiêu chí ({} tài liệu)").format(len(evidence)),
            table(["Tiêu chí", "Tài liệu", "Số văn bản", "Ngày", "Vị trí"], rows, sortable=False, pin=2),
        )
    ]


def _year_group_row(page: str, year: int, g: Group, statuses: tuple[str, ...]) -> Markup:
    counts: dict[str, int] = {}
    for r in g.rows:
        counts[r.score.status] = counts.get(r.score.status, 0) + 1
    return row(
        cell(link(page, group_page(year, g.id), g.name)),
        cell(len(g.rows)),
        *(cell(counts.get(s, 0)) for s in statuses),
        cell(num(g.average(), 2)),
    )


def _node_entries(y: Year, level: str, code: str) -> list[tuple[Row, NodeScore]]:
    """(row, node score) of every unit of ``level`` scored on ``code`` in year ``y``."""
    entries = []
    for g in y.groups:
        for r in g.rows:
            ns = r.score.by_code.get(code) if r.score.framework.level == level else None
            if ns is not None:
                entries.append((r, ns))
    return entries


def _node_summary(node: Node, applicable: list[tuple[Row, NodeScore]], precision: int) -> Markup:
    total_max = sum((ns.max for _, ns in applicable), Decimal(0))
    total_got = sum((ns.achieved for _, ns in applicable), Decimal(0))
    return Markup(
        "<p>Điểm tối đa {}. {} đơn vị áp dụng; chỉ số bình quân <strong>{}%</strong>; {} đơn vị đạt điểm tối đa.</p>"
    ).format(
        num(node.max),
        len(applicable),
        num(index_of(total_got, total_max, precision), precision),
        sum(1 for _, ns in applicable if ns.achieved >= ns.max),
    )


def _node_losses(page: str, year: int, level: str, node: Node, applicable: list[tuple[Row, NodeScore]]) -> Markup:
    """Where the province loses points: each child's average points and loss among the units it applies to."""
    scored: dict[str, list[NodeScore]] = {}  # child code -> its scores where it applies, in unit order
    for _, ns in applicable:
        for n in ns.children:
            if n.max > 0:
                scored.setdefault(n.code, []).append(n)
    loss = []
    for child in node.children:
        cs = scored.get(child.code)
        if cs:
            lost = sum((n.lost for n in cs), Decimal(0)) / len(cs)
            got = sum((n.achieved for n in cs), Decimal(0)) / len(cs)
            loss.append((lost, child, got))
    loss.sort(key=lambda t: (-t[0], t[1].code))
    rows = [
        row(
            cell(
                link(page, node_page(year, level, c.code), f"{c.code}. {c.title}")
                if c.depth <= 2
                else f"{c.code}. {c.title}"
            ),
            cell(num(c.max)),
            cell(num(quantize(got, 2))),
            cell(num(quantize(lost, 2))),
        )
        for lost, c, got in loss
    ]
    return table(["Mục", "Tối đa", "Điểm bình quân", "Mất bình quân"], rows)


def _node_place(r: Row, node: Node) -> int | None:
    return (r.area_places if node.depth == 1 else r.criterion_places).get(node.code)


def _node_units(page: str, node: Node, entries: list[tuple[Row, NodeScore]], precision: int) -> Markup:
    """The units on one area or criterion (in order of place); "Không áp dụng" where it does not
    apply, never 0."""
    rows = []
    up = "../" * page.count("/")  # the units' links: the same from every page of the node
    for r, ns in entries:
        place = _node_place(r, node)
        got = ns.achieved  # a sum each time it is read
        idx = index_of(got, ns.max, precision)
        rows.append(
            row(
                cell(place or "—", place or 99999),
                _unit_cell(up, r.unit.id, r.unit.name),
                _NA_ACHIEVED if ns.na else _points_cell(got, got.is_signed()),
                _max_cell(ns.max),
                _index_cell(idx, precision, idx is not None and idx.is_signed()),
            )
        )
    return table(["Hạng", "Đơn vị", "Điểm đạt", "Tối đa áp dụng", "Chỉ số (%)"], rows, pin=2)


# A node's table has a row per unit, each unit on every node of its level: a national site's
# node pages hold hundreds of thousands of rows, made of a few thousand distinct cells. Equal
# Decimals share a cell (1.0 and 1.00 print alike), but for the sign of a zero ("-0,00").
_CELLS = 1 << 16
_NA_ACHIEVED = cell(NA_SHORT, "-1")


@lru_cache(maxsize=_CELLS)
def _unit_cell(up: str, uid: str, name: str) -> Markup:
    """The unit's name linked to its page, from a page ``up`` below the site's root; sorted by its text."""
    return cell(link("", up + unit_page(uid), name), None, "cchc-unit")


@lru_cache(maxsize=_CELLS)
def _points_cell(value: Decimal, signed: bool) -> Markup:
    return cell(points(value), fmt(value))


@lru_cache(maxsize=_CELLS)
def _max_cell(value: Decimal) -> Markup:
    return cell(points(value) if value else NA_SHORT)


@lru_cache(maxsize=_CELLS)
def _index_cell(value: Decimal | None, precision: int, signed: bool) -> Markup:
    return cell(num(value, precision), fmt(value, precision) if value is not None else "-1")


def _file_link(name: str) -> Markup:
    return Markup('<a href="{}/{}">{}</a>').format(DATA_DIR, name, name)


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _data_link(page: str, name: str, text: str) -> Markup:
    """A link to a downloadable file, from ``page``."""
    return link(page, f"{DATA_DIR}/{name}", text)


def _slice_title(sl: paging.Slice) -> str:
    """' (trang 2/32)' after the title of a slice of a long table after the first."""
    return "" if sl.first else f" (trang {sl.number}/{sl.count})"


def _slice_words(sl: paging.Slice) -> str:
    """What a slice after the first holds, for its description."""
    if sl.first:
        return ""
    return f"; trang {sl.number}/{sl.count}: đơn vị thứ {count(sl.start + 1)}–{count(sl.stop)}"

"""Long tables split over several static pages (issue 16, point 4).

A ranking of thousands of communes is megabytes of HTML: too heavy for a phone. A table longer
than one page's share is cut, in rank order, into slices of a fixed number of rows; the first
slice stays at the table's own address (every link to the ranking still lands on its top), the
others are pages of their own under it (``nam/2025/xa/trang-2.html``). Each slice links to the
previous and next slice (``rel="prev"``/``rel="next"``), the first, the last and its near
neighbours: plain links that work without JavaScript. A place is the unit's place in the whole
table, so units sharing a place share it across a slice boundary too. Sorting by a column sorts
the rows of the slice shown; the downloadable CSV and Excel files hold the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model.numbers import count
from .html import Markup, href

RANKING_ROWS = 100  # a group's ranking: wide rows (every area, the index, the class, the change)
NODE_ROWS = 200  # an area's or a criterion's units: five narrow columns
_NEAR = 2  # neighbours linked on each side of the slice shown
# Arrows beside "Trang trước"/"Trang sau": seen, not read out.
_ARROWS = (Markup('<span aria-hidden="true">←</span>'), Markup('<span aria-hidden="true">→</span>'))


@dataclass(frozen=True)
class Slice:
    """Slice ``number`` (from 1) of a table of ``total`` rows cut ``size`` rows at a time."""

    number: int
    size: int
    total: int

    @property
    def count(self) -> int:
        """How many slices the table has (an empty table: one, empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def start(self) -> int:
        """The slice's first row (0-based)."""
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        """The row after the slice's last one."""
        return min(self.total, self.number * self.size)

    @property
    def first(self) -> bool:
        return self.number == 1

    def of(self, rows):
        return rows[self.start : self.stop]


def slices(total: int, size: int) -> list[Slice]:
    """The slices of a table of ``total`` rows, ``size`` rows each (an empty table: one empty slice)."""
    return [Slice(n, size, total) for n in range(1, Slice(1, size, total).count + 1)]


def slice_of(position: int, size: int) -> int:
    """The number of the slice holding the row at ``position`` (0-based)."""
    return position // size + 1


def page(base: str, number: int) -> str:
    """The source path of slice ``number`` of the table on page ``base``: the first slice is
    ``base`` itself, the others ``base``'s folder + ``trang-N``."""
    return base if number == 1 else f"{base[:-3]}/trang-{number}.md"


def summary(sl: Slice, what: str) -> Markup:
    """'Trang 2/32: đơn vị thứ 101–200 trong 3.200 đơn vị, theo thứ tự hạng.'"""
    return Markup(
        '<p class="cchc-slice" data-pagefind-ignore>'
        "Trang <strong>{}</strong>/{}: {} thứ {}–{} trong {} {}, theo thứ tự hạng.</p>"
    ).format(sl.number, sl.count, what, count(sl.start + 1), count(sl.stop), count(sl.total), what)


def _numbers(sl: Slice) -> list[int | None]:
    """The slice numbers to link (None: a gap), e.g. 1 … 4 5 [6] 7 8 … 32."""
    near = range(max(1, sl.number - _NEAR), min(sl.count, sl.number + _NEAR) + 1)
    shown = sorted({1, sl.count, *near})
    out: list[int | None] = []
    for n in shown:
        last = out[-1] if out else n - 1
        if last is not None and n - last == 2:
            out.append(n - 1)  # a gap of one page: its number rather than "…"
        elif last is not None and n - last > 2:
            out.append(None)
        out.append(n)
    return out


def controls(current: str, base: str, sl: Slice, label: str) -> Markup:
    """Links to the other slices of the table on ``base``, from the page ``current``; ``label``
    names the navigation landmark (each landmark of a page has its own name)."""
    items = []
    if sl.number > 1:
        previous = href(current, page(base, sl.number - 1))
        items.append(Markup('<li><a rel="prev" href="{}">{} Trang trước</a></li>').format(previous, _ARROWS[0]))
    for n in _numbers(sl):
        if n is None:
            items.append(Markup('<li class="cchc-gap" aria-hidden="true">…</li>'))
        elif n == sl.number:
            items.append(Markup('<li><span aria-current="page">{}</span></li>').format(n))
        else:
            items.append(
                Markup('<li><a href="{}" aria-label="Trang {}">{}</a></li>').format(href(current, page(base, n)), n, n)
            )
    if sl.number < sl.count:
        following = href(current, page(base, sl.number + 1))
        items.append(Markup('<li><a rel="next" href="{}">Trang sau {}</a></li>').format(following, _ARROWS[1]))
    return Markup('<nav class="cchc-pages" aria-label="{}" data-pagefind-ignore><ul>{}</ul></nav>').format(
        label, Markup("").join(items)
    )

"""Charts drawn as SVG when the site is built: no script, nothing to load, the same bytes for
the same results.

A chart is as wide as the page (``width="100%"``): horizontal positions are percentages of
that width, heights are pixels, text keeps its size. So one drawing serves a 390 px phone
and a wide screen alike, and a label never has to be squeezed or cut short: it sits on its
own line(s) above its bars, wrapped between words. Bars run over a pale track that stands
for 100 %; the figures are printed beside each bar (and in full in the tables beside each
chart) and each bar or point says what it is in its ``<title>`` (a tooltip on hover).
Colours are attributes, not style: the site's Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

import functools
import itertools
import textwrap
from decimal import Decimal

from .html import Markup, esc, num

BLUE = "#1565c0"  # the unit (5.7:1 on white)
GREY = "#78909c"  # the group's average (3.4:1: a graphic object needs 3:1)
TRACK = "#eceff1"  # 100 %
RULE = "#cfd8dc"
INK = "#212121"
SOFT = "#546e7a"  # tick labels (5.4:1)
FONT = "Roboto, Arial, sans-serif"

SPAN = Decimal("0.84")  # the bars' 100 % as a share of the width; the figures follow, 6 px on
LINE = 15  # label line height (12 px text)
BAR = 12
GAP = 10  # between two rows
WRAP = 40  # characters per label line: fits a phone's width (about 330 px) at 12 px


def _pct(share: Decimal) -> str:
    """A percentage of the width, two decimals at most (the same text for the same value)."""
    return f"{share.quantize(Decimal('0.01')).normalize():f}%"


def _x(share: Decimal) -> str:
    """A horizontal position or length: ``share`` (0–100) of the bars' span."""
    return _pct(share * SPAN)


def _clip(value: Decimal | None) -> Decimal | None:
    return None if value is None else min(max(value, Decimal(0)), Decimal(100))


def _lines(text: str, width: int = WRAP) -> list[str]:
    return list(_wrapped(text, width))


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """The same few labels (area titles) on every unit page: wrapped once."""
    return tuple(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text])


def _label(lines: list[str], y: int) -> str:
    """A label's lines, first baseline at ``y + 12``."""
    # a space between lines: the label reads as one text (textContent, copying)
    spans = " ".join(f'<tspan x="0" y="{y + 12 + i * LINE}">{esc(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="cchc-label" fill="{INK}">{spans}</text>'


_FULL = _x(Decimal(100))  # the track's width and the figures' place


def _bar(value: Decimal | None, y: int, colour: str, tip: str, height: int = BAR) -> str:
    """A track for 100 %, the value's bar over it, the value at the right end."""
    clipped = _clip(value)
    filled = "" if clipped is None else f'<rect y="{y}" width="{_x(clipped)}" height="{height}" fill="{colour}"/>'
    return (
        f'<g class="cchc-bar"><title>{esc(tip)}</title>'
        f'<rect y="{y}" width="{_FULL}" height="{height}" fill="{TRACK}"/>{filled}'
        f'<text class="cchc-value" x="{_FULL}" dx="6" y="{y + height - 2}" font-size="11" fill="{INK}">'
        f"{esc(num(value, 2))}</text></g>"
    )


@functools.lru_cache(maxsize=256)
def _scale(y: int, title: str) -> tuple[str, int]:
    """The axis under the bars at ``y``: 0, 25 … 100 and its title; and the height the chart
    ends at."""
    parts = [f'<line x1="0" x2="{_x(Decimal(100))}" y1="{y}" y2="{y}" stroke="{RULE}"/>']
    for tick in (0, 25, 50, 75, 100):
        x = _x(Decimal(tick))
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        parts.append(f'<line x1="{x}" x2="{x}" y1="{y}" y2="{y + 4}" stroke="{SOFT}"/>')
        parts.append(f'<text x="{x}" y="{y + 16}" text-anchor="{anchor}" font-size="11" fill="{SOFT}">{tick}</text>')
    parts.append(f'<text x="{_x(Decimal(50))}" y="{y + 33}" text-anchor="middle" fill="{SOFT}">{esc(title)}</text>')
    return "".join(parts), y + 38


def _svg(body: str, height: int) -> Markup:
    # aria-hidden: the figure around it is one image with a label (html.chart); its words
    # and figures are in the tables beside it.
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" font-family="{FONT}" '
        f'font-size="12" aria-hidden="true" focusable="false">{body}</svg>'
    )


def ranking_bars(rows, limit: int = 80) -> Markup:
    """Each ranked unit (the first and last 20 if there are more than ``limit``): its place
    and name, its index as a bar."""
    chosen = rows if len(rows) <= limit else rows[:20] + rows[-20:]
    parts, y = [], 0
    for k, r in enumerate(chosen):
        if k == 20 and len(chosen) < len(rows):  # where the units left out would be
            parts.append(f'<text x="0" y="{y + 10}" fill="{SOFT}">… {len(rows) - 40} đơn vị ở giữa</text>')
            y += LINE + GAP
        if r.score.index is None:
            continue
        lines = _lines(f"{r.place}. {r.unit.name}" if r.place is not None else r.unit.name)
        parts.append(_label(lines, y))
        y += len(lines) * LINE + 2
        tip = f"Hạng {r.place if r.place is not None else '—'} · {r.unit.name} · chỉ số {num(r.score.index, 2)} %"
        parts.append(_bar(r.score.index, y, BLUE, tip))
        y += BAR + GAP
    grid, height = _scale(y, "Chỉ số (%)")
    return _svg(grid + "".join(parts), height)


def area_profile(unit_name: str, areas: list[tuple[str, str, Decimal | None, Decimal | None]]) -> Markup:
    """areas: (code, title, unit index, group average index): two bars an area, the unit's
    and its group's average."""
    parts = []
    for i, (name, colour) in enumerate(((unit_name, BLUE), ("Bình quân nhóm", GREY))):
        y = i * (LINE + 3)
        parts.append(f'<rect y="{y + 1}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text class="cchc-key" x="18" y="{y + 11}" fill="{INK}">{esc(name)}</text>')
    top = 2 * (LINE + 3) + 6
    y = top
    for code, title, mine, avg in areas:
        lines = _lines(f"{code}. {title}")
        parts.append(_label(lines, y))
        y += len(lines) * LINE + 2
        parts.append(_bar(mine, y, BLUE, f"{code}. {title} · {unit_name}: {num(mine, 2)} %", 10))
        y += 12
        parts.append(_bar(avg, y, GREY, f"{code}. {title} · Bình quân nhóm: {num(avg, 2)} %", 10))
        y += 10 + GAP
    grid, height = _scale(y, "Chỉ số thành phần (%)")
    return _svg(grid + "".join(parts), height)


def _point(x: str, y: int, year: int, index: Decimal | None, place: int | None, written: bool) -> str:
    """A year's point; its figure above it and its year under the plot if ``written``."""
    tip = f"Năm {year} · chỉ số {num(index, 2)} %" + (f" · hạng {place}" if place is not None else "")
    figure = f'<text x="{x}" y="{y - 8}" text-anchor="middle" font-size="11" fill="{INK}">{esc(num(index, 2))}</text>'
    point = f'<g class="cchc-point"><title>{esc(tip)}</title><circle cx="{x}" cy="{y}" r="4" fill="{BLUE}"/>'
    if not written:
        return point + "</g>"
    year_at = f'<text class="cchc-label" x="{x}" y="{TREND_TOP + TREND_PLOT + 16}" text-anchor="middle" fill="{INK}">'
    return point + figure + "</g>" + year_at + f"{year}</text>"


TREND_TOP, TREND_PLOT = 34, 130  # the trend's plot: 100 % at its top, 0 % TREND_PLOT px lower


def trend(points: list[tuple[int, Decimal | None, int | None]]) -> Markup:
    """The index year by year (a point's place, when it has one, in its tooltip)."""
    shown = [(y, i, p) for y, i, p in points if i is not None]
    bottom = TREND_TOP + TREND_PLOT
    parts = [f'<text x="0" y="12" fill="{SOFT}">Chỉ số (%)</text>']
    for tick in (0, 50, 100):
        y = bottom - TREND_PLOT * tick // 100
        parts.append(f'<line x1="0" x2="100%" y1="{y}" y2="{y}" stroke="{RULE}"/>')
        parts.append(f'<text x="0" y="{y - 3}" font-size="11" fill="{SOFT}">{tick}</text>')
    n = len(shown)
    xs = [Decimal(50)] if n == 1 else [Decimal(12) + Decimal(76) * k / (n - 1) for k in range(n)]
    at = [(_pct(x), bottom - int(TREND_PLOT * (_clip(i) or 0) / 100)) for x, (_, i, _) in zip(xs, shown, strict=True)]
    for (x1, y1), (x2, y2) in itertools.pairwise(at):
        parts.append(f'<line x1="{x1}" x2="{x2}" y1="{y1}" y2="{y2}" stroke="{BLUE}" stroke-width="2"/>')
    every = -(-n // 8)  # at most 8 years and figures written out: more would overlap on a phone
    for k, ((x, y), (year, index, place)) in enumerate(zip(at, shown, strict=True)):
        parts.append(_point(x, y, year, index, place, k % every == 0 or k == n - 1))
    return _svg("".join(parts), bottom + 24)

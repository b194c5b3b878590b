"""Vega-Lite chart specifications (data embedded; rendered by vendored JS)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

_FONT = {"font": "Roboto, Arial, sans-serif"}
# Axis labels are wrapped at spaces (between syllables) rather than cut short with an ellipsis,
# so that a phone's narrow chart keeps every name whole: the label text carries its line
# breaks and vega splits it (an expression its interpreter runs under the page's policy).
_WRAPPED = {"labelExpr": "split(datum.label, '\\n')", "labelLimit": 0, "labelLineHeight": 12}


def _wrap(text: str, width: int) -> tuple[str, int]:
    """``text`` with line breaks between words, each line at most ``width`` characters where
    a word allows; and how many lines it takes."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]
    return "\n".join(lines), len(lines)


def _f(value: Decimal | None) -> float | None:
    # Chart positions only: the exact figures are printed in the tables beside each chart.
    return None if value is None else float(value)


def ranking_bars(rows, limit: int = 80) -> dict:
    chosen = rows if len(rows) <= limit else rows[:20] + rows[-20:]
    values, most = [], 1
    for r in chosen:
        if r.score.index is not None:
            label, lines = _wrap(r.unit.name, 22)
            most = max(most, lines)
            values.append({"nhan": label, "don_vi": r.unit.name, "chi_so": _f(r.score.index), "hang": r.place})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": _FONT,
        "width": "container",
        "height": {"step": 6 + 12 * most},
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True, "color": "#1565c0"},
        "encoding": {
            "y": {"field": "nhan", "type": "nominal", "sort": "-x", "title": None, "axis": _WRAPPED},
            "x": {"field": "chi_so", "type": "quantitative", "title": "Chỉ số (%)", "scale": {"domain": [0, 100]}},
            "tooltip": [
                {"field": "hang", "title": "Hạng"},
                {"field": "don_vi", "title": "Đơn vị"},
                {"field": "chi_so", "title": "Chỉ số (%)", "format": ".2f"},
            ],
        },
    }


def area_profile(unit_name: str, areas: list[tuple[str, str, Decimal | None, Decimal | None]]) -> dict:
    """areas: (code, title, unit index, group average index)."""
    values, most = [], 1
    for code, title, mine, avg in areas:
        label, lines = _wrap(f"{code}. {title}", 24)
        most = max(most, lines)
        values.append({"linh_vuc": label, "doi_tuong": unit_name, "chi_so": _f(mine)})
        values.append({"linh_vuc": label, "doi_tuong": "Bình quân nhóm", "chi_so": _f(avg)})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": _FONT,
        "width": "container",
        "height": {"step": 8 + 12 * most},
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "linh_vuc", "type": "nominal", "title": None, "sort": None, "axis": _WRAPPED},
            "yOffset": {"field": "doi_tuong"},
            "x": {
                "field": "chi_so",
                "type": "quantitative",
                "title": "Chỉ số thành phần (%)",
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "doi_tuong",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [unit_name, "Bình quân nhóm"], "range": ["#1565c0", "#b0bec5"]},
                "legend": {"orient": "bottom"},
            },
        },
    }


def trend(points: list[tuple[int, Decimal | None, int | None]]) -> dict:
    values = [{"nam": str(y), "chi_so": _f(i), "hang": p} for y, i, p in points if i is not None]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": _FONT,
        "width": "container",
        "height": 180,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "tooltip": True, "color": "#1565c0"},
        "encoding": {
            "x": {"field": "nam", "type": "ordinal", "title": "Năm", "axis": {"labelAngle": 0}},
            "y": {"field": "chi_so", "type": "quantitative", "title": "Chỉ số (%)", "scale": {"domain": [0, 100]}},
            "tooltip": [
                {"field": "nam", "title": "Năm"},
                {"field": "chi_so", "title": "Chỉ số (%)", "format": ".2f"},
                {"field": "hang", "title": "Hạng"},
            ],
        },
    }

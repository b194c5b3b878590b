"""axe-core (npm: node_modules/axe-core) run inside a page that Playwright opened: what a
screen-reader user, a keyboard user or a reader with low vision would trip over.

The script is evaluated through the DevTools protocol, which the page's Content-Security-Policy
does not govern: the page runs under its real policy while axe inspects it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Issue 13: a published page has no violation of these impacts ("moderate" and "minor" are
# reported by axe too, and not asserted).
BLOCKING = ("serious", "critical")


def settle(page: Any) -> None:
    """Open every fold (earlier years, evidence lists: checked as a reader who opens them sees
    them), then wait until what scripts add is there: every chart drawn."""
    page.wait_for_load_state("load")
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    charts = page.locator("figure.cchc-chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg").first.wait_for(timeout=15000)


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's serious and critical violations on the page as it is now (default rule set)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [v for v in found if v.get("impact") in BLOCKING]


def describe(found: list[dict[str, Any]]) -> str:
    """The violations, one line per element, for an assertion message."""
    lines = []
    for v in found:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)} {summary[:300]}")
    return "\n".join(lines)

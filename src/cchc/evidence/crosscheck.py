"""Cross-checks the council asks for, on content (Git blob ids), not on names.

- The same evidence content filed by two different units (any year): one unit may be
  presenting another's document as its own.
- One document cited for criteria of unrelated areas (lĩnh vực) without naming the part
  that applies (``section`` or ``page``): a single paper stretched over several scores.
  Citing named parts of one long document (a yearly report, section by section) is how
  the rules say partial evidence is given, and is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass


def unit_folder(rel: str) -> str | None:
    """``submissions/<year>/<unit>`` for a file inside a unit's evidence, else None."""
    parts = rel.split("/")
    if len(parts) >= 5 and parts[0] == "submissions" and parts[3] == "evidence":
        return "/".join(parts[:3])
    return None


def by_content(blob_of: dict[str, str]) -> dict[str, list[str]]:
    """blob id -> evidence files holding it (rel paths), for evidence files only."""
    out: dict[str, list[str]] = {}
    for rel, blob in blob_of.items():
        if unit_folder(rel):
            out.setdefault(blob, []).append(rel)
    return out


def elsewhere(blob: str, folder: str, groups: dict[str, list[str]]) -> list[str]:
    """Files with the same content in other units' folders."""
    return sorted(rel for rel in groups.get(blob, ()) if unit_folder(rel) != folder)


@dataclass(frozen=True)
class Citation:
    criterion: str
    blob: str
    written: str
    line: int
    column: int
    located: bool  # names a section or a page


def area(code: str) -> str:
    return code.split(".", 1)[0]


def unrelated(citations: list[Citation]) -> list[tuple[Citation, Citation]]:
    """(later citation, first citation elsewhere) for each document cited across areas
    where some citation does not say which part applies."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.blob, []).append(c)
    out = []
    for group in groups.values():
        if len({area(c.criterion) for c in group}) < 2 or all(c.located for c in group):
            continue
        first = group[0]
        for c in group[1:]:
            if area(c.criterion) != area(first.criterion):
                out.append((c, first))
    return out

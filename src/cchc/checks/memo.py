"""One run of the checks: the repository, and what the run works out once and reuses.

The evidence checks look at the same references, links, trust roots and PDFs several times
per dossier (each reference, then the cross-checks, then the unreferenced files), and the
entries check lists the dossier folders once. These memos live as long as one
``checks.run``, in a ``Run`` passed to the checks that need them; the loaded repository
itself is a frozen value and carries none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..evidence.blobs import BlobIds
from ..evidence.paths import BadPath
from ..evidence.pdf import Inspector, PdfReport
from ..findings import Finding
from ..model.repository import Repository

# Inspects one evidence PDF: (repo-relative path, size limit in bytes, trusted root certificates) → report.
EvidenceChecker = Callable[[str, int, tuple[bytes, ...]], PdfReport]

# Where a reference leads: (the path as stored, or None) and (why it is refused, or None).
Located = tuple[str | None, BadPath | None]


@dataclass(eq=False)
class Run:
    repo: Repository
    checker: EvidenceChecker | None = None  # inspects evidence PDFs instead of the run's own inspector
    inspector: Inspector | None = None  # the run's own, made (and fed every cited file) at first use
    located: dict[tuple[str, str], Located] = field(default_factory=dict)  # (folder, written) →
    links: dict[str, bool] = field(default_factory=dict)  # rel → a link, or below one
    trust_roots: dict[int, tuple[tuple[bytes, ...], list[Finding]]] = field(default_factory=dict)  # year →
    blob_ids: BlobIds | None = None
    content_groups: dict[str, list[str]] | None = None  # blob id → evidence files holding it

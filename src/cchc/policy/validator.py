"""The validator that judges a pull request must be the base branch's, never the PR's copy.

The workflow installs the package from the base commit and only reads the pull request's
files as data. When the repository itself carries the package (``src/cchc/``), this check
compares, file by file, the code that is running with the base commit's: any difference means
the judge is not the base's (for instance, a job that ran the pull request's own copy).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding, error
from ..vcs import blob_id

if TYPE_CHECKING:
    from ..vcs import Git

PACKAGE = "src/cchc"
_SKIP = ("__pycache__",)


def running_files() -> dict[str, Path]:
    """package-relative path → file of the cchc package that is running."""
    root = Path(__file__).resolve().parent.parent
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part in _SKIP for part in p.parts) and p.suffix in (".py", ".json")
    }


def check(git: Git, base: str) -> list[Finding]:
    expected = {
        path[len(PACKAGE) + 1 :]: blob
        for path, blob in git.tree_files(base, PACKAGE).items()
        if path.endswith((".py", ".json"))
    }
    if not expected:
        return []  # the repository does not carry the package: the pinned installed version judges
    files = running_files()
    names = sorted(files)
    actual = {n: blob_id(files[n]) for n in names}
    # Only what runs counts: a base file the wheel does not install cannot judge anything.
    differ = sorted(n for n in actual if expected.get(n) != actual[n])
    if not differ:
        return []
    shown = ", ".join(differ[:5]) + (f" và {len(differ) - 5} tệp khác" if len(differ) > 5 else "")
    return [
        error(
            "validator-not-base",
            f"{PACKAGE}/{differ[0]}",
            f"Bộ kiểm tra đang chạy không phải của nhánh gốc (base) của yêu cầu gộp: khác ở {shown}.",
            "Quy trình kiểm tra phải cài cchc từ commit gốc (base) và chỉ đọc tệp của yêu cầu gộp như dữ "
            "liệu. Báo quản trị hệ thống kiểm tra tệp .github/workflows/validate.yml.",
        )
    ]

"""CODEOWNERS generated from the unit registry and the yearly plans.

Review rules the forge enforces (with "require review from code owners" on the main branch):
every shared file needs an administrator; a unit's dossier needs the council the plan routes
that unit to (so approving a unit's submission is the routed council's review); a council's
appraisal.yaml also lists the administrators, so a one-member council's own pull request can
still be approved by someone else. GitHub reads gitignore-style patterns where the last match
wins; Gitea/Forgejo read Go regular expressions where every matching line counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..findings import Finding, error
from ..model.plan import Council
from ..model.registry import Unit
from ..model.repository import Repository

TARGETS = {"github": ".github/CODEOWNERS", "gitea": ".gitea/CODEOWNERS"}

HEADER = (
    "# Tệp do lệnh `cchc codeowners` tạo từ danh sách đơn vị (units/) và kế hoạch năm (plans/).\n"
    "# Không sửa tay: sửa units/ hoặc plans/ rồi chạy lại `cchc codeowners`.\n"
    "# Phần dùng chung do quản trị (Sở Nội vụ) duyệt; hồ sơ mỗi đơn vị do Hội đồng thẩm định được phân công duyệt.\n"
)


def _owners(accounts: Iterable[str]) -> str:
    return " ".join(f"@{a}" for a in accounts)


def routes(repo: Repository) -> Iterator[tuple[int, Unit, Council]]:
    """(year, unit, council) for every active unit of every planned year, in a stable order."""
    for year in sorted(repo.plans):
        plan = repo.plans[year]
        for unit in sorted(repo.units_in(year), key=lambda u: u.id):
            council = plan.council_for(unit)
            if council is not None and council.accounts:
                yield year, unit, council


def render(repo: Repository, forge: str = "github") -> str:
    admins = tuple(repo.province.admins) if repo.province else ()
    lines = [HEADER]
    if forge == "gitea":
        lines.append(f"!submissions/.* {_owners(admins)}\n")
    else:
        lines.append(f"* {_owners(admins)}\n")
    year_seen = None
    for year, unit, council in routes(repo):
        if year != year_seen:
            lines.append(f"\n# Năm {year}\n")
            year_seen = year
        folder = f"submissions/{year}/{unit.id}"
        if forge == "gitea":
            lines.append(f"{folder}/.* {_owners(council.accounts)}\n")
            lines.append(f"{folder}/appraisal\\\\.yaml {_owners(admins)}\n")
        else:
            lines.append(f"/{folder}/ {_owners(council.accounts)}\n")
            lines.append(f"/{folder}/appraisal.yaml {_owners(council.accounts + admins)}\n")
    return "".join(lines)


def check(repo: Repository, root: Path, forges: Iterable[str] | None = None) -> list[Finding]:
    """A finding for each committed CODEOWNERS file that differs from what the registry gives."""
    out = []
    for forge, rel in TARGETS.items():
        path = Path(root) / rel
        if (forges and forge not in forges) or not path.is_file():
            continue
        if path.read_text(encoding="utf-8", errors="replace") != render(repo, forge):
            out.append(
                error(
                    "codeowners-outdated",
                    rel,
                    f"Tệp {rel} chưa cập nhật theo danh sách đơn vị và phân công thẩm định hiện tại.",
                    f"Chạy 'cchc codeowners{' --forge gitea' if forge == 'gitea' else ''}' rồi đưa tệp "
                    "mới vào cùng yêu cầu gộp.",
                )
            )
    return out

"""Where each generated page lives (source paths; html.url turns them into URLs)."""

from __future__ import annotations

HOME = "index.md"
METHODS = "phuong-phap/index.md"
DOWNLOADS = "tai-ve.md"
SEARCH = "tim-kiem.md"


def year_page(year: int) -> str:
    return f"nam/{year}/index.md"


def group_page(year: int, gid: str) -> str:
    return f"nam/{year}/{gid}.md"


def unit_page(uid: str) -> str:
    return f"don-vi/{uid}.md"


def node_page(year: int, level: str, code: str) -> str:
    return f"nam/{year}/{level}/{code}.md"


def method_page(ref: str) -> str:
    return f"phuong-phap/{ref.replace('/', '-')}.md"

"""GitHub / Gitea / Forgejo Actions: workflow-command annotations plus a Markdown summary.

The forge shows at most 10 annotations of a type per step, so each file gets its 10 most
important (errors first, then by line); the full list goes to the job summary.
"""

from ..findings import Finding
from . import markdown as md
from .text import summary_line

PER_FILE = 10


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(findings: list[Finding]) -> str:
    by_file: dict[str, list[Finding]] = {}
    for f in sorted(set(findings), key=lambda f: (f.file, not f.is_error, f.line, f.column, f.code)):
        by_file.setdefault(f.file, []).append(f)
    lines = []
    for file, items in sorted(by_file.items()):
        for f in items[:PER_FILE]:
            kind = "error" if f.is_error else "warning"
            props = [f"file={_escape_prop(file)}"]
            if f.line:
                props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
            title = f"{f.severity.label}: tiêu chí {f.criterion}" if f.criterion else f.severity.label
            props.append(f"title={_escape_prop(title)}")
            body = f.message + (f" Cách sửa: {f.hint}" if f.hint else "")
            lines.append(f"::{kind} {','.join(props)}::{_escape_data(body)}")
        if len(items) > PER_FILE:
            lines.append(
                f"::notice file={_escape_prop(file)}::"
                f"{_escape_data(f'Còn {len(items) - PER_FILE} phát hiện khác, xem bảng tổng hợp của lần chạy.')}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def markdown(findings: list[Finding], *, checked: int | None = None) -> str:
    out = ["## Kết quả kiểm tra hồ sơ Chỉ số CCHC", "", summary_line(findings, checked), ""]
    if findings:
        out += ["| Tệp | Dòng | Mức | Tiêu chí | Nội dung | Cách sửa |", "|---|---:|---|---|---|---|"]
        for f in sorted(set(findings)):
            # Findings quote what a pull request wrote (paths, values): inert text in the summary.
            out.append(
                f"| {md.code(f.file, 1000)} | {f.line or ''} | {f.severity.label} | "
                f"{md.text(f.criterion, 40)} | {md.text(f.message, 2000)} | {md.text(f.hint, 2000)} |"
            )
    return "\n".join(out) + "\n"


def render(findings: list[Finding], *, checked: int | None = None, **_) -> str:
    return annotations(findings)

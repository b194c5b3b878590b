"""Human text, Vietnamese: grouped per file, sorted by line."""

from __future__ import annotations

from ..findings import Finding


def summary_line(findings: list[Finding], checked: int | None = None) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    scope = f" trong {checked} hồ sơ" if checked is not None else ""
    if not findings:
        return f"Không có lỗi{scope}. Hồ sơ hợp lệ."
    return f"Tìm thấy {errors} lỗi và {warnings} cảnh báo{scope}."


def render(findings: list[Finding], *, checked: int | None = None, **_) -> str:
    lines = []
    by_file: dict[str, list[Finding]] = {}
    for f in sorted(set(findings)):
        by_file.setdefault(f.file, []).append(f)
    for file, items in by_file.items():
        lines.append(file)
        for f in items:
            where = f"dòng {f.line}" + (f", cột {f.column}" if f.column else "") if f.line else "toàn tệp"
            crit = f" [tiêu chí {f.criterion}]" if f.criterion else ""
            lines.append(f"  {where}: {f.severity.label}{crit}: {f.message} ({f.code})")
            if f.hint:
                lines.append(f"    → Cách sửa: {f.hint}")
        lines.append("")
    lines.append(summary_line(findings, checked))
    return "\n".join(lines) + "\n"

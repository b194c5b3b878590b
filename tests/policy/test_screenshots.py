"""The comment as a person sees it: the Markdown of a real check, rendered and laid out in
headless Chromium. With CCHC_SCREENSHOTS=1 the images for the user guides are (re)written to
docs/huong-dan/img/ — the guides show exactly what the code produces."""

from __future__ import annotations

import html
import os
from pathlib import Path

import markdown

from cchc.cli import main as cli

from .conftest import check_result

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "huong-dan" / "img"
SA = "submissions/2025/so-a/self-assessment.yaml"
CSS = """
body { font: 14px/1.5 "DejaVu Sans", sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; padding: 16px; }
.box { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; max-width: 860px; }
.who { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.who b { color: #1f2328; }
.body { padding: 4px 16px 12px; }
h2 { font-size: 20px; border-bottom: 1px solid #d1d9e0; padding-bottom: 6px; }
h3 { font-size: 16px; margin-top: 18px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #d1d9e0; padding: 3px 8px; }
th { background: #f6f8fa; }
code { background: #eff1f3; border-radius: 4px; padding: 1px 4px; font-size: 12px; }
summary { font-weight: 600; cursor: pointer; }
"""


def _comment(forge, tmp_path, name, head, previous=None, draft=True) -> str:
    result = check_result(forge, head, tmp_path / f"{name}.json", number=12, draft=draft)
    out = tmp_path / f"{name}.md"
    cli.main(["comment", str(result), "--out", str(out), *(["--previous", str(previous)] if previous else [])])
    return out.read_text(encoding="utf-8")


def _page(body_md: str) -> str:
    # Python-Markdown leaves Markdown inside <details> alone unless asked; GitHub renders it.
    # The folded tables are shown opened, as the reader sees them after a click.
    body = markdown.markdown(
        body_md.replace("<details>", '<details open markdown="1">'), extensions=["tables", "md_in_html"]
    )
    return (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
        f"<div class='box'><div class='who'><b>github-actions</b> {html.escape('đã bình luận')}</div>"
        f"<div class='body'>{body}</div></div></body></html>"
    )


def test_the_comment_as_the_unit_sees_it(forge, tmp_path, browser, capsys):
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    first = forge.commit("Lần 1", author="so-a-vanthu", date="2025-12-19T09:00:00+07:00")
    forge.push("so-a")
    ok = _comment(forge, tmp_path, "ok", first)
    forge.edit(
        SA,
        "score: 2\n    evidence:\n      - {file: evidence/ke-hoach.pdf, page: 1}",
        "score: 1.5\n    evidence:\n      - {file: evidence/ke-hoach.pdf, page: 9}",
    )
    second = forge.commit("Lần 2", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    wrong = _comment(forge, tmp_path, "loi", second, previous=tmp_path / "ok.md")
    capsys.readouterr()

    page = browser.new_page(viewport={"width": 900, "height": 600}, device_scale_factor=1)
    shots = {}
    for name, body in (("binh-luan-hop-le", ok), ("binh-luan-co-loi", wrong)):
        page.set_content(_page(body))
        rows = page.locator("table tbody tr")
        assert rows.count() == 14  # every area, criterion and component criterion of the framework
        assert page.locator("table th").nth(3).inner_text() == "Tự chấm"
        assert page.evaluate("document.body.scrollWidth") <= 900  # nothing cut off at this width
        shots[name] = page.screenshot(full_page=True)
    assert "▼ −" in page.locator("table").inner_text()  # the change since the previous push
    assert page.locator("h3", has_text="Lỗi cần sửa").count() == 1
    if os.environ.get("CCHC_SCREENSHOTS"):
        IMG.mkdir(parents=True, exist_ok=True)
        for name, png in shots.items():
            (IMG / f"{name}.png").write_bytes(png)

"""Lighthouse (npm, Debian Chromium) on the built sample site, served with gzip compression.

    .venv/bin/python bench/lighthouse.py                  # build the sample site, then measure
    .venv/bin/python bench/lighthouse.py --site site --repeat 3

Mobile form factor (Lighthouse's default: a mid-range phone, simulated slow 4G and a 4x slower
CPU) for the home page, a ranking page and a unit page. Prints the performance, accessibility,
best-practices and SEO scores (median of --repeat runs) as a Markdown table, with the
largest-contentful-paint and total-blocking-time figures, and keeps Lighthouse's JSON reports
in bench/out/lighthouse/. Not a test: the scores depend on the machine's load.

The server compresses text responses with gzip (Content-Encoding), as GitHub Pages and any
production web server do, and sends GitHub Pages' cache header (max-age=600).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out" / "lighthouse"
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "Trang chủ": "index.html",
    "Xếp hạng (xã, 2025)": "nam/2025/xa.html",
    "Đơn vị (Sở Tư pháp)": "don-vi/so-tu-phap.html",
}
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".wasm")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text ones gzip-compressed (level 9, kept in memory once compressed)."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in COMPRESSIBLE and path.is_file()):
            super().do_GET()
            return
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a free loopback port, compressed; its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        worker = threading.Thread(target=server.serve_forever, daemon=True)
        worker.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()
            worker.join()


def build(site: Path) -> None:
    cmd = [sys.executable, "-m", "cchc.cli.main", "build", "--root", str(REPO), "--out", str(site)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run; the four category scores (0–100) and two timings (ms)."""
    cmd = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--quiet",
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROME})
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = data["audits"]
    scores["fcp"] = audits["first-contentful-paint"]["numericValue"]
    scores["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    scores["tbt"] = audits["total-blocking-time"]["numericValue"]
    scores["bytes"] = audits["total-byte-weight"]["numericValue"]
    # Lighthouse's own CPU benchmark of this machine at the time of the run (its 4x CPU
    # slowdown assumes a desktop that scores about 1,000 or more; a busy machine scores less).
    scores["cpu"] = data["environment"]["benchmarkIndex"]
    return scores


def below_one(report: Path) -> list[str]:
    """The audits that cost points in the last report (for finding what to fix)."""
    data = json.loads(report.read_text(encoding="utf-8"))
    out = []
    for cat in CATEGORIES:
        for ref in data["categories"][cat]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                out.append(f"{cat}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}")
    return out


def lighthouse_version() -> str:
    return json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]


def fmt(value: float, unit: str = "") -> str:
    return (f"{value:,.0f}".replace(",", ".")) + unit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, default=None, help="an already built site (default: build the sample)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page; the median is reported")
    ap.add_argument("--explain", action="store_true", help="list the audits that cost points")
    ap.add_argument(
        "--page", action="append", default=None, help="a page's path in the site (repeatable; default: three)"
    )
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    site = args.site
    if site is None:
        site = OUT / "site"
        build(site)
    rows = []
    with serve(site.resolve()) as base:
        pages = {p: p for p in args.page} if args.page else PAGES
        for name, path in pages.items():
            runs = []
            for i in range(args.repeat):
                report = OUT / f"{Path(path).stem}-{i + 1}.json"
                runs.append(lighthouse(base + path, report))
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            spread = (min(r["performance"] for r in runs), max(r["performance"] for r in runs))
            rows.append((name, path, med, spread))
            if args.explain:
                for line in below_one(report):
                    print(f"  {name}: {line}")
    print(f"\nLighthouse {lighthouse_version()}, mobile, median of {args.repeat} runs (performance: lowest–highest)\n")
    print("| Trang | Hiệu năng | Trợ năng | Thực hành tốt | SEO | FCP | LCP | TBT | Dung lượng tải | Chỉ số CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, path, m, (low, high) in rows:
        cells = [f"{fmt(m['performance'])} ({low}–{high})"] + [fmt(m[c]) for c in CATEGORIES[1:]]
        timings = [fmt(m[t], " ms") for t in ("fcp", "lcp", "tbt")]
        print(
            f"| {name} (`{path}`) | {' | '.join(cells)} | {' | '.join(timings)} "
            f"| {fmt(m['bytes'] / 1024, ' KB')} | {fmt(m['cpu'])} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

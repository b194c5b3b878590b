"""Benchmarks at province (300 units) and national (3,300 units) scale.

    .venv/bin/python bench/run.py                 # both scales, every benchmark
    .venv/bin/python bench/run.py --scale 300 --only site --repeat 1

Each figure is a whole process (wall time, peak RSS), median of --repeat runs. The
provinces are generated with the sample generator into bench/out/ (kept between runs;
delete the folder to regenerate). Results print as a Markdown table and are saved to
bench/out/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, median_run

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
CCHC = [PY, "-m", "cchc.cli.main"]
# The province benchmark uses scanner-sized evidence (A4, 150 dpi, greyscale, ~240 KB a page);
# the national one small 1-bit scans, or its 40,000 PDFs would need ~28 GB of disk.
SCALES = {
    300: dict(so=30, huyen=0, xa=270, xa2025=270, realistic=True),
    3300: dict(so=100, huyen=0, xa=3200, xa2025=3200, realistic=False),
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def province(scale: int, pages: int) -> Path:
    root = HERE / "out" / f"p{scale}"
    if (root / "province.yaml").is_file():
        return root
    p = SCALES[scale]
    subprocess.run(
        [
            PY,
            "-m",
            "cchc.sample",
            "--out",
            str(root),
            "--so",
            str(p["so"]),
            "--huyen",
            str(p["huyen"]),
            "--xa",
            str(p["xa"]),
            "--xa-2025",
            str(p["xa2025"]),
            "--evidence-pages",
            str(pages),
        ]
        + (["--realistic-scans"] if p["realistic"] else []),
        check=True,
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "add", "-A")
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "province")
    return root


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, scale: int, run: Run | None, note: str = "") -> None:
        fig = f"{run.seconds:.2f} s" if run else "—"
        mem = f"{run.peak_mb:.0f} MB" if run else "—"
        self.rows.append((what, str(scale), fig + " / " + mem, note))
        print(f"{what:55} {scale:>5}  {fig:>10}  {mem:>8}  {note}", flush=True)

    def markdown(self) -> str:
        out = ["| benchmark | units | wall time / peak memory | note |", "|---|---:|---|---|"]
        out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(out) + "\n"


def bench_site(root: Path, scale: int, repeat: int, table: Table) -> None:
    out = root / "site"
    build = median_run(
        [*CCHC, "build", "--root", str(root), "--out", str(out), "--config", str(REPO / "mkdocs.yml")], repeat
    )
    pages = sum(1 for _ in out.rglob("*.html"))
    steps = next((line for line in build.output.splitlines() if line.startswith("Thời gian")), "")
    table.add("cchc build (validate + score + site + search)", scale, build, f"{pages} HTML pages. {steps}")
    floors = (
        ("minimal", "plain mkdocs build, same number of minimal pages (floor)"),
        ("full", "plain mkdocs build, same pages as static Markdown"),
    )
    for mode, what in floors[:1] if os.environ.get("BENCH_MINIMAL_FLOOR_ONLY") else floors:
        plain = root / f"plain-{mode}"
        shutil.rmtree(plain, ignore_errors=True)
        subprocess.run([PY, str(HERE / "dump_pages.py"), str(root), str(plain), mode], check=True)
        floor = median_run([PY, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], repeat)
        table.add(what, scale, floor, f"cchc build ÷ this = {build.seconds / floor.seconds:.2f}")
    index = sum(f.stat().st_size for f in (out / "pagefind").rglob("*") if f.is_file())
    table.add("search index (Pagefind) size", scale, None, f"{index / 1048576:.2f} MB")


def bench_validate(root: Path, scale: int, repeat: int, table: Table) -> None:
    cache = root / ".cache-bench"
    env = dict(os.environ, CCHC_CACHE_DIR=str(cache))
    cold = median_run(
        [*CCHC, "validate", "--root", str(root)],
        repeat,
        env=env,
        before=lambda: shutil.rmtree(cache, ignore_errors=True),
    )
    table.add("full validation, cold (empty cache)", scale, cold)
    warm = median_run([*CCHC, "validate", "--root", str(root)], repeat, env=env)
    table.add("full validation, warm", scale, warm)
    # A pull request that changes one unit: a branch with one edited self-assessment.
    unit = sorted(p.name for p in (root / "submissions" / "2025").iterdir())[7]
    sa = root / "submissions" / "2025" / unit / "self-assessment.yaml"
    branch = "bench-pr"
    git(root, "checkout", "-q", "-B", branch, "main")
    sa.write_text(sa.read_text(encoding="utf-8") + "# sửa hồ sơ\n", encoding="utf-8")
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "one unit")
    try:
        pr = median_run([*CCHC, "validate", "--root", str(root), "--changed-since", "main"], repeat, env=env)
        table.add("pull request changing one unit (--changed-since)", scale, pr, unit)
    finally:
        git(root, "checkout", "-q", "main")
        git(root, "branch", "-q", "-D", branch)


def bench_schema(root: Path, scale: int, repeat: int, table: Table) -> None:
    files = sorted(str(p) for p in (root / "submissions").glob("*/*/self-assessment.yaml"))
    listing = root / ".files.txt"
    listing.write_text("\n".join(files), encoding="utf-8")
    ours = median_run([PY, str(HERE / "schema_only.py"), str(listing)], repeat)
    table.add(f"schema validation of {len(files)} self-assessments (cchc)", scale, ours)
    tool = Path(PY).parent / "check-jsonschema"
    theirs = (
        median_run([str(tool), "--schemafile", str(REPO / "schemas" / "self-assessment.schema.json"), *files], repeat)
        if tool.exists()
        else None
    )
    note = f"cchc is {theirs.seconds / ours.seconds:.1f}× faster" if theirs else "check-jsonschema not installed"
    table.add("same files with check-jsonschema", scale, theirs, note)


def bench_pdf(root: Path, scale: int, repeat: int, table: Table, sample: int = 200) -> None:
    rels = sorted(p.relative_to(root).as_posix() for p in (root / "submissions" / "2025").glob("*/evidence/*.pdf"))
    size = sum((root / r).stat().st_size for r in rels) / 1048576
    listing = root / ".pdfs.txt"
    listing.write_text("\n".join(rels), encoding="utf-8")
    ours = median_run([PY, str(HERE / "pdf_only.py"), str(root), str(listing)], repeat)
    table.add(
        f"PDF checks of all {len(rels)} evidence files of 2025, cold (cchc, 2 sandboxed workers)",
        scale,
        ours,
        f"{size:.0f} MB",
    )
    # qpdf --check decodes every stream (~0.3 s a scanned page here), so it is compared on
    # the first `sample` files rather than left running for the better part of an hour.
    few = rels[:sample]
    listing.write_text("\n".join(few), encoding="utf-8")
    ours = median_run([PY, str(HERE / "pdf_only.py"), str(root), str(listing)], repeat)
    table.add(f"PDF checks of {len(few)} of those files, cold (cchc)", scale, ours)
    zero = root / ".pdfs.zero"
    zero.write_bytes(b"\0".join(str(root / r).encode() for r in few))
    qpdf = median_run(["sh", "-c", f"xargs -0 -n1 -P2 qpdf --check < '{zero}' > /dev/null"], repeat)
    table.add(
        f"same {len(few)} files with `qpdf --check` (one process per file, 2 in parallel)",
        scale,
        qpdf,
        f"cchc is {qpdf.seconds / ours.seconds:.1f}× faster",
    )


BENCHES = {"site": bench_site, "validate": bench_validate, "schema": bench_schema, "pdf": bench_pdf}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, action="append", choices=sorted(SCALES))
    ap.add_argument("--only", action="append", choices=sorted(BENCHES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--evidence-pages", type=int, default=3, help="pages per generated scan (only when the province is generated)"
    )
    args = ap.parse_args(argv)
    table = Table()
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for scale in args.scale or sorted(SCALES):
        root = province(scale, args.evidence_pages)
        for name in args.only or list(BENCHES):
            BENCHES[name](root, scale, args.repeat, table)
    (HERE / "out").mkdir(exist_ok=True)
    name = "-".join(str(s) for s in (args.scale or sorted(SCALES)))
    (HERE / "out" / f"results-{name}.md").write_text(table.markdown(), encoding="utf-8")
    print(table.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())

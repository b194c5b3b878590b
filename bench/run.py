"""Benchmarks at province (300 units) and national (3,300 units) scale.

    .venv/bin/python bench/run.py                 # both scales, every benchmark
    .venv/bin/python bench/run.py --scale 300 --only site --repeat 1
    .venv/bin/python bench/run.py --only pr --repeat 9   # the one-unit pull request, 300 vs 3,300 units

Each figure is a whole process (wall time, peak RSS), median of --repeat runs. The
provinces are generated with the sample generator into bench/out/ (kept between runs;
delete the folder to regenerate). Results print as a Markdown table and are saved to
bench/out/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, median_run, paired, run_once

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
        _ignore_outputs(root)
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
    _ignore_outputs(root)
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


SEARCH_GLOB = "{index.html,don-vi/*.html,nam/*/*.html,phuong-phap/*.html}"  # as cchc.publish.site.build


def _build_cmd(root: Path, out: Path, cache: Path) -> list[str]:
    return [
        *CCHC,
        "build",
        "--root",
        str(root),
        "--out",
        str(out),
        "--config",
        str(REPO / "mkdocs.yml"),
        "--cache",
        str(cache),
    ]


def _steps(output: str) -> str:
    return next((line for line in output.splitlines() if line.startswith("Thời gian")), "")


def bench_site(root: Path, scale: int, repeat: int, table: Table) -> None:
    """A cold `cchc build` (empty build cache) against the floor, in pairs (A B A B …), with
    its peak memory and the search index it makes."""
    out, cache = root / "site", root / ".cache-build-bench"
    # Not counted: fills the PDF facts cache (.cache/cchc, which the publish workflow restores
    # with the build cache) and the disk cache, as every later run finds them (not needed when
    # an earlier run of the bench left both).
    if not (root / ".cache" / "cchc" / "evidence.sqlite").is_file() or not out.is_dir():
        run_once(_build_cmd(root, out, cache))
    plain = root / "plain-minimal"
    shutil.rmtree(plain, ignore_errors=True)
    subprocess.run([PY, str(HERE / "dump_pages.py"), str(root), str(plain), "minimal"], check=True)
    floor = [
        "sh",
        "-c",
        f"'{PY}' -m mkdocs build -q -f '{plain / 'mkdocs.yml'}' && "
        f"'{PY}' -m pagefind --site '{plain / 'site'}' --glob '{SEARCH_GLOB}' --force-language vi",
    ]
    pair = paired(
        _build_cmd(root, out, cache), floor, repeat, before_a=lambda: shutil.rmtree(cache, ignore_errors=True)
    )
    pages = sum(1 for _ in out.rglob("*.html"))
    floor_pages = sum(1 for _ in (plain / "site").rglob("*.html"))
    table.add(
        "cchc build, cold (empty build cache)",
        scale,
        pair.a,
        f"{pages} HTML pages; CPU {pair.a.cpu:.1f} s. {_steps(pair.a.output)}",
    )
    table.add(
        "floor: plain mkdocs build + Pagefind, same pages, theme and features",
        scale,
        pair.b,
        f"{floor_pages} HTML pages; CPU {pair.b.cpu:.1f} s; cchc build ÷ floor = {pair.ratio:.2f} "
        f"(pairs {pair.low:.2f}–{pair.high:.2f}; CPU {pair.a.cpu / pair.b.cpu:.2f})",
    )
    index = sum(f.stat().st_size for f in (out / "pagefind").rglob("*") if f.is_file())
    table.add("search index (Pagefind) size", scale, None, f"{index:,} bytes ({index / 1048576:.2f} MB)")
    if scale == 300 and not os.environ.get("BENCH_MINIMAL_FLOOR_ONLY"):
        full = root / "plain-full"
        shutil.rmtree(full, ignore_errors=True)
        subprocess.run([PY, str(HERE / "dump_pages.py"), str(root), str(full), "full"], check=True)
        static = median_run([PY, "-m", "mkdocs", "build", "-q", "-f", str(full / "mkdocs.yml")], repeat)
        table.add("plain mkdocs build, same pages as static Markdown", scale, static)


def _change_one_unit(root: Path) -> str:
    """One score of one unit set to 0 (the first score above 0 not computed from figures)."""
    for sa in sorted((root / "submissions" / "2025").glob("*/self-assessment.yaml"))[7:]:
        text = sa.read_text(encoding="utf-8")
        blocks = re.split(r"(?m)^(?=  - code: )", text)
        for i, block in enumerate(blocks):
            score = re.search(r"(?m)^    score: ([0-9.]+)$", block)
            if i and score and "figures:" not in block and float(score.group(1)) > 0:
                blocks[i] = block.replace(score.group(0), "    score: 0", 1)
                sa.write_text("".join(blocks), encoding="utf-8")
                return sa.parent.name
    raise RuntimeError("no score to change")


def bench_warm(root: Path, scale: int, repeat: int, table: Table) -> None:
    """`cchc build` after a merge that changed one unit's score, with the cache the build of the
    commit before it left (restored before each run)."""
    out, cache, kept = root / "site", root / ".cache-build-bench", root / ".cache-build-kept"
    git(root, "checkout", "-q", "main")
    shutil.rmtree(cache, ignore_errors=True)
    run_once(_build_cmd(root, out, cache))  # the build of main: what the cache holds
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(cache, kept)
    branch = "bench-merge"
    git(root, "checkout", "-q", "-B", branch, "main")
    unit = _change_one_unit(root)
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "one unit")

    def restore() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(kept, cache)

    try:
        warm = median_run(_build_cmd(root, out, cache), repeat, before=restore)
        if warm.returncode != 0:
            raise RuntimeError(warm.output[-2000:])
        note = f"CPU {warm.cpu:.1f} s. {_steps(warm.output)}"
        table.add(f"cchc build after a one-unit change ({unit}), warm cache", scale, warm, note)
    finally:
        git(root, "checkout", "-q", "main")
        git(root, "branch", "-q", "-D", branch)
        shutil.rmtree(kept, ignore_errors=True)


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


BENCHES = {
    "site": bench_site,
    "warm": bench_warm,
    "validate": bench_validate,
    "schema": bench_schema,
    "pdf": bench_pdf,
}


# -- a pull request that changes one unit, at both scales side by side (issue 16: ratio ≤ 1.2)

PR_TIME = "2025-12-01T10:00:00+07:00"  # inside the generated plans' entry period


# What the benchmarks write inside a province's folder: the caches, the sites built, the floor's pages.
OUTPUTS = (
    "/.cache/",
    "/.cache-bench/",
    "/.cache-build-bench/",
    "/.cache-build-kept/",
    "/site/",
    "/plain-minimal/",
    "/plain-full/",
)


def _ignore_outputs(root: Path) -> None:
    """Git ignores the benchmarks' own folders, as a province repository's .gitignore ignores its
    caches and its site (/.cache/, /site/): what a run writes there is no new file of the work tree
    (a command that lists untracked files would otherwise list tens of thousands of them)."""
    exclude = root / ".git" / "info" / "exclude"
    exclude.parent.mkdir(exist_ok=True)
    kept = exclude.read_text(encoding="utf-8") if exclude.is_file() else ""
    missing = [line for line in OUTPUTS if line not in kept.splitlines()]
    if missing:
        exclude.write_text(kept + "".join(f"{line}\n" for line in missing), encoding="utf-8")


def _pr_branch(root: Path) -> tuple[str, str]:
    """A branch bench-pr with one unit's self-assessment edited (checked out); (unit, account)."""
    unit = sorted(p.name for p in (root / "submissions" / "2025").iterdir())[7]
    sa = root / "submissions" / "2025" / unit / "self-assessment.yaml"
    git(root, "checkout", "-q", "-B", "bench-pr", "main")
    sa.write_text(sa.read_text(encoding="utf-8") + "# sửa hồ sơ\n", encoding="utf-8")
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "one unit")
    accounts = git(root, "grep", "-h", "-A8", "-e", f"id: {unit}$", "--", "units")
    account = next(
        line.split("[", 1)[1].split(",")[0].strip(" ]") for line in accounts.splitlines() if "accounts:" in line
    )
    return unit, account


def _pr_event(root: Path, account: str) -> Path:
    """The pull_request_target payload the forge would send for bench-pr (its time in the entry period)."""
    pr = {
        "number": 1,
        "title": "Hồ sơ tự đánh giá",
        "draft": False,
        "labels": [],
        "updated_at": PR_TIME,
        "user": {"login": account},
        "base": {"sha": git(root, "rev-parse", "main").strip()},
        "head": {"sha": git(root, "rev-parse", "HEAD").strip()},
    }
    event = root.parent / f"event-{root.name}.json"
    event.write_text(json.dumps({"action": "opened", "number": 1, "pull_request": pr, "sender": {"login": account}}))
    return event


def _pr_commands(root: Path) -> dict[str, tuple[list[str], dict[str, str], Path]]:
    """label -> (command, environment, what to delete before each run: the evidence cache, or the
    whole cache folder)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_STEP_SUMMARY")}
    cache = root / ".cache-bench"
    _ignore_outputs(root)
    _, account = _pr_branch(root)
    event = _pr_event(root, account)
    workflow = [*CCHC, "check-pr", "--repo", str(root), "--event", str(event), "--format", "github"]
    workflow += ["--output", str(root.parent / f"check-pr-{root.name}.json")]
    ci = dict(env, GITHUB_EVENT_NAME="pull_request_target")
    return {
        "`cchc validate --changed-since main`, empty evidence cache": (
            [*CCHC, "validate", "--root", str(root), "--changed-since", "main"],
            dict(env, CCHC_CACHE_DIR=str(cache)),
            cache / "evidence.sqlite",
        ),
        "`cchc check-pr` as the workflow runs it (the record of the shared files kept), empty evidence cache": (
            workflow,
            ci,
            root / ".cache" / "cchc" / "evidence.sqlite",
        ),
        "`cchc check-pr` as the workflow runs it, no cache folder at all (nothing restored)": (
            workflow,
            ci,
            root / ".cache" / "cchc",
        ),
    }


def bench_pr_ratio(roots: dict[int, Path], repeat: int, table: Table) -> None:
    """The one-unit pull request at 300 and 3,300 units, run in turn (300, 3,300, 300, …) so that
    both see the same machine, each with an empty evidence cache (every PDF of the unit is checked
    again). The cache folder otherwise stays as an earlier run on the same base leaves it (the
    record of the shared files, load.shared): one run first, not counted, writes it; the last
    measure empties the whole folder before each run, as a CI job that keeps no cache starts."""
    commands = {scale: _pr_commands(root) for scale, root in roots.items()}
    try:
        for label in commands[min(roots)]:
            runs: dict[int, list[Run]] = {scale: [] for scale in roots}
            for turn in range(repeat + 1):
                for scale in sorted(roots):
                    cmd, env, cleared = commands[scale][label]
                    if cleared.is_dir():
                        shutil.rmtree(cleared)
                    cleared.unlink(missing_ok=True)
                    done = run_once(cmd, env=env)
                    if done.returncode not in (0, 1):
                        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.output[-500:]}")
                    if turn:
                        runs[scale].append(done)
            medians = {
                s: Run(
                    statistics.median(r.seconds for r in rs),
                    max(r.peak_mb for r in rs),
                    0,
                    cpu=statistics.median(r.cpu for r in rs),
                )
                for s, rs in runs.items()
            }
            small, large = min(roots), max(roots)
            for scale in sorted(roots):
                note = f"CPU {medians[scale].cpu:.2f} s"
                if scale == large:
                    wall = medians[large].seconds / medians[small].seconds
                    note += (
                        f"; {large} ÷ {small}: {wall:.2f} (wall), {medians[large].cpu / medians[small].cpu:.2f} (CPU)"
                    )
                table.add(f"one-unit pull request: {label}", scale, medians[scale], note)
    finally:
        for root in roots.values():
            git(root, "checkout", "-q", "main")
            git(root, "branch", "-q", "-D", "bench-pr")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, action="append", choices=sorted(SCALES))
    ap.add_argument("--only", action="append", choices=sorted([*BENCHES, "pr"]))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--evidence-pages", type=int, default=3, help="pages per generated scan (only when the province is generated)"
    )
    args = ap.parse_args(argv)
    table = Table()
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    loads = [os.getloadavg()]  # the machine may be shared: how busy it was, at the start and at the end
    roots = {}
    for scale in args.scale or sorted(SCALES):
        root = roots[scale] = province(scale, args.evidence_pages)
        for name in [n for n in args.only or list(BENCHES) if n in BENCHES]:
            BENCHES[name](root, scale, args.repeat, table)
    if (not args.only or "pr" in args.only) and len(roots) > 1:
        bench_pr_ratio(roots, args.repeat, table)
    loads.append(os.getloadavg())
    (HERE / "out").mkdir(exist_ok=True)
    name = "-".join(str(s) for s in (args.scale or sorted(SCALES)))
    load = " → ".join("/".join(f"{x:.1f}" for x in avg) for avg in loads)
    text = table.markdown() + f"\nLoad average (1/5/15 min), start → end: {load}\n"
    (HERE / "out" / f"results-{name}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

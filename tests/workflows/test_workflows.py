"""The repository's workflows: zizmor finds nothing, they validate against GitHub's workflow
schema (check-jsonschema's vendored copy, offline), and they keep the trust rules — the verdict on
a pull request is defined by the base branch's workflow and code only, the pull request is read as
data and never run, and the job that holds a write token never sees the pull request's files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
HEAD = "1" * 40


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(wf: dict):
    for job in wf["jobs"].values():
        yield from job.get("steps", [])


def _writes(job: dict) -> bool:
    return "write" in (job.get("permissions") or {}).values()


def _is_checkout(step: dict) -> bool:
    return step.get("uses", "").startswith("actions/checkout@")


def _is_restore(step: dict) -> bool:
    return step.get("uses", "").startswith("actions/cache/restore@")


def _saves_cache(step: dict) -> bool:
    return step.get("uses", "").startswith(("actions/cache@", "actions/cache/save@"))


def _step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


def test_there_are_the_three_workflows():
    assert [p.name for p in WORKFLOWS] == ["close-entry.yml", "publish.yml", "validate.yml"]


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing(persona):
    done = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--no-progress",
            "--format",
            "json",
            "--persona",
            persona,
            str(ROOT / ".github" / "workflows"),
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_workflows_match_the_github_workflow_schema():
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path):
    wf = _load(path)
    assert wf["permissions"] == {}, "quyền mặc định phải rỗng; mỗi việc tự khai quyền của mình"
    for step in _steps(wf):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
        if _is_checkout(step):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_a_definition_or_a_result_from_a_pull_request(path):
    # `pull_request` runs the pull request's own copy of a workflow; `workflow_run` trusts what such
    # a run left behind (its artifacts, its pull request number)
    wf = _load(path)
    assert not {"pull_request", "workflow_run"} & set(wf["on"])
    for step in _steps(wf):
        assert not step.get("uses", "").startswith("actions/download-artifact@"), step


def test_the_verdict_is_defined_by_the_base_branch():
    wf = _load(ROOT / ".github/workflows/validate.yml")
    assert set(wf["on"]) == {"pull_request_target", "merge_group"}
    target = wf["on"]["pull_request_target"]
    assert target["branches"] == ["main"]
    assert {"opened", "synchronize", "reopened", "ready_for_review", "converted_to_draft", "labeled"} <= set(
        target["types"]
    )
    assert wf["on"]["merge_group"]["types"] == ["checks_requested"]


def _head_paths(job: dict) -> list[str]:
    return [s["with"]["path"] for s in job["steps"] if _is_checkout(s) and "head" in s["with"].get("ref", "")]


def test_the_pull_request_is_only_read_as_data():
    job = _load(ROOT / ".github/workflows/validate.yml")["jobs"]["check"]
    assert not _writes(job)
    assert _head_paths(job) == ["pr"]
    base, head = [s for s in job["steps"] if _is_checkout(s)]
    assert base["with"]["path"] == "base" and "base" in base["with"]["ref"] and "head" not in base["with"]["ref"]
    assert head["with"]["persist-credentials"] is False and head["with"]["fetch-depth"] == 0
    mention = re.compile(r"(?<![\w-])(\./)?pr(/|\s|$|[\"'])")
    for step in job["steps"]:
        if step is head:
            continue
        assert not step.get("uses", "").startswith("./"), step  # no action of the checkout
        assert not mention.search(step.get("working-directory", "")), step
        if "uses" in step and not _is_checkout(step) and not _is_restore(step):
            assert set(step.get("with", {})) <= {"python-version"}, step  # setup actions read no file of it
        assert not mention.search(json.dumps(step.get("with", {}))), step
        script = step.get("run", "")
        for line in script.splitlines():
            if "pip install" in line:  # only the base commit's locked requirements and code are installed
                assert re.search(r"(-r base/requirements/lock\.txt|--no-deps --no-build-isolation \./base)$", line), (
                    line
                )
        # the one mention of pr/ left is the data folder the base's code reads
        rest = script.replace('cchc check-pr --repo pr --event "$GITHUB_EVENT_PATH"', "cchc check-pr")
        assert not mention.search(rest), script
    runs = [s.get("run", "") for s in job["steps"]]
    assert 'cchc check-pr --repo pr --event "$GITHUB_EVENT_PATH" --format github --output cchc-ket-qua.json' in runs
    # its caches are never read from the pull request's own files (pr/.cache/ by default)
    check = next(s for s in job["steps"] if s.get("run", "").startswith("cchc check-pr"))
    assert check["env"]["CCHC_CACHE_DIR"] == "${{ runner.temp }}/cchc-cache"


def test_the_job_with_a_write_token_never_sees_the_pull_request():
    for path in WORKFLOWS:
        wf = _load(path)
        for name, job in wf["jobs"].items():
            if not _writes(job):
                continue
            for step in job.get("steps", []):
                assert not step.get("uses", "").startswith("./"), (path.name, name)
                if _is_checkout(step):  # the default branch only, never a pull request's commit
                    assert "ref" not in step.get("with", {}), (path.name, name)
            if {"pull_request_target", "merge_group"} & set(wf["on"]):
                # the report job: no checkout at all, no installed code, only what `check` concluded
                assert not any("uses" in s for s in job["steps"]), (path.name, name)
                assert not any("pip " in s.get("run", "") or "npm " in s.get("run", "") for s in job["steps"])
                assert job["needs"] == "check"


def test_the_required_status_is_the_verdict_of_the_base_defined_check(tmp_path):
    wf = _load(ROOT / ".github/workflows/validate.yml")
    check, report = wf["jobs"]["check"], wf["jobs"]["report"]
    assert check["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert report["permissions"] == {"statuses": "write", "pull-requests": "write"}
    assert report["if"] == "${{ !cancelled() }}"  # a run cancelled by a newer push reports nothing
    # the status is named like the workflow: what branch protection requires
    for result, state in (("success", "success"), ("failure", "failure"), ("skipped", "failure")):
        calls = _run_step(report, 'Ghi trạng thái "Kiểm tra hồ sơ"', {"needs.check.result": result}, cwd=tmp_path)
        (call,) = calls
        assert call["args"][:4] == ["api", "--method", "POST", f"repos/so-noi-vu/cchc/statuses/{HEAD}"]
        assert f"state={state}" in call["args"] and f"context={wf['name']}" in call["args"]


# -- running the steps' own scripts, with a stand-in for the forge's command-line client

FAKE_GH = """#!{python}
import json, os, sys
args = sys.argv[1:]
call = {{"args": args}}
if "-F" in args:
    field = args[args.index("-F") + 1]
    if field.startswith("body=@"):
        call["body"] = open(field[6:], encoding="utf-8").read()
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(call) + "\\n")
path = next((a for a in args if a.startswith("repos/")), "")
if "--method" not in args:
    if path.endswith("/pulls/" + os.environ["FAKE_PULL"]):
        print(os.environ["FAKE_CURRENT_HEAD"])
    elif path.endswith("/comments"):
        print(os.environ.get("FAKE_EXISTING", ""))
    elif "/issues/comments/" in path:
        print(os.environ["FAKE_PREVIOUS"])
"""

CONTEXT = {
    "github.token": "gh-token",
    "github.repository": "so-noi-vu/cchc",
    "github.server_url": "https://github.com",
    "github.run_id": "42",
    "github.event.pull_request.number": "7",
    "github.event.pull_request.head.sha": HEAD,
    "github.event.pull_request.head.sha || github.event.merge_group.head_sha": HEAD,
}


def _run_step(job: dict, name: str, context: dict, *, cwd: Path, fake: dict | None = None) -> list[dict]:
    """Run a step's `run` script with bash as the runner would: `${{ }}` only in `env`, filled from
    ``context``; `gh` is a stand-in that records its calls. Returns the recorded calls."""
    step = _step(job, name)
    assert "${{" not in step["run"]  # untrusted values reach scripts through the environment only
    values = {**CONTEXT, **context}
    env = {k: EXPR.sub(lambda m: values[m.group(1)], str(v)) for k, v in step.get("env", {}).items()}
    work = cwd
    bindir = work / "fake-bin"
    bindir.mkdir(exist_ok=True)
    gh = bindir / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    log = work / "gh.log"
    log.write_text("", encoding="utf-8")
    full = {
        "PATH": f"{bindir}:{BIN}:{os.environ['PATH']}",
        "HOME": str(work),
        "GH_LOG": str(log),
        "GITHUB_OUTPUT": str(work / "github-output"),
        "FAKE_PULL": "7",
        "FAKE_CURRENT_HEAD": HEAD,
        "FAKE_PREVIOUS": "",
        **(fake or {}),
        **env,
    }
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=full, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _outputs(work: Path) -> dict:
    text = (work / "github-output").read_text(encoding="utf-8") if (work / "github-output").exists() else ""
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_the_comment_goes_to_the_pull_request_named_by_the_event(tmp_path):
    wf = _load(ROOT / ".github/workflows/validate.yml")
    check, report = wf["jobs"]["check"], wf["jobs"]["report"]
    assert check["outputs"] == {"comment": "${{ steps.comment.outputs.body }}"}
    # the result names another pull request and carries text of the pull request's author
    doc = {
        "version": 1,
        "head": HEAD,
        "pull_request": 99,
        "findings": [
            {"file": "x.yaml", "severity": "error", "code": "c", "message": "dòng 1\nbody=giả\n::set-output name=x::y"}
        ],
    }
    (tmp_path / "cchc-ket-qua.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    calls = _run_step(check, "Soạn bình luận", {}, cwd=tmp_path)
    assert [c["args"][:3] for c in calls] == [["api", "--paginate", "repos/so-noi-vu/cchc/issues/7/comments"]]
    outputs = _outputs(tmp_path)
    assert list(outputs) == ["body"]  # a single line: no text of the pull request can add an output
    calls = _run_step(
        report, "Đăng hoặc cập nhật bình luận", {"needs.check.outputs.comment": outputs["body"]}, cwd=tmp_path
    )
    posted = [c for c in calls if "--method" in c["args"]]
    assert [c["args"][:4] for c in posted] == [["api", "--method", "POST", "repos/so-noi-vu/cchc/issues/7/comments"]]
    assert posted[0]["body"].startswith("<!-- cchc:pr-comment -->") and "body=giả" in posted[0]["body"]
    # an existing comment of the system is updated in place
    calls = _run_step(
        report,
        "Đăng hoặc cập nhật bình luận",
        {"needs.check.outputs.comment": outputs["body"]},
        fake={"FAKE_EXISTING": "555"},
        cwd=tmp_path,
    )
    assert [c["args"][:4] for c in calls if "--method" in c["args"]] == [
        ["api", "--method", "PATCH", "repos/so-noi-vu/cchc/issues/comments/555"]
    ]
    # a result older than the pull request's head is not posted
    calls = _run_step(
        report,
        "Đăng hoặc cập nhật bình luận",
        {"needs.check.outputs.comment": outputs["body"]},
        fake={"FAKE_CURRENT_HEAD": "2" * 40},
        cwd=tmp_path,
    )
    assert not [c for c in calls if "--method" in c["args"]]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_pull_request_number_comes_from_the_event_only(path):
    wf = _load(path)
    if not {"pull_request", "pull_request_target", "workflow_run", "merge_group"} & set(wf["on"]):
        return  # not run for a pull request
    for job in wf["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "")
            if "/comments" in script or "/statuses/" in script:
                assert not re.search(r"\b(NUMBER|number)=", script), step["name"]  # never read from a file
                if "$NUMBER" in script:
                    assert step["env"]["NUMBER"] == "${{ github.event.pull_request.number }}"


def test_the_entry_close_reads_each_heads_time_from_the_base_defined_runs(tmp_path):
    validate = _load(ROOT / ".github/workflows/validate.yml")
    assert (
        "format('Yêu cầu gộp #{0} tại {1}', github.event.pull_request.number, github.event.pull_request.head.sha)"
        in validate["run-name"]
    )
    job = _load(ROOT / ".github/workflows/close-entry.yml")["jobs"]["close"]
    step = _step(job, "Lấy dữ liệu các yêu cầu gộp đang mở")
    # runs of the base-defined workflow only: a `pull_request` run would be named by its own copy
    assert "actions/workflows/validate.yml/runs?event=pull_request_target&" in step["run"]
    assert 'jq -c --arg n "$number" "$RUNS_OF_PULL" forge/runs.json > "forge/$number/runs.json"' in step["run"]
    title = "Yêu cầu gộp #{0} tại {1}".format
    runs = [
        {"display_title": title(12, "a" * 40), "created_at": "2025-12-30T01:00:00Z"},
        {"display_title": title(112, "b" * 40), "created_at": "2025-12-30T02:00:00Z"},
        {"display_title": f"Hàng đợi gộp tại {'c' * 40}", "created_at": "2025-12-30T03:00:00Z"},
        {"display_title": f"Sửa hồ sơ {title(12, 'd' * 40)}", "created_at": "2025-12-30T04:00:00Z"},
        {"display_title": title(12, "e" * 40), "created_at": "2026-01-02T01:00:00Z"},
    ]
    (tmp_path / "runs.json").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in runs), encoding="utf-8"
    )
    done = subprocess.run(
        ["jq", "-c", "--arg", "n", "12", step["env"]["RUNS_OF_PULL"], str(tmp_path / "runs.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {"head_sha": "a" * 40, "created_at": "2025-12-30T01:00:00Z"},
        {"head_sha": "e" * 40, "created_at": "2026-01-02T01:00:00Z"},
    ]


def test_receipts_are_pushed_with_the_deploy_key_only():
    wf = _load(ROOT / ".github/workflows/close-entry.yml")
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write", "actions": "read"}
    assert job["environment"] == "khoa-nhap-lieu"  # its secret is open to the main branch only
    step = _step(job, "Khoá nhập liệu và ghi thẻ tiếp nhận")
    assert step["env"]["DEPLOY_KEY"] == "${{ secrets.CCHC_KHOA_DAY_THE }}"
    assert "GH_TOKEN" not in step["env"]
    script = step["run"]
    assert '--apply --push "git@github.com:$REPO.git"' in script
    assert (
        "StrictHostKeyChecking=yes" in script
        and 'trap \'rm -f "$key" "$signing_key"\' EXIT' in script
        and "umask 077" in script
    )
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "git config" not in runs and "git remote" not in runs  # nothing is stored in the checkout
    assert sum("secrets." in json.dumps(s) for s in job["steps"]) == 1


def test_only_the_publication_saves_the_cache_the_pull_request_check_restores():
    """A `pull_request_target` run shares the main branch's cache scope: what the check restores
    must come from the publication's build on the main branch (its code, its data), and no
    workflow that reads a pull request saves a cache."""
    for path in WORKFLOWS:
        saving = [s for s in _steps(_load(path)) if _saves_cache(s)]
        assert not saving or path.name == "publish.yml", (path.name, saving)
    build = _load(ROOT / ".github/workflows/publish.yml")["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    [save] = [s for s in build["steps"] if s.get("uses", "").startswith("actions/cache/save@")]
    make = build["steps"].index(_step(build, "Kiểm tra, tính điểm và tạo trang"))
    assert build["steps"].index(save) > make
    check = _load(ROOT / ".github/workflows/validate.yml")["jobs"]["check"]
    [restore] = [s for s in check["steps"] if _is_restore(s)]
    run = next(s for s in check["steps"] if s.get("run", "").startswith("cchc check-pr"))
    assert check["steps"].index(restore) < check["steps"].index(run)
    assert restore["with"]["path"] == save["with"]["path"] == run["env"]["CCHC_CACHE_DIR"]
    assert restore["with"]["restore-keys"] == "cchc-kiem-tra-"
    assert save["with"]["key"].startswith("cchc-kiem-tra-${{ github.sha }}")

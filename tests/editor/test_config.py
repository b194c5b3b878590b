"""The editor's configuration, generated from the data: the open year, one form per unit
that follows the framework, backend settings, the CLI command and the site build."""

from __future__ import annotations

import html
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from cchc.cli.main import main
from cchc.editor import config as editor_config
from cchc.editor import fields
from cchc.editor.openyear import open_year
from cchc.editor.settings import Settings, resolve
from cchc.load import repository
from cchc.model.numbers import fmt
from cchc.rules import KINDS

VN = timezone(timedelta(hours=7))
LOCAL = Settings(local_backend="http://127.0.0.1:8081/api/v1")


def _add_plan(root: Path, year: int) -> None:
    """plans/<year>.yaml: the 2025 plan moved to ``year``."""
    text = (root / "plans" / "2025.yaml").read_text(encoding="utf-8")
    shift = lambda y: str(y + year - 2025)
    text = text.replace("2026-", shift(2026) + "-").replace("2025", str(year))
    (root / "plans" / f"{year}.yaml").write_text(text, encoding="utf-8")


def test_open_year_is_the_plan_whose_entry_window_is_open(mini_repo):
    _add_plan(mini_repo, 2027)
    repo = repository.load(mini_repo, wanted=lambda f: False)
    assert open_year(repo, datetime(2025, 12, 1, tzinfo=VN)) == 2025
    assert open_year(repo, datetime(2026, 1, 5, tzinfo=VN)) == 2025  # a unit's extension keeps it open
    assert open_year(repo, datetime(2027, 11, 20, tzinfo=VN)) == 2027
    assert open_year(repo, datetime(2026, 6, 1, tzinfo=VN)) == 2027  # nothing open: the latest plan
    assert editor_config.choose_year(repo, Settings(local_backend="x", year=2025)) == 2025
    with pytest.raises(editor_config.EditorError, match="2030"):
        editor_config.choose_year(repo, Settings(local_backend="x", year=2030))


def _inputs(field: dict) -> dict:
    return {f["name"]: f for f in field["fields"]}


def test_each_unit_gets_a_form_that_follows_its_framework(mini_repo):
    repo = repository.load(mini_repo, wanted=lambda f: False)
    cfg, rules = editor_config.build(repo, LOCAL)
    assert [[f["name"] for f in c["files"]] for c in cfg["collections"]] == [[u.id] for u in repo.units_in(2025)]
    assert [c["name"] for c in cfg["collections"]] == ["2025-so-a", "2025-so-b"]
    collection = cfg["collections"][1]
    [unit_file] = collection["files"]
    assert unit_file["file"] == "submissions/2025/so-b/self-assessment.yaml"
    assert (unit_file["media_folder"], unit_file["public_folder"]) == ("evidence", "evidence")
    assert collection["publish"] is False and cfg["publish_mode"] == "editorial_workflow"
    form = {f["name"]: f for f in unit_file["fields"]}
    assert form["unit"] == {"label": "Mã đơn vị", "name": "unit", "widget": "hidden", "default": "so-b"}
    fw = repo.framework_for(2025, "so")
    areas = [f for f in unit_file["fields"] if f["name"].startswith("a_")]
    shown = [c["name"] for a in areas for c in a["fields"]]
    assert shown == [fields.key("c", n.code) for n in fw.self_leaves()]  # framework order, survey left out
    assert [a["name"] for a in areas] == ["a_1", "a_2", "a_4"]  # area 3 is survey only
    by_code = {n.code: n for n in fw.self_leaves()}
    for area in areas:
        for crit in area["fields"]:
            node = by_code[crit["name"][2:].replace("_", ".")]
            kind = KINDS[node.rule.kind]
            inputs = _inputs(crit)
            assert node.code in crit["label"] and node.title in crit["label"]
            assert ("na" in inputs) == node.na_allowed == ("na_reason" in inputs)
            assert inputs["evidence"]["widget"] == "list" and "explanation" in inputs
            if kind.uses_figures:
                assert {"achieved", "total"} <= set(inputs) and "score" not in inputs
                assert node.rule.params["figures"]["achieved"] in inputs["achieved"]["label"]
            elif kind.options(node):
                assert [o["value"] for o in inputs["score"]["options"]] == [fmt(p) for _, p in kind.options(node)]
            else:
                assert inputs["score"]["widget"] == "number"
                assert inputs["score"]["step"] == float(kind.step(node)) and inputs["score"]["max"] == float(node.max)
            assert kind.describe(node) in (inputs.get("score") or inputs["achieved"])["hint"]
    leaf_rules = {leaf["code"]: leaf for a in rules["frameworks"]["mini/so"]["areas"] for leaf in a["leaves"]}
    assert leaf_rules["3.1"]["input"] is False and leaf_rules["2.2.1"]["figures"] is True
    assert rules["units"]["so-b"]["deadline"].startswith("2026-01-10")  # its extension


def _walk(fields_: list):
    for f in fields_:
        yield f
        yield from _walk(f.get("fields", []))


def test_uploads_and_dates_are_set_up_for_the_browser_checks(mini_repo):
    """Every PDF input is the page's checked PDF widget with the plan's limit, the browser gets
    the same limit to refuse larger files, uploaded names are made ASCII, and dates are typed
    day first (no date picker: it shows the browser's language's order and a time zone)."""
    repo = repository.load(mini_repo, wanted=lambda f: False)
    cfg, rules = editor_config.build(repo, LOCAL)
    limit = int(repo.plans[2025].max_file_mb * 1024 * 1024)
    assert rules["max_file_bytes"] == limit
    assert cfg["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    form = list(_walk(cfg["collections"][0]["files"][0]["fields"]))
    pdfs = [f for f in form if f["name"] == "file"]
    dates = [f for f in form if f["name"] == "date"]
    assert pdfs and {f["widget"] for f in pdfs} == {"cchc-pdf"}
    assert {f["media_library"]["config"]["max_file_size"] for f in pdfs} == {limit}
    assert dates and {f["widget"] for f in dates} == {"string"}
    pattern = re.compile(dates[0]["pattern"][0])
    assert pattern.match("15/12/2025") and pattern.match("2025-12-15") and not pattern.match("12-15-2025")
    assert all("evidence/" not in str(f.get("hint", "")) for f in form)


def test_the_config_is_small_yaml_with_shared_field_lists(mini_repo):
    units = mini_repo / "units" / "so.yaml"
    extra = "".join(f"  - {{id: so-x{i}, name: Sở X{i}, level: so, group: so, from: 2020}}\n" for i in range(20))
    units.write_text(units.read_text(encoding="utf-8") + extra, encoding="utf-8")
    repo = repository.load(mini_repo, wanted=lambda f: False)
    cfg, _ = editor_config.build(repo, LOCAL)
    text = editor_config.dump(cfg)
    assert yaml.load(text, Loader=yaml.CSafeLoader) == cfg
    expanded = yaml.dump(cfg, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)
    assert len(text) * 5 < len(expanded)
    assert text.startswith("# ") and "*id" in text


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def test_backend_settings_come_from_the_site_the_ci_and_the_command():
    env = {"CCHC_EDITOR_REPO": "snv-mau/chi-so-cchc", "GITHUB_REPOSITORY": "other/repo"}
    s = resolve(
        {"backend": "github", "repo": "x/y", "branch": "chinh", "base_url": "https://oauth.example.vn"},
        {"open_authoring": True},
        env,
    )
    assert (s.backend, s.repo, s.branch, s.base_url, s.open_authoring) == (
        "github",
        "snv-mau/chi-so-cchc",
        "chinh",
        "https://oauth.example.vn",
        True,
    )
    in_actions = resolve(None, None, {"GITHUB_REPOSITORY": "snv/kho"})
    assert (in_actions.backend, in_actions.repo) == ("github", "snv/kho") and "base_url" in in_actions.problem()
    assert resolve(None, None, {"GITHUB_REPOSITORY": "snv/kho", "CCHC_EDITOR_BASE_URL": "https://o.vn"}).configured
    assert "chưa khai báo" in resolve(None, None, {}).problem()
    assert "api_root" in resolve({"backend": "forgejo", "repo": "a/b"}, None, {}).problem()
    assert "không được hỗ trợ" in resolve({"backend": "gitlab", "repo": "a/b"}, None, {}).problem()
    assert resolve(
        {"backend": "forgejo", "repo": "a/b", "api_root": "https://git.tinh.vn/api/v1", "app_id": "abc"}, None, {}
    ).configured


def test_backends_in_the_config(mini_repo):
    repo = repository.load(mini_repo, wanted=lambda f: False)
    github, _ = editor_config.build(repo, Settings(backend="github", repo="snv/kho", base_url="https://o.vn"))
    assert github["backend"]["name"] == "github" and github["backend"]["base_url"] == "https://o.vn"
    assert "local_backend" not in github and "open_authoring" not in github["backend"]
    assert github["backend"]["commit_messages"]["uploadMedia"].startswith("Tải lên tài liệu kiểm chứng")
    forgejo, _ = editor_config.build(
        repo,
        Settings(
            backend="forgejo", repo="snv/kho", app_id="id1", api_root="https://git.tinh.vn/api/v1", open_authoring=True
        ),
    )
    assert forgejo["backend"]["api_root"] == "https://git.tinh.vn/api/v1"
    assert forgejo["backend"]["open_authoring"] is forgejo["backend"]["always_fork"] is True
    local, _ = editor_config.build(repo, LOCAL)
    assert local["backend"]["name"] == "proxy" and local["local_backend"] == {"url": LOCAL.local_backend}
    with pytest.raises(editor_config.EditorError, match="chưa khai báo"):
        editor_config.build(repo, Settings())


def test_command_prints_or_writes_the_config(mini_repo, tmp_path, capsys):
    assert (
        main(
            [
                "editor-config",
                "--root",
                str(mini_repo),
                "--backend",
                "github",
                "--repo",
                "snv/kho",
                "--base-url",
                "https://dang-nhap.snv.example.vn",
            ]
        )
        == 0
    )
    printed = yaml.safe_load(capsys.readouterr().out)
    assert printed["backend"]["repo"] == "snv/kho" and printed["locale"] == "vi"
    assert main(["editor-config", "--root", str(mini_repo)]) == 2
    assert "chưa khai báo máy chủ Git" in capsys.readouterr().err
    assert main(["editor-config", "--root", str(mini_repo), "--with-assets"]) == 2
    assert (
        main(
            [
                "editor-config",
                "--root",
                str(mini_repo),
                "--local-backend",
                "http://127.0.0.1:1/api/v1",
                "--out",
                str(tmp_path / "admin"),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "admin").iterdir()) == ["cchc-editor.json", "config.yml", "index.html"]
    shutil.rmtree(mini_repo / "plans")
    assert main(["editor-config", "--root", str(mini_repo), "--local-backend", "http://127.0.0.1:1/api/v1"]) == 2
    assert "chưa có kế hoạch" in capsys.readouterr().err


def test_the_site_serves_the_editor_at_admin(mini_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_EDITOR_BACKEND", "github")
    monkeypatch.setenv("CCHC_EDITOR_REPO", "snv/kho")
    monkeypatch.setenv("CCHC_EDITOR_BASE_URL", "https://dang-nhap.snv.example.vn")
    out = tmp_path / "site"
    assert main(["build", "--root", str(mini_repo), "--out", str(out)]) == 0
    admin = out / "admin"
    for name in (
        "index.html",
        "editor.js",
        "format.js",
        "totals.js",
        "preview.js",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
        "vendor/yaml/index.js",
        "vendor/big.mjs",
        "cchc-editor.json",
    ):
        assert (admin / name).is_file(), name
    cfg = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert cfg["backend"]["repo"] == "snv/kho" and "local_backend" not in cfg
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert 'src="http' not in page and 'href="http' not in page  # nothing from a CDN
    assert "connect-src 'self' blob: data: https://api.github.com https://dang-nhap.snv.example.vn;" in html.unescape(
        page
    )

    for name in ("CCHC_EDITOR_BACKEND", "CCHC_EDITOR_REPO", "CCHC_EDITOR_BASE_URL"):
        monkeypatch.delenv(name)
    bare = tmp_path / "bare"
    assert main(["build", "--root", str(mini_repo), "--out", str(bare)]) == 0
    notice = (bare / "admin" / "index.html").read_text(encoding="utf-8")
    assert "chưa được quản trị viên cấu hình" in notice and not (bare / "admin" / "decap-cms.js").exists()

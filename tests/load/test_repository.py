"""The loaded repository is the model's frozen aggregate: what it holds is decided while loading."""

from __future__ import annotations

import dataclasses

import pytest

from cchc import validation
from cchc.load import repository
from cchc.load.source import FileSource
from cchc.model.repository import Dossier, Repository


def test_load_returns_the_models_repository_and_its_fields_cannot_be_reassigned(mini_repo):
    repo = repository.load(mini_repo)
    assert isinstance(repo, Repository)
    assert repo.scope is None
    dossier = repo.dossiers[(2025, "so-a")]
    assert isinstance(dossier, Dossier)
    assert dossier.present == {"self-assessment.yaml", "appraisal.yaml"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo.scope = ["submissions/2025/so-a"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        dossier.appraisal = None


def test_a_limited_run_gets_its_scope_while_loading(mini_repo):
    result = validation.validate(mini_repo, ["submissions/2025/so-a"])
    assert result.repo.scope == ("submissions/2025/so-a",)
    assert repository.load(mini_repo, scope=["surveys/2025.yaml"]).scope == ("surveys/2025.yaml",)


def test_the_loaded_repository_takes_no_attributes_beside_its_fields(mini_repo):
    """Per-run memos live in the checks' run (checks.Run), not on the repository."""
    repo = repository.load(mini_repo)
    assert type(repo) is Repository
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo._pdf_inspector = object()


def test_a_link_leading_outside_is_never_read(mini_repo, tmp_path):
    """The loader skips links (check_tree reports them, path-symlink); a link that appears between
    the listing and the read is still refused by the file source: file-outside, nothing read."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("- id: bi-mat\n", encoding="utf-8")
    (mini_repo / "units" / "outside.yaml").symlink_to(secret)
    parsed, found = repository.read_document(FileSource(mini_repo), "units/outside.yaml", "units")
    assert parsed is None
    assert [(f.code, f.file, f.is_error) for f in found] == [("file-outside", "units/outside.yaml", True)]
    assert "liên kết" in found[0].message and found[0].hint


def test_the_callers_work_is_done_while_the_dossiers_load(mini_repo):
    """``meanwhile`` (a build imports the site's libraries then) runs once, in the caller, and
    changes nothing of what is loaded."""
    import os

    seen: list[int] = []
    loaded = repository.load(mini_repo, processes=2, meanwhile=lambda: seen.append(os.getpid()))
    assert seen == [os.getpid()]
    assert loaded.dossiers == repository.load(mini_repo).dossiers

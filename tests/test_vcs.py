"""The Git module (``cchc.vcs``) on a real repository: Vietnamese names in both Unicode forms
come back byte for byte (never octal-quoted), a name starting with '-' is a name, pathspecs are
literal, tags are read as they are, and every failure is a GitError in Vietnamese."""

from __future__ import annotations

import os
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest

from cchc import vcs
from cchc.vcs import Git, GitError, worktree

NFC = unicodedata.normalize("NFC", "evidence/Quyết định.pdf")
NFD = unicodedata.normalize("NFD", "evidence/Báo cáo tổng hợp.pdf")
DASH = "-n.txt"  # would be an option if it ever reached Git's command line as one
GLOB = "a[1].pdf"  # a pattern if pathspecs were not literal: it would match "a1.pdf"


def git(root: Path, *args: str, data: bytes | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Thử nghiệm", "-c", "user.email=t@example.org", *args],
        input=data,
        capture_output=True,
        env=env,
        check=True,
    )
    return done.stdout.decode("utf-8").strip()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for rel in (NFC, NFD, DASH, GLOB, "a1.pdf", "province.yaml"):
        write(root, rel, f"nội dung {rel}\n")
    os.symlink("province.yaml", root / "lien-ket")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Khởi tạo")
    git(root, "tag", "-a", "-m", "Bản tiếp nhận", "nop/2025/so-a")
    git(root, "tag", "nhe")
    git(root, "checkout", "-q", "-b", "so-a")
    write(root, NFC, "sửa\n")
    write(root, DASH, "sửa\n")
    write(root, NFD.replace(".pdf", "-2.pdf"), "mới\n")
    git(root, "rm", "-q", "a1.pdf")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Sửa hồ sơ")
    return root


def test_commits_resolve_as_git_itself_resolves_them(repo):
    with Git(repo / "evidence") as g:  # any folder inside the work tree
        assert g.root == repo.resolve()
        for rev in (
            "HEAD",
            "main",
            "so-a",
            "HEAD~1",
            "nop/2025/so-a",
            "nhe",
            git(repo, "rev-parse", "--short", "HEAD"),
        ):
            assert g.commit(rev) == git(repo, "rev-parse", "--verify", f"{rev}^{{commit}}"), rev
        assert g.merge_base(g.commit("main"), g.commit("so-a")) == g.commit("main")
        assert g.has_commit("main") and not g.has_commit("khong-co")


def test_a_missing_or_option_like_revision_is_a_vietnamese_git_error(repo):
    with Git(repo) as g:
        with pytest.raises(GitError) as missing:
            g.commit("0" * 40)
        assert "không tìm thấy commit" in str(missing.value) and "fetch-depth" in str(missing.value)
        for rev in ("--output=/tmp/x", "-n", ""):
            with pytest.raises(GitError, match="không phải tên commit hợp lệ"):
                g.commit(rev)
            with pytest.raises(GitError, match="không phải tên commit hợp lệ"):
                g.changes("main", rev)
        with pytest.raises(GitError, match="không tìm thấy commit"):
            g.exists("khong-co-nhanh-nay", "province.yaml")
        with pytest.raises(GitError, match="không so sánh được"):
            g.changes("main", "khong-co-nhanh-nay")
        with pytest.raises(GitError, match="không phải tên hợp lệ"):
            g.push("--upload-pack=touch /tmp/x", "refs/tags/nhe")


def test_a_folder_outside_git_is_a_vietnamese_git_error(tmp_path):
    with pytest.raises(GitError, match="không phải kho Git") as caught:
        Git(tmp_path)
    assert caught.value.detail  # GitPython's own words, for debugging


def test_changed_names_come_back_exactly_as_committed(repo):
    with Git(repo) as g:
        changes = g.changes(g.commit("main"), g.commit("so-a"), three_dot=True)
    added = NFD.replace(".pdf", "-2.pdf")
    assert {(c.status, c.path) for c in changes} == {("M", NFC), ("M", DASH), ("A", added), ("D", "a1.pdf")}
    assert unicodedata.is_normalized("NFD", next(c.path for c in changes if c.status == "A"))  # not re-normalised
    assert not any("\\" in c.path or '"' in c.path for c in changes)  # never octal-quoted


def test_pathspecs_are_literal(repo):
    with Git(repo) as g:
        assert g.changes("main", "so-a", GLOB) == []  # "a[1].pdf" is not the pattern matching "a1.pdf"
        assert [c.path for c in g.changes("main", "so-a", DASH)] == [DASH]
        assert [c.path for c in g.changes("main", "so-a", "a1.pdf")] == ["a1.pdf"]


def test_trees_and_blobs_by_exact_name(repo):
    with Git(repo) as g:
        assert g.read("main", NFD) == f"nội dung {NFD}\n".encode()
        assert g.read("so-a", NFC) == "sửa\n".encode()
        assert g.read("so-a", DASH) == "sửa\n".encode()
        assert g.read("main", GLOB) == f"nội dung {GLOB}\n".encode()
        # Git compares names byte for byte: the other Unicode form is another name
        assert g.read("main", unicodedata.normalize("NFC", NFD)) is None
        assert g.read("main", "evidence") is None  # a folder is not a file
        assert g.read("khong-co-nhanh-nay", "province.yaml") is None
        assert g.exists("main", "evidence") and g.exists("main", "evidence/") and not g.exists("main", "khong-co")
        files = g.tree_files("main", "evidence")
        assert files == {NFC: git(repo, "rev-parse", f"main:{NFC}"), NFD: git(repo, "rev-parse", f"main:{NFD}")}
        assert g.tree_files("main", "khong-co") == {}
        modes = dict((path, mode) for mode, path in g.tree_modes("main", ["evidence", "lien-ket", DASH]))
        assert modes == {"evidence": "040000", NFC: "100644", NFD: "100644", "lien-ket": "120000", DASH: "100644"}


def test_export_writes_exactly_the_committed_files(repo, tmp_path):
    with Git(repo) as g:
        g.export("main", ["evidence", DASH, GLOB, "khong-co"], tmp_path / "ra")
        g.export("main", ["khong-co"], tmp_path / "trong")  # nothing asked exists: nothing written
    out = tmp_path / "ra"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        [NFC, NFD, DASH, GLOB]
    )
    assert (out / NFD).read_text(encoding="utf-8") == f"nội dung {NFD}\n"
    assert not (tmp_path / "trong").exists()


def _tree(folder: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry below ``folder``: a file's bytes or a link's target, and its mode."""
    return {
        p.relative_to(folder).as_posix(): (
            os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else b"",
            p.lstat().st_mode,
        )
        for p in folder.rglob("*")
    }


def test_an_export_of_regular_files_is_what_the_archive_writes(repo, tmp_path):
    """Regular files are read as blobs; a link among the paths leaves it all to ``git archive``:
    both write the same files, folders and modes."""
    os.chmod(repo / NFC, 0o755)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Thực thi")
    with Git(repo) as g:
        g.export("HEAD", ["evidence", DASH, GLOB, "province.yaml"], tmp_path / "blob")
        g.export("HEAD", ["evidence", DASH, GLOB, "province.yaml", "lien-ket"], tmp_path / "archive")
    by_blob, by_archive = _tree(tmp_path / "blob"), _tree(tmp_path / "archive")
    assert os.path.islink(tmp_path / "archive" / "lien-ket") and by_archive.pop("lien-ket")
    assert by_blob == by_archive
    assert by_blob[NFC][1] & 0o777 == 0o755 and by_blob[DASH][1] & 0o777 == 0o644


def test_where_attributes_apply_the_archive_writes_the_export(repo, tmp_path):
    """Line endings (or filters) set by attributes, in the commit or the repository's own file,
    change what the archive writes: the export is then the archive's."""
    write(repo, "evidence/.gitattributes", "*.txt eol=crlf\n")
    write(repo, "evidence/ghi-chu.txt", "một\nhai\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Thuộc tính")
    with Git(repo) as g:
        g.export("HEAD", ["evidence/ghi-chu.txt"], tmp_path / "a")
        g.export("HEAD", [DASH], tmp_path / "b")
        (repo / ".git" / "info").mkdir(exist_ok=True)
        (repo / ".git" / "info" / "attributes").write_text("*.txt eol=crlf\n", encoding="utf-8")
        g.export("HEAD", [DASH], tmp_path / "c")
    assert (tmp_path / "a" / "evidence/ghi-chu.txt").read_bytes() == "một\r\nhai\r\n".encode()
    assert (tmp_path / "b" / DASH).read_bytes() == "sửa\n".encode()
    assert (tmp_path / "c" / DASH).read_bytes() == "sửa\r\n".encode()


def test_tags_are_read_as_they_are(repo):
    with Git(repo) as g:
        annotated = g.tag_ref("nop/2025/so-a")
        assert annotated == git(repo, "rev-parse", "refs/tags/nop/2025/so-a") != g.commit("main")
        assert g.tag_ref("nhe") == g.commit("main")  # a plain tag names the commit itself
        assert g.tag_ref("khong-co") is None and g.tag_ref("../../config") is None
        kind, size = g.object_info(annotated)
        assert (kind, size) == ("tag", int(git(repo, "cat-file", "-s", annotated)))
        assert g.object_bytes(annotated).decode() == git(repo, "cat-file", "tag", annotated) + "\n"
        assert g.object_info(g.commit("main"))[0] == "commit"
        with pytest.raises(GitError, match="không tìm thấy đối tượng"):
            g.object_info("0" * 40)
        g.delete_tag("nhe")
        assert g.tag_ref("nhe") is None
        with pytest.raises(GitError, match="không xoá được thẻ"):
            g.delete_tag("nhe")


def test_the_working_tree(repo):
    with Git(repo) as g:
        assert g.head_is(g.commit("so-a"))
        write(repo, DASH, "chưa commit\n")
        write(repo, "evidence/Tệp mới.pdf", "mới\n")
        assert not g.head_is(g.commit("so-a"))
        assert g.worktree_changes("main") == sorted(
            [NFC, DASH, NFD.replace(".pdf", "-2.pdf"), "a1.pdf", "evidence/Tệp mới.pdf"]
        )
        assert g.setting("cchc.account") == "" and g.setting("core.bare") == "false"
    assert vcs.modified(repo, ".") == [DASH]
    assert vcs.untracked(repo, "evidence") == ["evidence/Tệp mới.pdf"]
    tracked = {e.path: e for e in vcs.tracked(repo, ["evidence", "lien-ket"])}
    assert tracked["lien-ket"].mode == "120000" and tracked[NFD].mode == "100644"
    assert tracked[NFD].blob == git(repo, "rev-parse", f":{NFD}")
    assert vcs.tracked(repo, ["evidence", "lien-ket"], modes=["120000"]) == [tracked["lien-ket"]]
    assert vcs.blob_id(repo / DASH) == git(repo, "hash-object", "--no-filters", "--", DASH)
    sha, dirty = vcs.head_state(repo)
    assert sha == git(repo, "rev-parse", "HEAD") and dirty


def test_a_checkout_at_a_commit_below_the_paths_read(repo):
    """``head_is`` with paths looks at those paths only; inside ``as_committed`` the work tree
    answers as its index, without looking."""
    with Git(repo) as g:
        at = g.commit("so-a")
        write(repo, DASH, "chưa commit\n")
        write(repo, "evidence/Tệp mới.pdf", "mới\n")
        assert not g.head_is(at) and not g.head_is(at, [DASH]) and not g.head_is(at, ["."])
        assert g.head_is(at, ["evidence", "province.yaml"]) and g.head_is(at, [])
        assert not g.head_is(g.commit("main"), [])
        with vcs.as_committed(repo), vcs.snapshot():
            assert vcs.modified(repo, ".") == [] and vcs.untracked(repo, ".") == []
        assert vcs.modified(repo, ".") == [DASH] and vcs.untracked(repo, ".") == ["evidence/Tệp mới.pdf"]
        git(repo, "add", "--", DASH)
        assert not g.head_is(at, ["evidence"])  # staged: the index is not the commit


def test_outside_git_the_working_tree_answers_none(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    assert vcs.tracked(tmp_path, ["."]) is None
    assert vcs.modified(tmp_path, ".") is None
    assert vcs.untracked(tmp_path, ".") is None
    assert vcs.head_state(tmp_path) is None


def _changes_as_git_diffs(root: Path, base: str) -> list[str]:
    """What the work tree's changes were defined as: `git diff <fork>` against the work tree, and
    the untracked files."""
    fork = git(root, "merge-base", base, "HEAD")
    edited = git(root, "-c", "core.quotepath=off", "diff", "--name-only", "--no-renames", fork).splitlines()
    new = git(root, "-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard").splitlines()
    return sorted({*edited, *new})


def test_the_work_trees_changes_are_what_a_diff_against_the_work_tree_gives(repo):
    """One walk of the work tree, commit-to-commit diffs and a diff of the few paths that may have
    changed give exactly what `git diff <fork point>` and `git ls-files --others` give, in every
    state: committed, staged only, edited then put back, deleted, new."""
    write(repo, "province.yaml", "sửa trong commit\n")
    git(repo, "commit", "-qam", "Sửa")
    write(repo, "province.yaml", "nội dung province.yaml\n")  # back to the fork's content
    write(repo, GLOB, "đã stage\n")
    git(repo, "add", GLOB)
    write(repo, NFD, "stage rồi sửa lại như cũ\n")
    git(repo, "add", NFD)
    write(repo, NFD, f"nội dung {NFD}\n")
    os.remove(repo / DASH)
    write(repo, "ho-so/Mới tinh.pdf", "mới\n")
    expected = _changes_as_git_diffs(repo, "main")
    assert "province.yaml" not in expected  # put back: no change against the fork point
    with Git(repo) as g:
        assert g.worktree_changes("main") == expected
        with vcs.snapshot():
            assert g.worktree_changes("main") == expected
    assert GLOB in expected and DASH in expected and "ho-so/Mới tinh.pdf" in expected


def test_one_status_answers_as_the_three_commands(repo):
    """Inside a snapshot one ``git status`` (with its cache of folders) answers what ``git diff
    --cached``, ``git diff-files`` and ``git ls-files --others`` answer on their own: new folders
    listed file by file, ignored files left out, deleted and staged files, Vietnamese names."""
    write(repo, ".gitignore", "/bo-qua/\n*.tmp\n")
    write(repo, "bo-qua/a.pdf", "bỏ qua\n")
    write(repo, "evidence/x.tmp", "bỏ qua\n")
    write(repo, "ho-so/Mới/sâu/Tệp.pdf", "mới\n")
    write(repo, "ho-so/Mới/b.pdf", "mới\n")
    write(repo, "evidence/Thêm.pdf", "mới\n")
    write(repo, GLOB, "sửa rồi stage\n")
    git(repo, "add", "--", GLOB)
    write(repo, GLOB, "sửa tiếp\n")
    os.remove(repo / DASH)
    for _ in range(2):  # the second look reads the folders' cache the first one kept
        for p in (".", "ho-so", "evidence"):
            with vcs.snapshot():
                inside = (vcs.staged(repo, p), vcs.modified(repo, p), vcs.untracked(repo, p))
            assert inside == (vcs.staged(repo, p), vcs.modified(repo, p), vcs.untracked(repo, p)), p
    new = [".gitignore", "evidence/Thêm.pdf", "ho-so/Mới/b.pdf", "ho-so/Mới/sâu/Tệp.pdf"]
    assert vcs.untracked(repo, ".") == sorted(new)
    assert vcs.staged(repo, ".") == [GLOB] and vcs.modified(repo, ".") == sorted([DASH, GLOB])


def test_inside_a_snapshot_the_work_tree_is_looked_at_once(repo):
    with vcs.snapshot():
        assert vcs.modified(repo, ".") == [] and vcs.untracked(repo, "evidence") == []
        write(repo, DASH, "sửa trong lúc kiểm tra\n")
        write(repo, "evidence/Mới.pdf", "mới\n")
        assert vcs.modified(repo, ".") == [] and vcs.untracked(repo, ".") == []  # the one look, narrowed
    assert vcs.modified(repo, ".") == [DASH] and vcs.untracked(repo, "evidence") == ["evidence/Mới.pdf"]


def test_index_records_are_found_by_name_and_by_content(repo):
    tricky = ["evidence/tab\there.pdf", f"evidence/ {'a' * 40} .pdf", "evidence/z.pdf"]
    for rel in tricky:
        write(repo, rel, "cùng nội dung\n")
    git(repo, "add", "-A")
    records = vcs.index_records(repo, ".")
    every = vcs.IndexRecords(records._raw).regular()
    assert set(tricky) <= set(every) and "lien-ket" not in every  # a link is not a regular file
    for rel, blob in every.items():
        assert records.blob(rel) == blob
    assert records.blob("lien-ket") is None and records.blob("evidence") is None and records.blob("zz") is None
    same = every["evidence/z.pdf"]
    assert sorted(records.holding({same, "0" * 40})[same]) == sorted(r for r, b in every.items() if b == same)
    assert records.holding({same, "0" * 40})["0" * 40] == []


def test_which_paths_a_commit_has_is_asked_once_and_answered_as_one_by_one(repo):
    asked = [NFC, "evidence", "evidence/", "khong-co.pdf", GLOB, "a1.pdf", "lien-ket", "", "evidence/x/y", DASH]
    with Git(repo) as g:
        for rev in ("main", "so-a"):
            assert g.existing(rev, asked) == [p for p in asked if g.exists(rev, p)]  # a folder and a file in it
            apart = [p for p in asked if not p.startswith("evidence")] + ["evidence"]
            assert g.existing(rev, apart) == [p for p in apart if g.exists(rev, p)]
        with pytest.raises(GitError, match="không tìm thấy commit"):
            g.existing("khong-co-nhanh", asked)


def test_a_look_ahead_answers_as_the_look_it_replaces(repo, monkeypatch):
    """``look_ahead`` runs the snapshot's one ``git status`` early, in a thread: the answers are
    those of the look at the time it started, and no second look is made."""
    write(repo, DASH, "sửa trước khi nhìn\n")
    write(repo, "evidence/Mới.pdf", "mới\n")
    with vcs.snapshot():
        expected = (vcs.staged(repo, "."), vcs.modified(repo, "."), vcs.untracked(repo, "evidence"))
    looks, status = [], worktree._status
    monkeypatch.setattr(worktree, "_status", lambda top: looks.append(threading.current_thread().name) or status(top))
    with vcs.snapshot():
        vcs.look_ahead(repo)
        vcs.look_ahead(repo)  # once per work tree
        assert (vcs.staged(repo, "."), vcs.modified(repo, "."), vcs.untracked(repo, "evidence")) == expected
        write(repo, "evidence/Sau.pdf", "mới sau khi nhìn\n")
        vcs.look_ahead(repo)  # already looked at: nothing more
        assert vcs.untracked(repo, ".") == ["evidence/Mới.pdf"]
    assert looks == ["cchc-git-status"]  # one look, in its thread
    assert expected[1] == [DASH] and expected[2] == ["evidence/Mới.pdf"]
    vcs.look_ahead(repo)  # outside a snapshot it does nothing
    assert looks == ["cchc-git-status"]


def test_a_look_ahead_that_fails_leaves_the_questions_to_their_own_commands(repo, monkeypatch):
    write(repo, "evidence/Mới.pdf", "mới\n")
    write(repo, DASH, "sửa lần nữa\n")
    status = worktree._status

    def broken_in_its_thread(top: str) -> dict[str, list[str]]:
        if threading.current_thread().name == "cchc-git-status":
            raise RuntimeError("hỏng giữa chừng")
        return status(top)

    monkeypatch.setattr(worktree, "_status", broken_in_its_thread)
    escaped: list[type[BaseException]] = []  # what would print a traceback from the thread
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_type))
    with vcs.snapshot():
        vcs.look_ahead(repo)
        assert vcs.untracked(repo, "evidence") == ["evidence/Mới.pdf"]
        assert vcs.modified(repo, ".") == [DASH]
    assert escaped == []

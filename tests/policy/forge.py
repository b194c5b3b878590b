"""A small Git forge for tests: a bare remote, clones with real commits by several authors
(with any dates they claim), and event payload files in the shape GitHub and Gitea write."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

EPOCH = "2025-11-01T08:00:00+07:00"


def git(cwd: Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    full = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd), **(env or {})}
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=full)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {proc.stderr}")
    return proc.stdout.strip()


def make_key(path: Path) -> Path:
    """A real SSH key pair made by ssh-keygen (ed25519, no passphrase): ``path`` and ``path.pub``."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def signers_line(key: Path, principal: str = "cchc-khoa-nhap-lieu") -> str:
    """The key's line in an OpenSSH allowed-signers file, for Git's namespace only."""
    kind, blob = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    return f'{principal} namespaces="git" {kind} {blob}\n'


class Forge:
    """``origin`` is the server's bare repository; ``work`` is where people commit."""

    def __init__(self, root: Path, files: Path):
        self.root = root
        self.origin = root / "origin.git"
        self.work = root / "work"
        self.events = root / "events"
        self.events.mkdir(parents=True)
        git(root, "init", "-q", "--bare", "-b", "main", str(self.origin))
        shutil.copytree(files, self.work)
        (self.work / ".gitignore").write_text("/.cache/\n/site/\n", encoding="utf-8")  # as the product's
        git(self.work, "init", "-q", "-b", "main")
        git(self.work, "remote", "add", "origin", str(self.origin))
        self.commit("Khởi tạo kho dữ liệu", author="snv-admin", date=EPOCH, add_all=True)
        git(self.work, "push", "-q", "origin", "main")
        self.count = 0

    # -- people at work
    def branch(self, name: str, start: str = "main") -> None:
        git(self.work, "checkout", "-q", "-B", name, start)

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = (self.work / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def remove(self, rel: str) -> None:
        git(self.work, "rm", "-q", "-r", rel)

    def commit(self, message: str, author: str, date: str, add_all: bool = True, allow_empty: bool = False) -> str:
        """Commit as ``author``, claiming ``date`` (author and committer dates are whatever one writes)."""
        if add_all:
            git(self.work, "add", "-A")
        env = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": f"{author}@example.vn",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": f"{author}@example.vn",
            "GIT_COMMITTER_DATE": date,
        }
        git(self.work, "commit", "-q", "-m", message, *(["--allow-empty"] if allow_empty else []), env=env)
        return git(self.work, "rev-parse", "HEAD")

    def push(self, branch: str) -> str:
        git(self.work, "push", "-q", "-f", "origin", f"{branch}:{branch}")
        return git(self.work, "rev-parse", branch)

    def merge(self, branch: str, by: str = "hdtd-1", date: str = EPOCH) -> str:
        """The forge merges a pull request into main (a merge commit, as the merge button makes)."""
        git(self.work, "checkout", "-q", "main")
        git(self.work, "pull", "-q", "origin", "main")
        env = {
            "GIT_COMMITTER_NAME": by,
            "GIT_COMMITTER_EMAIL": f"{by}@example.vn",
            "GIT_COMMITTER_DATE": date,
            "GIT_AUTHOR_NAME": by,
            "GIT_AUTHOR_EMAIL": f"{by}@example.vn",
            "GIT_AUTHOR_DATE": date,
        }
        git(self.work, "merge", "-q", "--no-ff", "-m", f"Gộp {branch}", branch, env=env)
        git(self.work, "push", "-q", "origin", "main")
        return git(self.work, "rev-parse", "HEAD")

    def main(self) -> str:
        return git(self.origin, "rev-parse", "main")

    def push_tag(
        self, name: str, target: str, message: str | None = None, key: Path | None = None, tag_name: str | None = None
    ) -> None:
        """Someone with the right to push tags pushes ``name`` to the server: a plain tag, an annotated
        one (``message``), or one signed with ``key``; ``tag_name``: a tag object made under another
        name, then pushed as ``name``."""
        made = tag_name or name
        signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
        kind = ["-s"] if key else ["-a"] if message is not None else []
        git(
            self.work,
            "-c",
            "user.name=ai-do",
            "-c",
            "user.email=ai-do@example.vn",
            *signing,
            "tag",
            "-f",
            *kind,
            *(["-m", message] if kind else []),
            made,
            target,
        )
        git(self.work, "push", "-q", "-f", "origin", f"refs/tags/{made}:refs/tags/{name}")

    # -- the CI runner's view: a fresh clone of the server, at the pull request's head
    def checkout(self, head: str, name: str = "ci") -> Path:
        dest = self.root / name
        if dest.exists():
            shutil.rmtree(dest)
        git(self.root, "clone", "-q", "--no-checkout", str(self.origin), str(dest))
        git(dest, "fetch", "-q", "origin", "+refs/tags/*:refs/tags/*", "+refs/heads/*:refs/remotes/origin/*")
        git(dest, "checkout", "-q", "--detach", head)
        return dest

    # -- the forge's event payloads
    def pull_request(
        self,
        head: str,
        author: str,
        time: str,
        action: str = "synchronize",
        number: int = 1,
        sender: str | None = None,
        before: str | None = None,
        draft: bool = False,
        base: str | None = None,
        title: str = "Hồ sơ tự đánh giá",
        label: str | None = None,
        labels: tuple[str, ...] = (),
        changes: dict | None = None,
    ) -> Path:
        """``label``: the label a ``labeled``/``unlabeled`` event added or removed; ``labels``: the pull
        request's labels after the event; ``changes``: what an ``edited`` event changed."""
        payload = {
            "action": action,
            "number": number,
            "pull_request": {
                "number": number,
                "title": title,
                "draft": draft,
                "state": "open",
                "user": {"login": author},
                "created_at": EPOCH,
                "updated_at": time,
                "labels": [{"name": name} for name in labels],
                "base": {"ref": "main", "sha": base or self.main()},
                "head": {"ref": f"pr-{number}", "sha": head},
            },
            "repository": {"full_name": "so-noi-vu/cchc"},
            "sender": {"login": sender or author},
        }
        if action == "synchronize":
            payload.update(before=before or "0" * 40, after=head)
        if label is not None:
            payload["label"] = {"name": label}
        if changes is not None:
            payload["changes"] = changes
        return self._write(payload)

    def merge_group(self, base: str, head: str, time: str, sender: str = "hdtd-1") -> Path:
        payload = {
            "action": "checks_requested",
            "merge_group": {
                "head_sha": head,
                "head_ref": "refs/heads/gh-readonly-queue/main/pr-1",
                "base_sha": base,
                "base_ref": "refs/heads/main",
                "head_commit": {"id": head, "timestamp": time},
            },
            "sender": {"login": sender},
        }
        return self._write(payload)

    def _write(self, payload: dict) -> Path:
        self.count += 1
        path = self.events / f"event-{self.count}.json"
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        return path

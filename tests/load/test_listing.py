"""What a dossier folder holds on disk (cchc.load.listing.Disk): every entry with its kind as
lstat gives it — a link is a link, never followed, whatever it points to — and a folder holding
a repository of its own (``.git``) is a gitlink whose content is not listed."""

from __future__ import annotations

import os
from pathlib import Path

from cchc.load.listing import FILE, FOLDER, GITLINK, LINK, SPECIAL, Disk, Entry


def _tree(root: Path) -> None:
    folder = root / "submissions" / "2025" / "so-a"
    (folder / "evidence" / "con").mkdir(parents=True)
    (folder / "self-assessment.yaml").write_text("year: 2025\n", encoding="utf-8")
    (folder / "evidence" / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "evidence" / "con" / "b.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "evidence" / "lien-ket.pdf").symlink_to("a.pdf")
    (folder / "evidence" / "thu-muc-lien-ket").symlink_to("con")
    (folder / "evidence" / "hong.pdf").symlink_to("khong-co.pdf")
    (folder / "evidence" / "ra-ngoai").symlink_to("/etc")
    os.mkfifo(folder / "evidence" / "ong")
    (folder / "evidence" / "kho-rieng" / ".git").mkdir(parents=True)
    (folder / "evidence" / "kho-rieng" / "an.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "evidence" / "kho-con").mkdir()
    (folder / "evidence" / "kho-con" / ".git").write_text("gitdir: ../x\n", encoding="utf-8")


def test_every_entry_has_its_own_kind_and_links_are_never_followed(tmp_path):
    _tree(tmp_path)
    base = "submissions/2025/so-a"
    kinds = {
        "": FOLDER,
        "/self-assessment.yaml": FILE,
        "/evidence": FOLDER,
        "/evidence/a.pdf": FILE,
        "/evidence/con": FOLDER,
        "/evidence/con/b.pdf": FILE,
        "/evidence/lien-ket.pdf": LINK,
        "/evidence/thu-muc-lien-ket": LINK,
        "/evidence/hong.pdf": LINK,
        "/evidence/ra-ngoai": LINK,
        "/evidence/ong": SPECIAL,
        "/evidence/kho-rieng": GITLINK,
        "/evidence/kho-con": GITLINK,
    }
    expected = sorted(Entry(base + rel, kind) for rel, kind in kinds.items())
    assert Disk(tmp_path, ["submissions"]).entries(base) == expected


def test_a_missing_folder_has_no_entries_and_a_linked_one_is_one_link(tmp_path):
    _tree(tmp_path)
    (tmp_path / "submissions" / "2025" / "so-b").symlink_to("so-a")
    disk = Disk(tmp_path, ["submissions"])
    assert disk.entries("submissions/2025/khong-co") == []
    assert disk.entries("submissions/2025/so-b") == [Entry("submissions/2025/so-b", LINK)]

"""What can be told of an evidence file without parsing it: empty, too large, a Git LFS pointer
whose content was not fetched, not a PDF.

These rules are part of the checker's version (cache.py): facts are kept only for files that
passed them, so a file whose content has facts kept passed them then, under the same rules, and
only its size, which the plan's limit is compared with, is looked at again (its first bytes are
not read: a national roll-up has 40,000 files)."""

from __future__ import annotations

from typing import Any

from .. import codes
from . import problems

LFS_POINTER = b"version https://git-lfs.github.com/spec/"
# Git LFS pointers are smaller than this (the specification's limit): a larger file is content.
POINTER_MAX = 1024


def precheck(source: Any, rel: str, max_bytes: int, analysed: bool = False) -> tuple[problems.Problem, ...] | None:
    """The problems found without parsing (None: the file must be parsed). ``analysed``: facts
    are kept for the content the Git index gives for ``rel`` (the disk holds that content, or
    the pointer of a Git LFS file whose content was not fetched, which is smaller than
    POINTER_MAX and read)."""
    size = source.size(rel)
    if size == 0:
        return (problems.make(codes.EVIDENCE_FILE_EMPTY),)
    if size > max_bytes:
        return (problems.make(codes.EVIDENCE_TOO_LARGE, size=size, limit=max_bytes),)
    if analysed and size >= POINTER_MAX:
        return None
    head = source.read(rel, limit=1024)
    if head.startswith(LFS_POINTER):
        return (problems.lfs_missing(head),)
    if b"%PDF-" not in head:
        return (problems.make(codes.EVIDENCE_NOT_PDF),)
    return None

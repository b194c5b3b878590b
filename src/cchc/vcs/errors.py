"""The one exception every Git operation raises."""

from __future__ import annotations


class GitError(Exception):
    """Git could not do what was asked. ``str()`` is a short Vietnamese explanation for the user;
    ``detail`` is Git's own words (English), for whoever debugs the job."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

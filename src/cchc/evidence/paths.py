"""Resolve an evidence reference written in a dossier to a repo-relative path, safely.

A reference is relative to the unit's own folder (``evidence/ke-hoach.pdf``). Absolute
paths, ``..``, backslashes and control characters are refused before any file is
touched, so a reference can never make the validator read outside the unit's folder.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadPath(Exception):
    def __init__(self, code: str, message: str, hint: str):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def resolve(folder: str, written: str) -> str:
    """``folder`` is the unit's repo-relative folder; returns the repo-relative file path."""
    text = unicodedata.normalize("NFC", written.strip())
    if _CONTROL.search(text):
        raise BadPath("evidence-path-control", f"Đường dẫn '{text!r}' chứa ký tự điều khiển.",
                      "Đổi tên tệp chỉ dùng chữ, số, dấu gạch ngang và dấu chấm.")
    if "\\" in text:
        raise BadPath("evidence-path-backslash", f"Đường dẫn '{text}' dùng dấu '\\'.",
                      "Dùng dấu '/' giữa thư mục và tên tệp, ví dụ evidence/ke-hoach.pdf.")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise BadPath("evidence-path-absolute", f"Đường dẫn '{text}' là đường dẫn tuyệt đối.",
                      "Ghi đường dẫn tính từ thư mục của đơn vị, ví dụ evidence/ke-hoach.pdf.")
    if text.startswith(folder + "/"):
        text = text[len(folder) + 1:]  # a repo-relative path to the unit's own folder is harmless
    parts = text.split("/")
    if ".." in parts:
        raise BadPath("evidence-path-outside", f"Đường dẫn '{text}' trỏ ra ngoài thư mục của đơn vị.",
                      "Tài liệu kiểm chứng phải nằm trong thư mục evidence/ của chính đơn vị.")
    if text.startswith("submissions/"):
        raise BadPath("evidence-path-outside", f"Đường dẫn '{text}' trỏ tới hồ sơ của đơn vị khác.",
                      "Chỉ được dẫn tài liệu trong thư mục evidence/ của chính đơn vị; "
                      "nếu cần, sao chép tài liệu vào đó.")
    return posixpath.normpath(f"{folder}/{text}")

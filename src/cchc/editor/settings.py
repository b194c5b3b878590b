"""Which forge the editor talks to: set once by an administrator, never by a clerk.

Sources, later ones winning: ``extra.cchc_editor`` in mkdocs.yml, then environment
variables ``CCHC_EDITOR_<KEY>`` (what a CI workflow sets), then command-line options.
In GitHub Actions, ``GITHUB_REPOSITORY`` names the repository when nothing else does.
The local proxy (decap-server) is only ever added on request, for local or test builds:
it has no authentication.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

BACKENDS = ("github", "forgejo")


@dataclass(frozen=True)
class Settings:
    backend: str = ""  # github | forgejo; empty: not configured
    repo: str = ""  # owner/name on the forge
    branch: str = "main"  # the branch the site is published from; pull requests target it
    base_url: str = ""  # GitHub: address of the OAuth client that holds the app's secret
    auth_endpoint: str = ""  # GitHub: path of that client's login endpoint, if not "auth"
    auth_scope: str = ""  # GitHub: "repo" when clerks fork a private repository
    api_root: str = ""  # Forgejo: https://<host>/api/v1
    app_id: str = ""  # Forgejo: client id of the OAuth2 application (not confidential)
    open_authoring: bool = False  # every clerk works in their own fork (no write access to the repository)
    local_backend: str = ""  # http://127.0.0.1:<port>/api/v1 of decap-server (local/test only)
    year: int | None = None  # the year to serve; default: the open year
    site_url: str = ""

    @property
    def configured(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the editor cannot work with these settings (Vietnamese), or None."""
        if self.local_backend:
            return None
        if not self.backend:
            return "chưa khai báo máy chủ Git (backend: github hoặc forgejo) và kho (repo)."
        if self.backend not in BACKENDS:
            return f"kiểu máy chủ Git '{self.backend}' không được hỗ trợ (chỉ: {', '.join(BACKENDS)})."
        if not self.repo:
            return "chưa khai báo kho (repo, dạng tổ-chức/tên-kho)."
        if self.backend == "github" and not self.base_url:
            return (
                "GitHub cần địa chỉ dịch vụ đăng nhập OAuth (base_url), nơi giữ mã bí mật của ứng dụng "
                "OAuth; xem hướng dẫn cấu hình."
            )
        if self.backend == "forgejo" and not (self.api_root and self.app_id):
            return "máy chủ Forgejo cần api_root (https://<máy chủ>/api/v1) và app_id (mã ứng dụng OAuth2)."
        return None


def _coerce(name: str, value):
    if value is None or value == "":
        return None
    if name == "open_authoring":
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "co", "có")
    if name == "year":
        return int(value)
    return str(value).strip()


def merged(*layers: dict) -> Settings:
    """Settings from dict layers (later wins); unknown keys are ignored."""
    names = {f.name for f in fields(Settings)}
    out = Settings()
    for layer in layers:
        values = {k: _coerce(k, v) for k, v in (layer or {}).items() if k in names}
        out = replace(out, **{k: v for k, v in values.items() if v is not None})
    return out


def from_env(env=None) -> dict:
    env = os.environ if env is None else env
    found = {f.name: env.get("CCHC_EDITOR_" + f.name.upper()) for f in fields(Settings)}
    found = {k: v for k, v in found.items() if v}
    if "repo" not in found and env.get("GITHUB_REPOSITORY"):
        found["repo"] = env["GITHUB_REPOSITORY"]
        found.setdefault("backend", "github")
    return found


def resolve(extra: dict | None = None, overrides: dict | None = None, env=None) -> Settings:
    return merged(extra or {}, from_env(env), overrides or {})

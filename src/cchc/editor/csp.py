"""The web editor's Content-Security-Policy (admin/index.html), from the forge settings.

The editor's origin is the public site's, and the page holds the clerk's forge token: no
script may run but the files served with it. Decap CMS needs more than the results site:
'unsafe-eval' (it validates its configuration with ajv, which compiles schemas with new
Function), inline styles (its components style themselves with emotion), blob: and data:
images (uploaded files and previews), and the forge's API (connect-src) and avatars (img-src).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .settings import Settings

GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
_HOST = re.compile(r"[A-Za-z0-9.-]+")


def origin(url: str) -> str | None:
    """scheme://host[:port] of an http(s) address, or None when it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or not parts.hostname or not _HOST.fullmatch(parts.hostname):
        return None
    return f"{parts.scheme}://{parts.hostname}" + (f":{port}" if port else "")


def _forge(s: Settings) -> tuple[list[str], list[str]]:
    """(origins the editor fetches from, origins it shows images from)."""
    if not s.backend:  # local use: Decap talks to decap-server
        local = origin(s.local_backend)
        return ([local] if local else []), []
    if s.backend == "github":
        api = origin(s.api_root) or GITHUB_API
        auth = origin(s.base_url)  # the OAuth client: a popup, and a token refresh
        return [api] + ([auth] if auth and auth != api else []), [GITHUB_AVATARS]
    forge = [o for o in dict.fromkeys([origin(s.api_root), origin(s.base_url)]) if o]
    return forge, forge


def policy(s: Settings) -> str:
    connect, images = _forge(s)
    if s.local_backend and s.backend:
        local = origin(s.local_backend)
        connect += [local] if local else []
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            " ".join(["img-src 'self' data: blob:", *images]),
            " ".join(["connect-src 'self' blob: data:", *dict.fromkeys(connect)]),
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )

"""Dossiers as an earlier build loaded them, reused where their files did not change.

Loading a dossier (parsing its YAML files, checking them against the schemas, building the
model) gives the ``Dossier``, the findings of its files and the files that did not load. All
three depend on nothing but the dossier's place (year, unit, folder), which dossier files it
holds, the bytes of each, and the code, whose change empties the build cache
(``cchc.buildcache``). A digest of these is the dossier's key; what loading gave is kept under
it in the build cache's ``dossiers/``, as JSON decoded straight back into the model's own types
(msgspec: data, never code). A national build loads its 6,600 dossiers from there in seconds
instead of parsing them again; a dossier whose files changed, or one the cache does not hold,
is parsed as before. Survey files, which hold every unit's points, are kept the same way by the
bytes of each file.

The key is made from the bytes the loader itself reads and parses, never from dates or Git's
index, so a cached dossier is always what parsing those bytes gives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import msgspec

from ..buildcache import Store
from ..codes import UnknownCode
from ..findings import Finding
from ..model.repository import Dossier
from ..model.survey import Survey

__all__ = ["KIND", "Kept", "Loaded", "LoadedSurvey", "key", "survey_key"]

KIND = "dossiers"  # the build cache's folder


@dataclass(frozen=True)
class Loaded:
    """What loading one dossier gave."""

    dossier: Dossier
    findings: tuple[Finding, ...]
    broken: tuple[str, ...]  # its files that did not load (sorted)


@dataclass(frozen=True)
class LoadedSurvey:
    """What loading one survey file gave (a national one holds 3,300 units' points: seconds to parse)."""

    survey: Survey | None
    findings: tuple[Finding, ...]
    broken: tuple[str, ...]


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Loaded)
_SURVEY_DECODER = msgspec.json.Decoder(LoadedSurvey)


def key(year: int, unit: str, folder: str, files: list[tuple[str, bytes | None]]) -> str:
    """The key of a dossier whose dossier files are ``files``: (name, content; None for a link,
    which is never read)."""
    h = hashlib.sha256(f"{year}\0{unit}\0{folder}\0".encode())
    for name, raw in files:
        h.update(name.encode() + b"\0")
        h.update(b"L" if raw is None else b"F" + hashlib.sha256(raw).digest())
    return h.hexdigest()


def _decoded(data: bytes, decoder: msgspec.json.Decoder[Any]) -> object:
    try:
        return decoder.decode(data)
    except (msgspec.MsgspecError, UnknownCode, ValueError, TypeError):
        return None


def survey_key(rel: str, raw: bytes) -> str:
    """The key of the survey file ``rel`` holding ``raw``."""
    return hashlib.sha256(f"survey\0{rel}\0".encode() + hashlib.sha256(raw).digest()).hexdigest()


class Kept:
    """The loaded dossiers a build cache keeps; remembers which keys this run used."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.used: set[str] = set()  # the keys of the dossiers this run loaded
        self.hits = 0  # how many of them came from the cache

    def stored(self, key: str) -> bytes | None:
        """The entry kept under ``key``, as stored (``decode`` reads it); None when absent."""
        return self.store.get(KIND, key)

    def decode(self, data: bytes) -> Loaded | None:
        """A kept dossier; None when the entry is damaged (then the dossier is parsed)."""
        found = _decoded(data, _DECODER)
        return found if isinstance(found, Loaded) else None

    def get_survey(self, key: str) -> LoadedSurvey | None:
        data = self.stored(key)
        found = _decoded(data, _SURVEY_DECODER) if data is not None else None
        return found if isinstance(found, LoadedSurvey) else None

    def put(self, key: str, loaded: Loaded | LoadedSurvey) -> bytes:
        """Keep ``loaded`` under ``key``; the bytes kept."""
        data = _ENCODER.encode(loaded)
        self.store.put(KIND, key, data)
        return data

    def keep_only_used(self) -> None:
        """Remove what this run did not use (called after loading the whole repository)."""
        self.store.keep_only(KIND, self.used)

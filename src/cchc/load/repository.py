"""Load a whole repository (or part of it) into the model, gathering load findings.

Layout (see README): province.yaml, units/*.yaml, criteria/<folder>/<level>.yaml,
plans/<year>.yaml, surveys/<year>.yaml, history/<year>.yaml, submissions/<year>/<unit>/{self-assessment,
appraisal,explanation}.yaml and submissions/<year>/<unit>/evidence/.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from .. import codes, parallel
from ..findings import Finding
from ..model import framework as fw_model
from ..model import history as history_model
from ..model import plan as plan_model
from ..model import registry, submission
from ..model import survey as survey_model
from ..model.repository import Dossier, Listing, Repository
from . import entries, kept, schema
from .listing import Disk
from .source import FileSource, OutsideRepository
from .yamlfile import MAX_BYTES, Parsed, YamlError, parse, too_large

__all__ = ["DOSSIER_FILES", "SIZE_LIMITS", "Dossier", "Repository", "load", "read_document"]

DOSSIER_FILES = {
    "self-assessment.yaml": "self-assessment",
    "appraisal.yaml": "appraisal",
    "explanation.yaml": "explanation",
}
_YEAR = re.compile(r"[0-9]{4}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


# A dossier file holds one unit's scores; the registry and survey files of a national
# roll-up (3,300 units) legitimately grow larger.
SIZE_LIMITS = {"units": 32 * 1024 * 1024, "survey": 32 * 1024 * 1024, "history": 32 * 1024 * 1024}


def read_document(
    source: FileSource, rel: str, schema_name: str, raw: bytes | None = None
) -> tuple[Parsed | None, list[Finding]]:
    """Parse and schema-check one YAML file (``raw``: its bytes, read already). Returns (parsed
    or None if unusable, findings)."""
    limit = SIZE_LIMITS.get(schema_name, MAX_BYTES)
    try:
        if raw is None:
            raw = _read(source, rel, limit)
        parsed = parse(raw, limit)
    except YamlError as exc:
        return None, [Finding(rel, exc.line, exc.column, exc.code, exc.message, hint=exc.hint)]
    except OutsideRepository:
        return None, [codes.FILE_OUTSIDE.at(rel)]
    except OSError:
        return None, [codes.FILE_UNREADABLE.at(rel)]
    found = schema.validate(parsed, schema_name, rel)
    return (None if found else parsed), found


def _read(source: FileSource, rel: str, limit: int) -> bytes:
    size = source.size(rel)
    if size > limit:  # never read a hostile multi-gigabyte file into memory
        raise too_large(size, limit)
    return source.read(rel, limit=limit + 1)


class _Yearly(Protocol):
    @property
    def year(self) -> int: ...

    @property
    def file(self) -> str: ...

    @property
    def year_line(self) -> int: ...


_Doc = TypeVar("_Doc", bound=_Yearly)
BATCH = 64  # dossiers a loading process is given at a time
# Which dossier folders load: those the function says yes to, or those in the set.
Wanted = Callable[[str], bool] | AbstractSet[str]


@dataclass
class _Loader:
    """Gathers what the files hold; ``repository()`` then freezes it."""

    source: FileSource
    surveys: bool = True  # dossiers do not need survey points; a one-unit check skips them
    indexed: tuple[entries.RegistryFile, ...] | None = None  # read the registry entry by entry
    lazy_units: entries.LazyUnits | None = None
    given_surveys: Mapping[str, survey_model.Survey] | None = None  # read already (some units' rows only)
    province: registry.Province | None = None
    units: dict[str, registry.Unit] = field(default_factory=dict)
    frameworks: dict[str, fw_model.Framework] = field(default_factory=dict)
    plans: dict[int, plan_model.Plan] = field(default_factory=dict)
    survey_points: dict[int, survey_model.Survey] = field(default_factory=dict)
    histories: dict[int, history_model.History] = field(default_factory=dict)
    dossiers: dict[tuple[int, str], Dossier] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    duplicate_units: list[tuple[registry.Unit, registry.Unit]] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    reuse: kept.Kept | None = None  # loaded dossiers an earlier build kept (load.kept)

    def doc(self, rel: str, schema_name: str, raw: bytes | None = None) -> Parsed | None:
        if self.source.is_symlink(rel):  # never read through a link: checks.evidence.check_tree
            self.broken.add(rel)  # reports it (path-symlink), once, by its own path
            return None
        parsed, found = read_document(self.source, rel, schema_name, raw)
        self.findings.extend(found)
        if parsed is None:
            self.broken.add(rel)
        return parsed

    def yaml_files(self, folder: str) -> list[str]:
        return [f"{folder}/{name}" for name in self.source.listdir(folder) if name.endswith(".yaml")]

    def context(self) -> None:
        self.province_file()
        self.unit_files()
        for folder in self.source.listdir("criteria"):
            for rel in self.yaml_files(f"criteria/{folder}"):
                p = self.doc(rel, "framework")
                if p:
                    ref = f"{folder}/{rel.rsplit('/', 1)[-1][:-5]}"
                    self.frameworks[ref] = fw_model.build(p.data, ref, rel, p.where)
        for rel in self.yaml_files("plans"):
            p = self.doc(rel, "plan")
            if p:
                plan = plan_model.build(p.data, rel, p.where)
                self.one_per_year(self.plans, plan, codes.PLAN_YEAR_TWICE, "plans")

    def results_context(self) -> None:
        """Survey points and past results: the scores need them, loading a dossier does not."""
        for rel in self.yaml_files("surveys") if self.surveys else ():
            s = self.survey(rel)
            if s:
                self.one_per_year(self.survey_points, s, codes.SURVEY_YEAR_TWICE, "surveys")
        for rel in self.yaml_files("history") if self.surveys else ():  # past results: not needed for one dossier
            p = self.doc(rel, "history")
            if p:
                h = history_model.build(p.data, rel, p.where)
                self.one_per_year(self.histories, h, codes.HISTORY_YEAR_TWICE, "history")

    def survey(self, rel: str) -> survey_model.Survey | None:
        if self.given_surveys is not None and rel in self.given_surveys:
            return self.given_surveys[rel]
        raw = self.survey_bytes(rel) if self.reuse is not None else None
        if raw is None or self.reuse is None:
            return self.fresh_survey(rel, None).survey
        at = kept.survey_key(rel, raw)
        self.reuse.used.add(at)
        found = self.reuse.get_survey(at)
        if found is None:
            found = self.fresh_survey(rel, raw)
            self.reuse.put(at, found)
        self.findings.extend(found.findings)
        self.broken.update(found.broken)
        return found.survey

    def survey_bytes(self, rel: str) -> bytes | None:
        """The survey file's bytes; None for a link or a file that cannot be read as one (not kept)."""
        if self.source.is_symlink(rel):
            return None
        try:
            return _read(self.source, rel, SIZE_LIMITS["survey"])
        except (YamlError, OutsideRepository, OSError):
            return None

    def fresh_survey(self, rel: str, raw: bytes | None) -> kept.LoadedSurvey:
        """Load the survey file (from ``raw``, its bytes, when read already)."""
        first, broken = len(self.findings), set(self.broken)
        p = self.doc(rel, "survey", raw)
        loaded = kept.LoadedSurvey(
            survey_model.build(p.data, rel, p.where) if p else None,
            tuple(self.findings[first:]),
            tuple(sorted(self.broken - broken)),
        )
        if raw is not None:  # the caller adds them (from the cache or from here)
            del self.findings[first:]
            self.broken.intersection_update(broken)
        return loaded

    def province_file(self) -> None:
        if not self.source.is_file("province.yaml"):
            self.findings.append(codes.MISSING_PROVINCE.at("province.yaml"))
            return
        p = self.doc("province.yaml", "province")
        if p:
            self.province = registry.build_province(p.data)

    def unit_files(self) -> None:
        if self.indexed is not None:  # read entry by entry, as asked (load.shared)
            self.lazy_units = entries.LazyUnits(self.indexed, self.whole_registry)
            return
        for rel in self.yaml_files("units"):
            p = self.doc(rel, "units")
            if not p:
                continue
            for unit in registry.build_units(p.data, rel, p.where):
                first = self.units.setdefault(unit.id, unit)
                if first is not unit:
                    self.duplicate_units.append((unit, first))

    def whole_registry(self) -> dict[str, registry.Unit]:
        """The registry loaded whole, as a run without ``registry`` loads it."""
        whole = _Loader(self.source)
        whole.unit_files()
        return whole.units

    def one_per_year(self, by_year: dict[int, _Doc], doc: _Doc, code: codes.Code, folder: str) -> None:
        """Keep one document per year (the one named <year>.yaml); report the other."""
        other = by_year.get(doc.year)
        if other is not None:
            keep, drop = (doc, other) if doc.file == f"{folder}/{doc.year}.yaml" else (other, doc)
            self.findings.append(code.at(drop.file, line=drop.year_line or 1, year=doc.year, kept=keep.file))
            doc = keep
        by_year[doc.year] = doc

    def dossier_folders(
        self, wanted: Wanted | None = None, processes: int = 1, meanwhile: Callable[[], None] | None = None
    ) -> None:
        """Load the dossier folders ``wanted`` asks for; ``meanwhile()`` runs here first, while
        other processes load them (a national repository's survey files take seconds)."""
        folders = self.folders(wanted)
        # Dossiers load independently: in several processes when asked, and gathered in the
        # order a single process would have loaded them (findings included). With a build
        # cache, a worker sends each dossier back as the bytes the cache keeps it as (kept by an
        # earlier build, or by the worker just now), decoded here: pickling the model there and
        # unpickling it here would cost more.
        # Batches of about BATCH dossiers: each is decoded here while the workers go on with the
        # next, and what travels at once stays small (a national repository sends 100 MB).
        count = max(processes * 4, len(folders) // BATCH)
        batches = parallel.chunks(folders, count) if processes > 1 and len(folders) > BATCH else [folders]
        here = os.getpid()
        made = parallel.each(lambda batch: self.dossier_batch(batch, here), batches, processes, meanwhile=meanwhile)
        for (year, unit, folder), (got, key, earlier) in zip(folders, itertools.chain.from_iterable(made), strict=True):
            loaded, hit = (
                (got, earlier) if isinstance(got, kept.Loaded) else self.kept_or_fresh(got, year, unit, folder, earlier)
            )
            d = loaded.dossier
            self.dossiers[(d.year, d.unit)] = d
            self.findings.extend(loaded.findings)
            self.broken.update(loaded.broken)
            if key is not None and self.reuse is not None:
                self.reuse.used.add(key)
                self.reuse.hits += hit

    def kept_or_fresh(self, data: bytes, year: int, unit: str, folder: str, hit: bool) -> tuple[kept.Loaded, bool]:
        """The dossier kept as ``data`` (by an earlier build when ``hit``, else by the worker that
        parsed it), or, when that entry is damaged, the dossier parsed; and whether it was an
        earlier build's."""
        found = self.reuse.decode(data) if self.reuse is not None else None
        return (found, hit) if found is not None else (self.fresh(year, unit, folder, {}), False)

    def folders(self, wanted: Wanted | None) -> list[tuple[int, str, str]]:
        """(year, unit, folder) of each dossier folder ``wanted`` asks for."""
        src = self.source
        folders = []
        for year in src.listdir("submissions"):
            if not (_YEAR.fullmatch(year) and src.is_dir(f"submissions/{year}")):
                continue
            for unit in _asked(src.listdir(f"submissions/{year}"), f"submissions/{year}/", wanted):
                folder = f"submissions/{year}/{unit}"
                if src.is_dir(folder):
                    folders.append((int(year), unit, folder))
        return folders

    def dossier_batch(
        self, folders: list[tuple[int, str, str]], parent: int
    ) -> list[tuple[kept.Loaded | bytes, str | None, bool]]:
        kept_together = self.reuse.store.batch() if self.reuse is not None else contextlib.nullcontext()
        far = os.getpid() != parent
        with kept_together:  # what the batch parsed is kept in one pack
            return [self.loaded(year, unit, folder, far) for year, unit, folder in folders]

    def loaded(self, year: int, unit: str, folder: str, far: bool) -> tuple[kept.Loaded | bytes, str | None, bool]:
        """What loading one dossier gives — or, where the build cache keeps it under the key of
        its files' bytes, the kept entry as it is stored — that key (None: not kept) and whether
        an earlier build kept it. With a build cache, the dossier files are read first and parsed
        from those same bytes, and what that gives is kept under their key. ``far``: the result
        goes to another process, which decodes the kept bytes faster than it would unpickle the
        model (and this process has encoded them already)."""
        files = self.dossier_files(folder) if self.reuse is not None else None
        if files is None or self.reuse is None:
            return self.fresh(year, unit, folder, {}), None, False
        at = kept.key(year, unit, folder, list(files.items()))
        stored = self.reuse.stored(at)
        if stored is not None:
            return stored, at, True
        found = self.fresh(year, unit, folder, files)
        data = self.reuse.put(at, found)
        return (data if far else found), at, False

    def dossier_files(self, folder: str) -> dict[str, bytes | None] | None:
        """The dossier's files: name → bytes (None for a link, never read); None when one of
        them cannot be read as a dossier file (too large, unreadable): such a dossier is not kept."""
        out: dict[str, bytes | None] = {}
        for name in DOSSIER_FILES:
            rel = f"{folder}/{name}"
            if self.source.is_symlink(rel):
                out[name] = None
            elif self.source.is_file(rel):
                try:
                    out[name] = _read(self.source, rel, MAX_BYTES)
                except (YamlError, OutsideRepository, OSError):
                    return None
        return out

    def fresh(self, year: int, unit: str, folder: str, files: Mapping[str, bytes | None]) -> kept.Loaded:
        """Load the dossier from its files (``files``: the bytes of those read already)."""
        first, broken = len(self.findings), set(self.broken)
        dossier = self.dossier(year, unit, folder, files)
        loaded = kept.Loaded(dossier, tuple(self.findings[first:]), tuple(sorted(self.broken - broken)))
        del self.findings[first:]
        self.broken.intersection_update(broken)
        return loaded

    def dossier(self, year: int, unit: str, folder: str, files: Mapping[str, bytes | None]) -> Dossier:
        present: set[str] = set()
        sa: submission.SelfAssessment | None = None
        ap: submission.Appraisal | None = None
        ex: submission.Explanation | None = None
        for name, kind in DOSSIER_FILES.items():
            rel = f"{folder}/{name}"
            if not (self.source.is_file(rel) or self.source.is_symlink(rel)):
                continue  # a link counts as present (never read: see doc()), so nothing goes silent
            present.add(name)
            p = self.doc(rel, kind, files.get(name))
            if not p:
                continue
            if kind == "self-assessment":
                sa = submission.build_self_assessment(p.data, rel, folder, p.where)
            elif kind == "appraisal":
                ap = submission.build_appraisal(p.data, rel, p.where)
            else:
                ex = submission.build_explanation(p.data, rel, p.where)
        return Dossier(year, unit, sa, ap, ex, frozenset(present))

    def repository(self, scope: Iterable[str] | None, listing: Listing | None) -> Repository:
        return Repository(
            source=self.source,
            province=self.province,
            units=self.units if self.lazy_units is None else self.lazy_units,
            frameworks=self.frameworks,
            plans=self.plans,
            surveys=self.survey_points,
            histories=self.histories,
            dossiers=self.dossiers,
            findings=tuple(self.findings),
            duplicate_units=tuple(self.duplicate_units),
            broken=frozenset(self.broken),
            scope=None if scope is None else tuple(scope),
            listing=listing,
        )


def _asked(names: list[str], year: str, wanted: Wanted | None) -> list[str]:
    """Those of a year's folder ``names`` (in their order) that ``wanted`` asks for: a set of
    folders is looked up by name (a national year holds 3,300 folders, a pull request asks for one)."""
    if wanted is None:
        return names
    if isinstance(wanted, AbstractSet):
        mine = {f[len(year) :] for f in wanted if f.startswith(year)}
        return [n for n in names if n in mine] if len(mine) < len(names) else [n for n in names if year + n in wanted]
    return [n for n in names if wanted(year + n)]


def load(
    root: Path | str,
    wanted: Wanted | None = None,
    *,
    surveys: bool = True,
    scope: Iterable[str] | None = None,
    listing: Listing | None = None,
    registry: Sequence[entries.RegistryFile] | None = None,
    given_surveys: Mapping[str, survey_model.Survey] | None = None,
    processes: int = 1,
    reuse: kept.Kept | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Repository:
    """Load the repository at ``root``. ``wanted(folder) -> bool`` limits which dossiers load (or
    ``wanted``, a set: the dossier folders in it);
    ``surveys=False`` skips survey points and past results (not needed to check a dossier); ``scope`` names the
    repo-relative paths a limited run checks (None: everything); ``listing`` says what the dossier
    folders hold when that is not the disk (a pull request's Git tree); ``registry``: the registry
    files with their known layout (``load.shared``), read an entry at a time (then neither the
    registry's findings nor its duplicate ids are gathered: the caller has them); ``given_surveys``:
    survey files read already, path → survey (``load.shared.recall_surveys``: some units' rows only);
    ``processes``: how many processes may load dossiers (a whole repository's, in a build);
    ``reuse``: the dossiers an earlier build loaded (``load.kept``), taken where their files did not change;
    ``meanwhile()``: the caller's own work, done here while other processes load the dossiers."""
    loader = _Loader(FileSource(Path(root)), surveys, None if registry is None else tuple(registry))
    loader.given_surveys = given_surveys
    loader.reuse = reuse
    loader.context()
    loader.dossier_folders(wanted, processes, meanwhile=lambda: _in_turn(loader.results_context, meanwhile))
    return loader.repository(scope, listing or _disk(loader))


def _in_turn(*work: Callable[[], None] | None) -> None:
    for one in work:
        if one is not None:
            one()


SMALL_SCOPE = 64  # up to this many dossiers, the Git index is asked about their folders only


def _disk(loader: _Loader) -> Disk:
    """The dossier folders as the disk holds them (read when a check first asks)."""
    folders = sorted(d.folder for d in loader.dossiers.values())
    return Disk(loader.source.root, folders if len(folders) <= SMALL_SCOPE else ["submissions"])

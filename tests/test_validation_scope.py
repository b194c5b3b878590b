"""Which dossier folders a limited validation loads: the set lookups decide what the path
comparisons they replace decided."""

from __future__ import annotations

import itertools

from cchc.validation import _dossiers, _under, _wanted

FOLDERS = [
    "submissions",
    "submissions/2025",
    "submissions/2025/a",
    "submissions/2025/ab",
    "submissions/2025/a-b",
    "submissions/2024/a",
    "submissions/2025/a/evidence/x.pdf",
    "surveys/2025.yaml",
    "units/xa.yaml",
    "s",
]
PATHS = [
    "submissions/2025/a",
    "submissions/2025/a/",
    "submissions/2025/a/self-assessment.yaml",
    "submissions/2025",
    "submissions",
    "surveys/2025.yaml",
    "submissions/2024/a",
    "submissions/2025/a-b/evidence/x.pdf",
    "submissions//a",
    "units/xa.yaml",
    ".",
    "",
]


def test_the_wanted_folders_are_what_the_path_comparisons_say():
    for n in (1, 2):
        for paths in itertools.combinations(PATHS, n):
            wanted = _wanted(list(paths))
            for folder in FOLDERS:
                expected = _under(folder, list(paths)) or any(_under(p, [folder]) for p in paths)
                assert wanted(folder) == expected, (paths, folder)


def test_the_folders_named_are_the_dossiers_the_path_comparisons_want():
    """Where the paths name nothing larger than a dossier, the set of folders is what ``_wanted``
    says yes to among every dossier folder; otherwise there is no such set."""
    dossiers = [f for f in FOLDERS if f.count("/") == 2 and f.startswith("submissions/")]
    for n in (1, 2, 3):
        for paths in itertools.combinations(PATHS, n):
            found = _dossiers(list(paths))
            wanted = _wanted(list(paths))
            if found is None:
                assert any(
                    p.rstrip("/").count("/") < 2 and not p.startswith(("surveys", "units")) for p in paths
                ) or any("//" in p for p in paths)
                continue
            assert all(f.count("/") == 2 for f in found)
            for folder in dossiers + sorted(found):
                assert (folder in found) == wanted(folder), (paths, folder)

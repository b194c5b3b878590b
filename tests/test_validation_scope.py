"""Which dossier folders a limited validation loads: the set lookups decide what the path
comparisons they replace decided."""

from __future__ import annotations

import itertools

from cchc.validation import _under, _wanted

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

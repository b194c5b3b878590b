"""Deterministic generator of a fictional sample province ("Tỉnh Mẫu") for the CCHC index.

``generate(out_dir, seed=..., ...)`` writes province.yaml, criteria/, units/,
plans/, submissions/ and surveys/; ``main(argv)`` is the command line
(``python -m cchc.sample --out DIR``).
"""

from .generate import generate, main

__all__ = ["generate", "main"]

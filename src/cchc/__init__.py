"""cchc: a Git-native system for the administrative reform index (Chỉ số CCHC).

Pipeline: load → model → checks → findings → report, and model → score → results → publish.
"""

__version__ = "0.1.0"

"""Reporters: render a list of findings. They never decide anything."""

from . import github, json_report, text

REPORTERS = {"text": text.render, "json": json_report.render, "github": github.render}

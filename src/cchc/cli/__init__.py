"""Command line: one module per command, each a function returning an exit code."""

"""`cchc` entry point: dispatch to one module per command; never show a traceback.

A command's module (and whatever it imports: the site generator, the sample generator, the
PDF sandbox, the office formats) is imported only when that command runs or when the whole
list of commands is shown, so ``cchc validate`` does not pay for ``cchc build``'s imports.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import os
import sys
import threading
from types import ModuleType
from typing import NoReturn

# command → its module in this package, in the order `cchc --help` lists them
COMMANDS = {
    "validate": "validate",
    "new": "new",
    "build": "build",
    "serve": "serve",
    # the pull-request workflow
    "check-pr": "check_pr",
    "codeowners": "codeowners",
    "comment": "comment",
    "close-entry": "close_entry",
    # the web editor
    "editor-config": "editor_config",
    # the officer's tools (issue 8)
    "criteria": "criteria",
    "survey": "survey",
    "export": "export",
    "year": "year",
    "units": "units",
    # a new province and its past results (issue 15)
    "init": "init",
    "results": "results",
}

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors are English; say it in Vietnamese
        self.print_usage(sys.stderr)
        sys.stderr.write(f"cchc: lệnh không hợp lệ ({message}). Xem 'cchc --help'.\n")
        raise SystemExit(EXIT_CANNOT_RUN)


def command_module(name: str) -> ModuleType:
    """The module of the command ``name`` (imported now if it was not yet)."""
    return importlib.import_module(f".{COMMANDS[name]}", __package__)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line parser: every command, or only the command ``only`` (the one that runs)."""
    p = _Parser(prog="cchc", description="Chỉ số cải cách hành chính: kiểm tra, chấm điểm, công bố.")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for name in [only] if only else COMMANDS:
        command_module(name).add_parser(sub)
    return p


def _named(argv: list[str]) -> str | None:
    """The command when the line starts with one (its options follow it); None when the whole
    list is needed: help, no command, or a word that is not a command (argparse explains)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(_named(argv)).parse_args(argv)
    if not args.command:
        parser().print_help()
        return EXIT_CANNOT_RUN
    try:
        return int(command_module(args.command).run(args))
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng theo yêu cầu.\n")
        return EXIT_CANNOT_RUN
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        if os.environ.get("CCHC_DEBUG"):
            raise
        sys.stderr.write(
            f"cchc: lỗi nội bộ, không thể chạy lệnh '{args.command}' ({type(exc).__name__}). "
            "Hãy báo cho quản trị hệ thống, kèm lệnh đã chạy (đặt CCHC_DEBUG=1 để xem chi tiết).\n"
        )
        return EXIT_CANNOT_RUN


def entry() -> NoReturn:
    """The ``cchc`` command: ``main``, then the process ends without freeing its objects one by
    one. A national build leaves about a gigabyte of them, and the interpreter's own exit took
    2.6 s to free them for nothing. What a normal exit does besides is done first: the other
    threads waited for, the exit handlers (process pools, temporary folders, logging) run and
    the output streams flushed. (Tests call ``main``, which returns.)"""
    code = main()
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()

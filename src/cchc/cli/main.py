"""`cchc` entry point: dispatch to one module per command; never show a traceback."""

from __future__ import annotations

import argparse
import os
import sys

from . import build, new, serve, validate

COMMANDS = {"validate": validate, "new": new, "build": build, "serve": serve}
from . import check_pr, close_entry, codeowners, comment  # noqa: E402  (the pull-request workflow)

COMMANDS.update({"check-pr": check_pr, "codeowners": codeowners, "comment": comment, "close-entry": close_entry})
from . import editor_config  # noqa: E402  (the web editor)

COMMANDS["editor-config"] = editor_config
from . import criteria, export, survey, units, year  # noqa: E402  (the officer's tools, issue 8)

COMMANDS.update({"criteria": criteria, "survey": survey, "export": export, "year": year, "units": units})
from . import init, results  # noqa: E402  (a new province and its past results, issue 15)

COMMANDS.update({"init": init, "results": results})

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors are English; say it in Vietnamese
        self.print_usage(sys.stderr)
        sys.stderr.write(f"cchc: lệnh không hợp lệ ({message}). Xem 'cchc --help'.\n")
        raise SystemExit(EXIT_CANNOT_RUN)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cchc", description="Chỉ số cải cách hành chính: kiểm tra, chấm điểm, công bố.")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for module in COMMANDS.values():
        module.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return EXIT_CANNOT_RUN
    try:
        return COMMANDS[args.command].run(args)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

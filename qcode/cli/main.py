"""``qcode``: the entry point. Parses arguments, runs one command, maps errors to exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from qcode import __version__
from qcode.cli import (
    agreement_commands,
    autocode_commands,
    cite_command,
    codebook_commands,
    coding_commands,
    demo_command,
    document_commands,
    export_command,
    figure_commands,
    import_command,
    matrix_commands,
    open_command,
    project_commands,
    report_command,
    team_commands,
)
from qcode.cli.output import error
from qcode.core.errors import ProjectError, QcodeError

COMMAND_MODULES = (
    project_commands,
    team_commands,
    import_command,
    document_commands,
    codebook_commands,
    coding_commands,
    autocode_commands,
    matrix_commands,
    agreement_commands,
    figure_commands,
    report_command,
    export_command,
    cite_command,
    open_command,
    demo_command,
)

EPILOG = """examples:
  qcode init review.qcode
  qcode import review.qcode savedrecs.txt zotero.ris reports/ --json
  qcode docs review.qcode --where year>=2015 --where country=Indonesia
  qcode show review.qcode 12
  qcode attr review.qcode 12 country=Thailand
  qcode matrix review.qcode --rows codes --cols attr:year:5 -o themes-by-period.xlsx
  qcode report review.qcode -o chapter2.docx --lang id
  qcode clone review.qcode budi.qcode --blank      # a second coder codes independently
  qcode merge review.qcode budi.qcode
  qcode export review.qcode review.qdpx           # for NVivo, ATLAS.ti, MAXQDA, QualCoder
  qcode agreement review.qcode --coders ayu,budi --unit sentence
  qcode demo

PROJECT is a SQLite file (any path; .qcode suggested) or a PostgreSQL URL
(postgresql+psycopg://user@host/db); $QCODE_DB is used when it is omitted."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qcode",
        description="Qualitative coding for literature reviews.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"qcode {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "--coder", help="who is working (default: $QCODE_CODER, else your login name)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    _accept_global_options(commands)
    return parser


def _accept_global_options(commands: argparse._SubParsersAction) -> None:
    """Accept --debug and --coder after the command too ("qcode import ... --coder ayu").

    SUPPRESS keeps a value given before the command when none is given after it.
    """
    for command in commands.choices.values():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _accept_global_options(nested[0])
            continue
        taken = {option for action in command._actions for option in action.option_strings}
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
        if "--coder" not in taken:  # 'segments --coder' filters by coder instead
            command.add_argument("--coder", default=argparse.SUPPRESS, help="who is working")


def _ask_password(where: str) -> str:
    import getpass

    return getpass.getpass(f"Password for {where}: ")


def main(argv: Sequence[str] | None = None) -> int:
    # A file name with bytes that are not UTF-8 must print, not crash the report of it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # "qcode PROJECT" (after any global options) opens the project in the coding app.
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    first = _first_positional(argv)
    if first is not None and argv[first] not in commands.choices:
        argv = [*argv[:first], "open", *argv[first:]]
    args, extras = parser.parse_known_args(argv)
    # Positionals given after options ("qcode memo P --doc 1 'text'") arrive as extras.
    if (
        extras
        and isinstance(getattr(args, "items", None), list)
        and not any(e.startswith("-") for e in extras)
    ):
        args.items += extras
    elif extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    if args.command is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            return _pick_project(args)
        parser.print_help()
        return 0
    if sys.stdin.isatty() and sys.stderr.isatty():
        from qcode.services.projects import password_prompt

        password_prompt.set(_ask_password)
    if getattr(args, "coder", None):
        from qcode.services.coders import chosen_coder

        chosen_coder.set(" ".join(args.coder.split()))
    try:
        return int(args.handler(args) or 0)
    except QcodeError as exc:
        if args.debug:
            raise
        error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        error("interrupted; nothing was saved from the unfinished step")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line unless --debug
        if args.debug:
            raise
        error(_unexpected(exc, argv))
        return 1


def _unexpected(exc: Exception, argv: list[str]) -> str:
    """One line for an error qcode did not expect; its traceback goes to the error log."""
    from qcode.io.error_log import log_unexpected

    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    if len(first) > 200:
        first = first[:199] + "…"
    logged = log_unexpected(exc, argv)
    where = f"details in {logged}" if logged else "run with --debug for details"
    return f"unexpected {type(exc).__name__}: {first} ({where}; please report it)"


def _first_positional(argv: list[str]) -> int | None:
    """Where the command (or a project to open) stands, past the global options."""
    at = 0
    while at < len(argv):
        if argv[at] == "--coder":
            at += 2
        elif argv[at].startswith("--coder=") or argv[at] == "--debug":
            at += 1
        else:
            return None if argv[at].startswith("-") else at
    return None


def _pick_project(args: argparse.Namespace) -> int:
    """``qcode`` alone in a terminal: the project picker, then the coding app."""
    from qcode.services.coders import current_coder
    from qcode.tui.app import QcodeApp

    app = QcodeApp(None, current_coder(args.coder))
    app.run()
    if app.failure:
        raise ProjectError(app.failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())

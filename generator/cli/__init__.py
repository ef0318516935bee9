"""The `makelocal` command line: the I/O edge around the pipeline's stages.

One module per command (or pair of commands), each adding its parser and running it.
Each imports what only it needs (validation, git, scaffolding, the analysis, the site) in
its `run`: `makelocal --help` then starts without jsonschema, numpy or MkDocs (`new` needs
the schemas, and so the validator). A command that is run has only its own module
imported and its own parser built (`makelocal analyse part.stl` starts in a fraction of a
second); `--help`, or a command that does not exist, builds them all.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli.root import RootError, find_root

__all__ = ["COMMANDS", "build_parser", "main"]

# Each command's module in generator.cli and the function of it that adds its parser, in
# the order `makelocal --help` lists them.
COMMANDS = {
    "validate": ("validate", "add_command"),
    "new": ("new", "add_command"),
    "translate": ("translate", "add_command"),
    "import": ("import_design", "add_command"),
    "pr-report": ("pr_report", "add_command"),
    "from-issue": ("from_issue", "add_command"),
    "match": ("match", "add_command"),
    "plan": ("plan", "add_command"),
    "build": ("site", "add_build_command"),
    "analyse": ("analyse", "add_command"),
    "serve": ("site", "add_serve_command"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command` only (one of COMMANDS)."""
    parser = argparse.ArgumentParser(
        prog="makelocal", description="MakeLocal: materials and designs for local production."
    )
    parser.add_argument(
        "--root",
        help="repository root (default: the current folder, or the nearest one above it "
        "holding catalog/ or designs/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS if command is None else [command]:
        module, adder = COMMANDS[name]
        getattr(importlib.import_module(f"generator.cli.{module}"), adder)(commands)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, if it names one: its first word that is not an option (nor
    the value of --root)."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a file name that is not UTF-8 prints escaped
            stream.reconfigure(errors="backslashreplace")
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(command_in(given)).parse_args(given)
    try:
        args.root = find_root(args.root, Path.cwd())
    except RootError as error:
        if args.root is not None or not getattr(args, "root_optional", False):
            print(f"makelocal: {error}", file=sys.stderr)
            return 2
        args.root = None  # `analyse FILE` outside any repository: the built-in records
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `makelocal ... | head` closes the pipe early
        sys.stderr.close()
        return 1
    except OSError as error:  # an output that cannot be written: a file in the way, no room
        where = f"{error.filename}: " if error.filename else ""
        print(f"makelocal {args.command}: {where}{error.strerror or error}", file=sys.stderr)
        return 1

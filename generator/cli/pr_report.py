"""`makelocal pr-report`: the pull-request check of a change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.reporters import NAMES, reporter


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("pr-report", help="the pull-request check of a change")
    report.add_argument("base", nargs="?", help="git revision to compare with (as --changed)")
    report.add_argument("--format", choices=NAMES, default="markdown")
    report.add_argument(
        "--save", metavar="DIR", help="also write report.md and report.json into DIR"
    )
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.contrib.changes import GitError
    from generator.contrib.pr_report import build_report

    try:
        report = build_report(Path(args.root), args.base)
    except GitError as error:
        print(f"makelocal pr-report: {error}", file=sys.stderr)
        return 2
    if args.save:
        folder = Path(args.save)
        folder.mkdir(parents=True, exist_ok=True)
        for name, form in (("report.md", "markdown"), ("report.json", "json")):
            (folder / name).write_text(reporter(form).pr_report(report) + "\n", encoding="utf-8")
        for name, png in report.previews.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(png)
    output = reporter(args.format).pr_report(report)
    if output:
        print(output)
    for problem in report.analysis_errors:
        print(f"makelocal pr-report: {problem}", file=sys.stderr)
    return 1 if report.errors or report.analysis_errors else 0

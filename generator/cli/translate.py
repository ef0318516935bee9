"""`makelocal translate`: start the translation of a record."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    translate = commands.add_parser(
        "translate", help="start the translation of a record: its text, beside it, to replace"
    )
    translate.add_argument("record", help="the record file, such as catalog/materials/pla.yml")
    translate.add_argument("--lang", default="fr", help="the language to translate into (fr)")
    translate.add_argument("--by", help="who translates: a name, or a team")
    translate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.contrib.translation_skeleton import TranslationError, write_skeleton
    from generator.findings.codes import LOCAL_COMMAND
    from generator.records.catalog import display_path

    root = Path(args.root)
    try:
        path = write_skeleton(root, Path(args.record), args.lang, args.by, date.today())
    except TranslationError as error:
        print(f"makelocal translate: {error}", file=sys.stderr)
        return 2
    shown = display_path(root, path)
    print(f"Created {shown}. Translate each text in it, then run: {LOCAL_COMMAND} validate {shown}")
    return 0

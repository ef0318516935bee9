"""The `makelocal` command line: the I/O edge around the pipeline's stages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.catalog import display_path, load_catalog, record_type_of
from generator.findings import Finding, format_github, format_json, format_text, has_errors
from generator.validate import validate_catalog


def _select(findings: list[Finding], root: Path, paths: Sequence[str]) -> tuple[list[Finding], int]:
    """Keep the findings on the given files or folders; unknown record places are findings too."""
    if not paths:
        return findings, -1
    wanted: list[str] = []
    extra: list[Finding] = []
    for name in paths:
        path = Path(name)
        shown = display_path(root, path)
        wanted.append(shown.rstrip("/"))
        if (
            path.is_file()
            and path.suffix in (".yml", ".yaml")
            and record_type_of(root, path) is None
        ):
            extra.append(
                Finding.of("ML016", shown, 1, 1, "this file is not in a place for records")
            )
        elif not path.exists():
            extra.append(Finding.of("ML012", shown, 1, 1, "no such file or folder"))

    def chosen(finding: Finding) -> bool:
        return any(
            finding.file == w or finding.file.startswith(w + "/") or w in ("", ".") for w in wanted
        )

    return [f for f in findings if chosen(f)] + extra, len(wanted)


def run_validate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    catalog = load_catalog(root)
    findings, _ = _select(validate_catalog(catalog), root, args.paths)
    checked = len(catalog.records) + len({f.file for f in catalog.findings})
    if args.format == "github":
        output = format_github(findings)
    elif args.format == "json":
        output = format_json(findings, checked)
    else:
        output = format_text(findings, checked)
    if output:
        print(output)
    return 1 if has_errors(findings) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="makelocal", description="MakeLocal: materials and designs for local production."
    )
    parser.add_argument("--root", default=".", help="repository root (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check records against schemas and rules")
    validate.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    validate.add_argument("--format", choices=["text", "github", "json"], default="text")
    validate.set_defaults(run=run_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `makelocal ... | head` closes the pipe early
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())

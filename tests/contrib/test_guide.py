"""The contributor guide cannot drift from the code: its tables of allowed licences, file
limits and finding codes are generated from generator/, and every command it shows exists.

After changing a licence, a limit or a code, rewrite the tables with:
    .venv/bin/python -m tests.contrib.test_guide
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from generator.checks.licences import ALLOWED_EXCEPTIONS, OPEN_LICENCES
from generator.checks.quantity_kinds import quantity_kinds
from generator.cli import build_parser
from generator.contrib.changes import DEFAULT_LIMIT, SIZE_LIMITS, TEXT_SUFFIXES
from generator.findings.codes import CODES
from generator.records.catalog import MAX_FOLDER_BYTES

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _size(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size >= 1024 * 1024 else f"{size // 1024} KiB"


def licence_table() -> str:
    rows = ["| SPDX id | licence |", "| --- | --- |"]
    rows += [f"| `{spdx}` | {_cell(name)} |" for spdx, name in OPEN_LICENCES.items()]
    rows += [
        f"| `WITH {e}` | exception allowed with the licences above |"
        for e in sorted(ALLOWED_EXCEPTIONS)
    ]
    return "\n".join(rows)


def limits_table() -> str:
    by_limit: dict[int, list[str]] = {}
    for suffix, limit in SIZE_LIMITS.items():
        by_limit.setdefault(limit, []).append(f"`{suffix}`")
    rows = ["| files | largest size |", "| --- | --- |"]
    rows += [f"| {', '.join(names)} | {_size(limit)} |" for limit, names in by_limit.items()]
    rows.append(f"| any other file | {_size(DEFAULT_LIMIT)} |")
    rows.append(f"| all the files of a design folder together | {_size(MAX_FOLDER_BYTES)} |")
    return "\n".join(rows)


def text_kinds() -> str:
    return ", ".join(f"`{suffix}`" for suffix in sorted(TEXT_SUFFIXES))


def ranges_table() -> str:
    rows = [
        "| kind of quantity | fields named | units | plausible range | why it ends there |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in quantity_kinds().kinds:
        reasons = []
        for end, bound in (("lowest", kind.low), ("highest", kind.high)):
            if bound is None:
                continue
            if bound.source is None:
                reasons.append(f"{bound.why} (by definition)")
            else:
                link = f"[{bound.source.publisher}]({bound.source.url})"
                reasons.append(f"{end}: {bound.source.says} ({link})")
        rows.append(
            f"| {kind.name} | {', '.join(f'`{f}`' for f in kind.fields)} | "
            f"{', '.join(kind.units)} | {_cell(kind.range_text())} | "
            f"{_cell('; '.join(dict.fromkeys(reasons)))} |"
        )
    return "\n".join(rows)


def codes_table() -> str:
    rows = ["| code | severity | problem | how to fix it |", "| --- | --- | --- | --- |"]
    rows += [
        f"| {code} | {entry.severity} | {_cell(entry.title)} | {_cell(entry.hint)} |"
        for code, entry in CODES.items()
    ]
    return "\n".join(rows)


TABLES = {
    "| SPDX id |": licence_table,
    "| files | largest size |": limits_table,
    "| code | severity |": codes_table,
    "| kind of quantity |": ranges_table,
}


def _replace_table(text: str, header: str, table: str) -> str:
    start = text.index("\n" + header) + 1
    end = text.find("\n\n", start)
    return text[:start] + table + (text[end:] if end != -1 else "\n")


def updated(text: str) -> str:
    for header, make in TABLES.items():
        text = _replace_table(text, header, make())
    return re.sub(r"(Text files \()[^)]*(\) must not)", rf"\g<1>{text_kinds()}\g<2>", text)


@pytest.mark.parametrize("header", list(TABLES))
def test_generated_tables_are_up_to_date(header: str) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert TABLES[header]() in text, (
        "CONTRIBUTING.md is out of date: run .venv/bin/python -m tests.contrib.test_guide"
    )


def test_the_guide_is_up_to_date_as_a_whole() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert updated(text) == text


def test_every_code_and_licence_is_in_the_guide() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for code in CODES:
        assert f"| {code} |" in text
    for spdx in OPEN_LICENCES:
        assert f"`{spdx}`" in text


def test_every_command_in_the_guide_exists() -> None:
    parser = build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    text = GUIDE.read_text("utf-8")
    blocks = "\n".join(re.findall(r"^```sh\n(.*?)^```", text, re.DOTALL | re.MULTILINE))
    commands = re.findall(r"`(?:\.venv/bin/)?makelocal ([^`]*)`", text)
    commands += re.findall(r"\.venv/bin/makelocal ([^#\n&]*)", blocks)
    assert len(commands) >= 10
    for command in commands:
        words = [w for w in shlex.split(command) if not w.startswith("<")]
        words = [w for w in words if not re.fullmatch(r"[A-Z]+|\.\.\.", w)]
        if len(words) == 1:  # the command named in a sentence, such as `makelocal new`
            assert words[0] in subcommands, command
            continue
        try:
            parser.parse_args(words)
        except SystemExit as error:
            pytest.fail(f"`makelocal {command}` in CONTRIBUTING.md does not parse ({error})")


def test_files_the_guide_names_exist() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for name in re.findall(r"\]\(((?!https://|#)[^)]+)\)", text):
        assert (ROOT / name.split("#")[0]).exists(), name


if __name__ == "__main__":
    GUIDE.write_text(updated(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {GUIDE.relative_to(ROOT)}")

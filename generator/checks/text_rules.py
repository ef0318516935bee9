"""Rules on the text a contributor writes, in any field of any record.

The site escapes and sanitises everything, so none of these can run there; they are still
errors because they show as garbage on the page, or are how a payload hides from a
reviewer, or (placeholders) mean a skeleton from `makelocal new` was never filled in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from generator.findings import Finding
from generator.records.catalog import Record
from generator.records.loader import JsonPath

PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"^\s*{PLACEHOLDER}\b")
# No part may run on past a `<`: from every `<` in a long text it would scan to the end
# (0.5 MB of `<x:` took minutes). An autolink cannot hold `<` (CommonMark), and an
# unclosed `<!--` is reported as well as a closed one.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_SAFE_LINK = re.compile(r"^(https://|#|mailto:)|^[^:]*$")
_HTML_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--)")
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_PREVIEW = 40
# A line that starts a Markdown list item: `- item`, `* item`, `1. item`, `2) item`.
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+\S")
# A numbered item and, after the end of its sentence, the next number on the same line.
_NUMBERED_RUN = re.compile(
    r"^[ \t]*(\d{1,9})[.)][ \t]+\S.*?[.!?;:][ \t]+(\d{1,9})[.)][ \t]+\S", re.MULTILINE
)


def walk(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Every value in a record with its path, parents first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def field_name(path: JsonPath) -> str:
    """A path as a contributor reads it: `parts[0].materials`."""
    shown = ""
    for part in path:
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
    return shown or "the record"


def preview(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 3] + "..."


def text_finding(
    record: Record, path: JsonPath, value: str, offset: int, code: str, message: str
) -> Finding:
    mark = record.doc.mark(path)
    line = mark.line + value.count("\n", 0, offset)
    return Finding.of(code, record.display, line, mark.column, f"{field_name(path)} {message}")


def _text_findings(record: Record, path: JsonPath, value: str) -> Iterator[Finding]:
    if _PLACEHOLDER.match(value):
        yield text_finding(
            record, path, value, 0, "ML407", f"still holds the placeholder {PLACEHOLDER}"
        )
    if "<" not in value and "&" not in value and "](" not in value:
        return
    for match in _MARKDOWN_LINK.finditer(value):
        target = match.group(1) or match.group(2)
        if not _SAFE_LINK.match(target.strip().lower()):
            yield text_finding(
                record,
                path,
                value,
                match.start(),
                "ML209",
                f"links to {preview(target)}: only https:// links are allowed",
            )
    tag = _HTML_TAG.search(value)
    if tag:
        yield text_finding(
            record, path, value, tag.start(), "ML405", f"holds the HTML {preview(tag.group(0))}"
        )
    for reference in _CHARACTER_REFERENCE.finditer(value):
        character = html.unescape(reference.group(0))
        if character != reference.group(0) and character.isascii():
            yield text_finding(
                record,
                path,
                value,
                reference.start(),
                "ML406",
                f"writes {character!r} as {reference.group(0)!r}",
            )
            break


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def folded_list_line(lines: tuple[str, ...]) -> int | None:
    """The index of the first line of a folded block that YAML joins to the line before it
    although it starts a list item. YAML folds a line break between two lines at the
    block's own indentation; a blank line, or a line indented more, keeps its break."""
    indents = [_indent(line) for line in lines if line.strip()]
    block = indents[0] if indents else 0
    for index in range(1, len(lines)):
        before = lines[index - 1]
        if (
            _LIST_ITEM.match(lines[index])
            and _indent(lines[index]) == block
            and before.strip()
            and _indent(before) == block
        ):
            return index
    return None


def _list_findings(record: Record) -> Iterator[Finding]:
    reported = set()
    for path, (first, lines) in record.doc.folded.items():
        index = folded_list_line(lines)
        if index is not None:
            reported.add(path)
            yield Finding.of(
                "ML408",
                record.display,
                first + index,
                _indent(lines[index]) + 1,
                f"{field_name(path)} is a folded block (>), which joins this list item to the "
                "line before it: write `|` instead of `>`",
            )
    for path, value in walk(record.data):
        if not isinstance(value, str) or path in reported:
            continue
        for run in _NUMBERED_RUN.finditer(value):
            if int(run.group(2)) == int(run.group(1)) + 1:
                yield text_finding(
                    record,
                    path,
                    value,
                    run.start(),
                    "ML408",
                    f"runs items {run.group(1)} and {run.group(2)} of a numbered list into "
                    "one line: start each item on a line of its own",
                )
                break


def text_findings(record: Record) -> Iterator[Finding]:
    """Placeholders, unsafe links, raw HTML, disguised characters and lists run into one
    line in a record's text."""
    for path, value in walk(record.data):
        if isinstance(value, str):
            yield from _text_findings(record, path, value)
    yield from _list_findings(record)

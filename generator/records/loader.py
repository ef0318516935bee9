"""Safe YAML loading that remembers where every value came from.

PyYAML's composer (libyaml when available) builds a node tree without constructing
any object; this module turns that tree into plain JSON-like data itself, so that:
- no tag can construct objects or run code: the only tag accepted is `!!str` (on a
  scalar), and `!!map`/`!!seq` on collections;
- duplicate keys, anchors/aliases and `<<` merge keys are errors, not silent rewrites;
- plain scalars follow YAML 1.2's core schema, resolved here rather than by PyYAML's YAML
  1.1 resolver: `1e3`, `1.` and `.5` are numbers; `NO`, `on` and `2020-01-01` stay
  strings; `.nan`/`.inf` are not numbers; and digits with a leading zero (`0755`) stay
  strings, since a YAML 1.1 reader takes them as octal and a 1.2 reader as decimal.
  Numbers keep their source text so a finding can say "quote it";
- every value and every key keeps its line and column.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from generator.findings import Finding

# Re-exported: the records' positions, which need no YAML parser.
from generator.records.documents import Document as Document
from generator.records.documents import JsonPath as JsonPath
from generator.records.documents import Mark as Mark
from generator.records.file_hashes import settled_stamp
from generator.records.parsed import ParsedRecords
from generator.records.regular_file import NotRegularFile, read_regular_file

try:  # libyaml is much faster; the pure-Python composer gives the same nodes.
    from yaml import CSafeLoader as _ComposingLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ComposingLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 40
MAX_NUMBER_DIGITS = 30

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
# YAML 1.2 core floats; digits alone are ints (or, with a leading zero, text).
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DIGITS = re.compile(r"[-+]?[0-9]+")
_STANDARD_TAG = "tag:yaml.org,2002:"
_STR_TAG = _STANDARD_TAG + "str"
# What an untagged plain scalar is tagged with while composing: _Builder._plain resolves it.
_PLAIN_TAG = "tag:makelocal,2025:plain"


class _Loader(_ComposingLoader):
    """PyYAML's composer with YAML 1.1's implicit resolution of plain scalars turned off.

    The 1.1 resolver has tagged `1e3` as a string and `on` as a bool before the builder
    sees a node; plain scalars keep a private tag instead, and their text is resolved by
    YAML 1.2's core rules in _Builder._plain. Quoted and block scalars, and nodes with an
    explicit tag, resolve as before.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN_TAG
        return super().resolve(kind, value, implicit)


class LoadError(Exception):
    def __init__(self, code: str, message: str, mark: Mark, *also: Mark) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark
        self.also = also  # the same problem in more places: every tab, not only the first


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _tag_not_allowed(node: yaml.Node) -> LoadError:
    return LoadError("ML007", f"the tag {node.tag!r} is not allowed", _mark(node))


class _Builder:
    def __init__(self, path: Path, lines: list[str] | None = None) -> None:
        self.doc = Document(path=path, data=None)
        self.seen: set[int] = set()
        self.lines = lines or []

    def build(self, node: yaml.Node, path: JsonPath, depth: int) -> Any:
        if id(node) in self.seen:
            # The composer hands out the same node object for every alias of an anchor.
            raise LoadError(
                "ML006",
                "this value is reused through an anchor and alias (&name, *name): not allowed",
                _mark(node),
            )
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise LoadError("ML009", f"nesting deeper than {MAX_DEPTH} levels", _mark(node))
        self.doc.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            # A block scalar's text starts on the line after its indicator.
            self.doc.values[path] = Mark(node.start_mark.line + 2, node.start_mark.column + 1)
            if node.style == ">":
                first = node.start_mark.line + 1
                self.doc.folded[path] = (first + 1, tuple(self.lines[first : node.end_mark.line]))
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "map")
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != _STANDARD_TAG + expected:
            raise _tag_not_allowed(node)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError(
                    "ML015", "a key must be plain text, not a list or mapping", _mark(key_node)
                )
            if key_node.tag == _PLAIN_TAG and key_node.value == "<<":
                raise LoadError("ML006", "merge keys (<<) are not allowed", _mark(key_node))
            key = self._scalar(key_node, None)
            if not isinstance(key, str):
                raise LoadError(
                    "ML015", f"the key {key_node.value!r} must be text", _mark(key_node)
                )
            if key in first_seen:
                raise LoadError(
                    "ML005",
                    f"duplicate key {key!r} (first on line {first_seen[key].line})",
                    _mark(key_node),
                )
            first_seen[key] = _mark(key_node)
            self.doc.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node, path: JsonPath | None) -> Any:
        assert isinstance(node, yaml.ScalarNode)
        text: str = node.value
        if node.tag == _PLAIN_TAG:
            return self._plain(text, node, path)
        if node.tag == _STR_TAG:  # quoted, block scalar or explicit !!str: text as written
            return text
        raise _tag_not_allowed(node)

    def _plain(self, text: str, node: yaml.Node, path: JsonPath | None) -> Any:
        if text in ("", "~", "null"):
            return None
        if text in ("true", "false"):
            return text == "true"
        is_int = _INT.fullmatch(text) is not None
        if is_int or (_FLOAT.fullmatch(text) and not _DIGITS.fullmatch(text)):
            if len(text) > MAX_NUMBER_DIGITS:
                raise LoadError("ML010", f"the number {text[:20]}... is too long", _mark(node))
            number: int | float = int(text) if is_int else float(text)
            if number in (float("inf"), float("-inf")):
                raise LoadError("ML010", f"the number {text} is too large", _mark(node))
            if path is not None:
                self.doc.number_text[path] = text
            return number
        return text


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            "ML001", f"byte 0x{data[error.start]:02x} is not UTF-8", Mark(line, column)
        ) from None
    return text.removeprefix("\ufeff")


def _tabs_in_indentation(text: str) -> list[Mark]:
    """Every line indented with a tab: an editor that turned them on turned them on
    everywhere, and fixing one a run would take as many runs as lines."""
    marks = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            marks.append(Mark(number, line.index("\t") + 1))
    return marks


def parse(data: bytes, path: Path) -> Document:
    """Parse YAML bytes into a Document, or raise LoadError. Pure: no file access."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(
            "ML002", f"file is {len(data)} bytes, over the limit of {MAX_FILE_BYTES}", Mark(1, 1)
        )
    text = _decode(data)
    tabs = _tabs_in_indentation(text)
    if tabs:
        raise LoadError("ML004", "tab character in indentation", *tabs)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.context_mark and error.problem_mark:
            problem += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise LoadError("ML003", f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as error:
        raise LoadError("ML003", f"YAML syntax error: {error}", Mark(1, 1)) from None
    if not nodes or nodes[0] is None:
        raise LoadError("ML008", "the file holds no YAML data", Mark(1, 1))
    if len(nodes) > 1:
        raise LoadError(
            "ML011", "only one YAML document per file (remove the `---` line)", _mark(nodes[1])
        )
    builder = _Builder(path, text.split("\n"))
    builder.doc.first_line = text.split("\n", 1)[0].strip()
    builder.doc.data = builder.build(nodes[0], (), 0)
    return builder.doc


def load(
    path: Path,
    display: str | None = None,
    remembered: ParsedRecords | None = None,
    positions: bool = True,
) -> Document | list[Finding]:
    """Read and parse one YAML file; problems come back as findings, never as an exception.

    With `remembered`, a file whose bytes it holds is not parsed: its Document has the
    data, without positions; a file parsed is remembered. Without `positions`, a file
    parsed keeps its data only too (a finding on it then says line 1)."""
    shown = display or str(path)
    try:
        info = os.lstat(path)
    except OSError:
        info = None  # reading it says why
    if info is not None and stat.S_ISLNK(info.st_mode):
        return [Finding.of("ML013", shown, 1, 1, "the file is a symbolic link")]
    stamp = settled_stamp(info) if info is not None and stat.S_ISREG(info.st_mode) else ""
    if remembered is not None and (known := remembered.unchanged(shown, stamp)) is not None:
        return Document(path, known[0], first_line=known[1], positioned=False)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES + 1)
    except NotRegularFile:
        return [Finding.of("ML018", shown, 1, 1, "this is a FIFO, device or socket, not a file")]
    except OSError as error:
        return [Finding.of("ML012", shown, 1, 1, f"cannot read the file: {error.strerror}")]
    digest = remembered.digest(data) if remembered is not None else ""
    if remembered is not None and (known := remembered.get(shown, digest, stamp)) is not None:
        return Document(path, known[0], first_line=known[1], positioned=False)
    try:
        document = parse(data, path)
        if remembered is not None:
            remembered.put(shown, digest, document.data, document.first_line, stamp)
        if not positions:
            return Document(path, document.data, first_line=document.first_line, positioned=False)
        return document
    except LoadError as error:
        return [
            Finding.of(error.code, shown, mark.line, mark.column, error.message)
            for mark in (error.mark, *error.also)
        ]
    except RecursionError:  # the pure-Python composer on pathological nesting
        return [Finding.of("ML009", shown, 1, 1, "nesting is too deep")]

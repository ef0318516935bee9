"""Finding words meant for contributors in the text readers see.

A reader of the site never saw the schemas: a field name (`disassembly_depth`), a dotted
field path (`repair.tools`), a record id where the record has a name (`recycled-hdpe`), a
coded value (`commercially-available`), a finding code (`ML306`), a note to contributors
("the MakeLocal project brief says", "TODO"), a literal backtick, or Markdown list syntax
left as text ("1. Pull the pin. 2. Lift the door") all read as noise. `page_findings`
reports them on one page of the built site, with the page's words as evidence.

What counts as reader text: the page's main content (its <article>), without <pre>,
<kbd>, <script>, <style> and <template>, plus the `title`, `alt`, `aria-label` and
`placeholder` attributes there, which readers read as tooltips and labels. Inline <code>
is reader text too: it may show what a reader types or opens (a file, a parameter of an
OpenSCAD source), but not a field, an id or a code.

The vocabulary comes from the repository: field names from every schema's properties,
coded values from their `enum`s and `const`s, record ids and names from the records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# Elements whose text is not prose: code shown as code, and what a browser never shows.
SKIPPED = {"pre", "kbd", "samp", "script", "style", "template", "noscript"}
# Elements that end one piece of text and start the next (inline ones stay in the text).
BLOCKS = {
    "p", "li", "ul", "ol", "td", "th", "tr", "table", "dt", "dd", "dl", "h1", "h2", "h3",
    "h4", "h5", "h6", "div", "section", "figure", "figcaption", "caption", "blockquote",
    "details", "summary", "label", "legend", "fieldset", "button", "option", "select",
    "header", "footer", "nav", "aside", "br", "hr", "form", "article",
}  # fmt: skip
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")

# Notes addressed to whoever edits the records, not to readers.
EDITORIAL = re.compile(
    r"\b(?:project brief|TODO|FIXME|TBD|XXX|see the schema|in the schema|this record|"
    r"the record says|this field|record ids?|process ids?|material ids?|design ids?|"
    r"below follows?)\b",
    re.IGNORECASE,
)
FINDING_CODE = re.compile(r"\bML\d{3}\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
DOTTED = re.compile(r"(?<![\w./-])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w/-])")
# A word of lower-case letters and digits joined by hyphens, not inside a path or address.
HYPHENATED = re.compile(r"(?<![\w./#-])[a-z0-9]+(?:-[a-z0-9]+)*(?![\w/#-]|\.[a-z])")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|pl|eu|de)(?:/\S*)?")
# A numbered list run together in one line: "1. Pull the pin 2. lift the door" (numbers
# in turn), or an item's number after a sentence ("Pull the pin. 2. Lift the door").
NUMBERED_RUN = re.compile(r"(?:^|[.!?;:]\s+)(\d{1,2})[.)]\s+\S.*?\s(\d{1,2})[.)]\s+\S", re.DOTALL)
NUMBER_AFTER_SENTENCE = re.compile(r"[.!?;:]\s+\d{1,2}[.)]\s+[A-Z(]")
# A bullet list folded into a paragraph: a line that starts with "- ", or items after a
# colon ("Steps: - cut - sew - press").
BULLET_LINE = re.compile(r"(?:^|\n)\s*[-*+]\s+\S")
RUN_TOGETHER_BULLETS = re.compile(r":\s+[-*+]\s+\S[^\n]*?\s[-*+]\s+\S")
# "[ ] item": a task list's box left as text.
TASK_BOX = re.compile(r"^\s*\[[ xX]\]\s")
CODE_MARK = "\u2063"  # stands for an inline <code> in the prose around it


@dataclass(frozen=True)
class Text:
    """One piece of reader text: a paragraph, an item, a cell, a heading, an attribute,
    or an inline <code>. `prose` is the text without its inline code."""

    where: str  # the element (p, li, td, code...) or the attribute (`img alt=`)
    text: str
    prose: str = ""

    @property
    def code(self) -> bool:
        return self.where == "code"


@dataclass(frozen=True)
class WordFinding:
    kind: str
    words: str  # the offending words
    context: str  # the text they were found in

    def __str__(self) -> str:
        context = " ".join(self.context.split())
        return f"{self.kind} {self.words!r} in {context[:200]!r}"


@dataclass(frozen=True)
class Vocabulary:
    """What readers should not see, and what they may: field names, coded values with
    their labels, record ids with their names, and the parameters of the designs' sources
    (which a reader sets, so they may show as code)."""

    fields: frozenset[str]
    codes: Mapping[str, str] = field(default_factory=dict)  # coded value -> its title
    ids: Mapping[str, str] = field(default_factory=dict)  # record id -> name
    parameters: frozenset[str] = frozenset()

    def leaked(self, word: str) -> str | None:
        """The kind of a word of prose that is an id or a coded value, not English."""
        for kind, table in (("record id", self.ids), ("coded value", self.codes)):
            if word in table and not readable(word, table[word]):
                return kind
        return None


def readable(word: str, label: str) -> bool:
    """Whether an id or a code reads as English where it shows. A hyphenated one does
    when it is written as its label would be, in lower case with hyphens for spaces
    ("banana-fibre" for "Banana fibre"), not when words or capitals differ
    ("recycled-hdpe" for "Recycled HDPE", "commercially-available" for "commercially
    available tools"). A single word does unless it is a name in mixed capitals written
    in lower case ("openscad" for "OpenSCAD"); "step" for "STEP" is still a word."""
    if "-" in word:
        return bool(label) and word.replace("-", " ") == label[:1].lower() + label[1:]
    mixed = any(c.isupper() for c in label[1:]) and any(c.islower() for c in label)
    return not (mixed and label.lower() == word)


class _Reader(HTMLParser):
    """Collects the pieces of text of a page's <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[Text] = []
        self.skipping = 0
        self.in_main = False
        self.text: list[str] = []
        self.prose: list[str] = []
        self.block = "p"
        self.code: list[str] | None = None

    def flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.texts.append(Text(self.block, text, "".join(self.prose).strip()))
        self.text, self.prose = [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_main = self.in_main or tag == "article"
        if tag in SKIPPED and self.in_main:
            self.skipping += 1
        if not self.in_main or self.skipping:
            return
        values = dict(attrs)
        for name in READ_ATTRIBUTES:
            if (values.get(name) or "").strip():
                value = (values[name] or "").strip()
                self.texts.append(Text(f"{tag} {name}=", value, value))
        if tag in BLOCKS:
            self.flush()
            self.block = tag
        if tag == "code":
            self.code = []
            self.prose.append(CODE_MARK)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_main:
            return
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "code" and self.code is not None:
            self.texts.append(Text("code", "".join(self.code).strip()))
            self.code = None
        if tag in BLOCKS:
            self.flush()
        if tag == "article":
            self.in_main = False

    def handle_data(self, data: str) -> None:
        if not self.in_main or self.skipping:
            return
        self.text.append(data)
        (self.code if self.code is not None else self.prose).append(data)


def reader_texts(page: str) -> list[Text]:
    """The pieces of text a reader reads in a page's main content, in page order (an
    inline <code> comes before the text it sits in)."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    reader.flush()
    return reader.texts


def _identifiers(piece: Text, vocabulary: Vocabulary) -> Iterator[WordFinding]:
    prose = URL.sub(" ", piece.prose)
    for match in SNAKE.finditer(prose):
        if match.group() in vocabulary.fields:
            yield WordFinding("field name", match.group(), piece.text)
    for match in DOTTED.finditer(prose):
        if all(part in vocabulary.fields for part in match.group().split(".")):
            yield WordFinding("field name", match.group(), piece.text)
    for match in HYPHENATED.finditer(prose):
        kind = vocabulary.leaked(match.group())
        if kind:
            yield WordFinding(kind, match.group(), piece.text)
    for match in FINDING_CODE.finditer(prose):
        yield WordFinding("finding code", match.group(), piece.text)


def _code(piece: Text, vocabulary: Vocabulary) -> Iterator[WordFinding]:
    """Inline code may show what a reader types or opens (a file, a parameter of a
    design's source), not a record's field, id or coded value."""
    word = piece.text
    if word in vocabulary.parameters:
        return
    if all(part in vocabulary.fields for part in word.split(".")):
        yield WordFinding("field name", word, word)
    elif word in vocabulary.ids:
        yield WordFinding("record id", word, word)
    elif word in vocabulary.codes:
        yield WordFinding("coded value", word, word)


def _numbered(text: str) -> str | None:
    for run in NUMBERED_RUN.finditer(text):
        if int(run.group(2)) == int(run.group(1)) + 1:
            return run.group()
    after = NUMBER_AFTER_SENTENCE.search(text)
    return after.group() if after else None


def _lists(piece: Text) -> Iterator[WordFinding]:
    text = piece.text
    numbered = _numbered(text)
    if numbered:
        yield WordFinding("list as text", numbered.strip(), text)
    if piece.where in ("p", "li", "td", "dd", "blockquote"):
        bullets = BULLET_LINE.search(text) or RUN_TOGETHER_BULLETS.search(text)
        if bullets:
            yield WordFinding("list as text", bullets.group().strip(), text)
    if piece.where == "li" and TASK_BOX.match(text):
        yield WordFinding("list as text", text[:3], text)


def text_findings(piece: Text, vocabulary: Vocabulary, *, words: bool = True) -> list[WordFinding]:
    """What is wrong with one piece of reader text. With `words` False (pages for
    contributors and developers), only what is wrong on any page: backticks and lists."""
    if piece.code:
        return list(_code(piece, vocabulary)) if words else []
    found = [WordFinding("backtick", "`", piece.text)] if "`" in piece.prose else []
    found.extend(_lists(piece))
    if words:
        found.extend(
            WordFinding("editorial note", m.group(), piece.text)
            for m in EDITORIAL.finditer(piece.prose)
        )
        found.extend(_identifiers(piece, vocabulary))
    return found


def page_findings(page: str, vocabulary: Vocabulary, *, words: bool = True) -> list[WordFinding]:
    return [
        found
        for piece in reader_texts(page)
        for found in text_findings(piece, vocabulary, words=words)
    ]


# --- the vocabulary of a repository ---------------------------------------------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def schema_vocabulary(schemas: Iterable[Path]) -> tuple[frozenset[str], dict[str, str]]:
    """Every property name in the schemas, and every coded text value with its title."""
    fields: set[str] = set()
    codes: dict[str, str] = {}
    for path in schemas:
        for node in _walk(json.loads(path.read_text("utf-8"))):
            properties = node.get("properties")
            if isinstance(properties, dict):
                fields.update(properties)
            if isinstance(node.get("const"), str):
                codes.setdefault(node["const"], str(node.get("title") or ""))
            for value in node.get("enum", []) if isinstance(node.get("enum"), list) else []:
                if isinstance(value, str):
                    codes.setdefault(value, "")
    return frozenset(fields), codes


def record_names(root: Path) -> dict[str, str]:
    """The id of every record (and of every design's parts) with its name or title."""
    names: dict[str, str] = {}
    paths = [*root.glob("catalog/*/*.yml"), *root.glob("designs/*/design.yml")]
    for path in sorted(paths):
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        names[data["id"]] = str(data.get("name") or data.get("title") or "")
        for part in data.get("parts") or []:
            if isinstance(part, dict) and isinstance(part.get("id"), str):
                names.setdefault(part["id"], str(part.get("name") or ""))
    return names


SCAD_PARAMETER = re.compile(r"^([a-z_][a-z0-9_]*)\s*=", re.MULTILINE)


def source_parameters(root: Path) -> frozenset[str]:
    """The variables the designs' OpenSCAD sources set at the top of a line."""
    return frozenset(
        match.group(1)
        for path in sorted(root.glob("designs/*/src/*.scad"))
        for match in SCAD_PARAMETER.finditer(path.read_text("utf-8"))
    )


def repository_vocabulary(root: Path) -> Vocabulary:
    fields, codes = schema_vocabulary(sorted((root / "schemas").glob("*.json")))
    return Vocabulary(fields, codes, record_names(root), source_parameters(root))

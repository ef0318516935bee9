"""`makelocal new TYPE ID`: a commented skeleton of a record, generated from its schema.

The skeleton follows the schema field by field, so it cannot drift from it: every
required field is there, holding either an answer (the essentials, asked for in a
terminal or given as flags) or the placeholder TODO; every optional field is there as a
comment with the schema's example, ready to uncomment. A TODO left anywhere is an error
(ML407), so a skeleton cannot be published by mistake.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from generator.checks.licences import licence_problem
from generator.checks.schema import inline_refs
from generator.checks.schema_files import (
    SCHEMA_COMMENT,
    Choice,
    choices,
    schema_documents,
    schema_path_for,
)
from generator.checks.text_rules import PLACEHOLDER
from generator.findings.codes import LOCAL_COMMAND
from generator.records.catalog import RECORD_PLACES, file_id, record_files
from generator.records.file_names import WINDOWS_DEVICE
from generator.records.loader import JsonPath, LoadError, parse

WIDTH = 92  # comment lines wrap here
MAX_CHOICES_SHOWN = 12

Ask = Callable[[str], str]


class ScaffoldError(Exception):
    """A problem with what was asked for; the message says how to fix it."""


@dataclass(frozen=True)
class Essential:
    """A field worth asking for before writing the skeleton."""

    flag: str  # command-line flag, without the dashes
    path: JsonPath  # where the answer goes in the record
    many: bool = False  # a comma-separated list of ids


# The essentials of each record type, in the order they are asked.
ESSENTIALS: dict[str, list[Essential]] = {
    "design": [
        Essential("title", ("title",)),
        Essential("licence", ("licence",)),
        Essential("process", ("parts", 0, "process")),
        Essential("material", ("parts", 0, "materials"), many=True),
    ],
    "material": [
        Essential("title", ("name",)),
        Essential("kind", ("kind",)),
        Essential("process", ("processes", 0, "process")),
    ],
    "process": [
        Essential("title", ("name",)),
        Essential("kind", ("category",)),
    ],
    "maker": [
        Essential("title", ("name",)),
        Essential("country", ("country",)),
        Essential("process", ("processes",), many=True),
    ],
    "make": [
        Essential("design", ("design",)),
        Essential("country", ("country",)),
        Essential("process", ("process",)),
        Essential("material", ("materials",), many=True),
    ],
    "need": [
        Essential("title", ("title",)),
        Essential("design", ("design",)),
        Essential("country", ("country",)),
    ],
}
# Which catalogue ids an essential names, so the prompt can list them.
_NAMES_RECORDS = {"process": "process", "material": "material", "design": "design"}


# --- the schema, with references and allOf merged -------------------------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The node with its `$ref` and `allOf` merged in; the node's own annotations win."""
    defs = schema_documents()["common"]["$defs"]
    node = dict(node)
    ref = node.pop("$ref", None)
    if ref is not None:
        node = {**_resolve(defs[ref.rsplit("/", 1)[-1]]), **node}
    for part in node.pop("allOf", []):
        part = _resolve(part)
        properties = dict(node.get("properties", {}))
        for key, value in part.get("properties", {}).items():
            properties[key] = {**properties.get(key, {}), **value}
        node = {**part, **node, "properties": properties}
    return node


def _first_of_any(node: dict[str, Any]) -> list[str]:
    """The fields of the first choice when a node needs one of several (a reference's
    address or DOI): the skeleton asks for that one, the rest stay optional."""
    choices = node.get("anyOf", [])
    if choices and all(set(choice) == {"required"} for choice in choices):
        return list(choices[0]["required"])
    return []


def _node_at(record_type: str, path: JsonPath) -> dict[str, Any]:
    node = _resolve(schema_documents()[record_type])
    for step in path:
        node = _resolve(node["items"] if isinstance(step, int) else node["properties"][step])
    return node


# --- writing YAML ---------------------------------------------------------------------


def _scalar(value: Any) -> str:
    """A value as YAML that the project's loader reads back as the same value."""
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = value if isinstance(value, str) else json.dumps(value)
    try:
        if parse(f"k: {text}".encode(), Path("-")).data == {"k": value}:
            return text
    except LoadError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _example(node: dict[str, Any]) -> Any:
    examples = node.get("examples")
    return examples[0] if examples else PLACEHOLDER


def _commented_yaml(key: str, value: Any, indent: str) -> list[str]:
    """An optional field as commented YAML: remove `# ` and it is a valid field."""
    flow = yaml.safe_dump(
        {key: value}, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    ).strip()[1:-1]
    if len(indent) + len(flow) + 2 <= WIDTH:
        return [f"{indent}# {flow}"]
    block = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=WIDTH)
    return [f"{indent}# {line}" for line in block.rstrip("\n").split("\n")]


def _allowed(node: dict[str, Any]) -> tuple[Choice, ...]:
    """The values a field, or each item of a list field, allows; () if any."""
    return choices(node) or choices(node.get("items") or {})


def _one_of(allowed: tuple[Choice, ...]) -> str:
    """The values as a sentence, each with what it means where the schema says; then
    semicolons part them, as a description may hold commas."""
    if not any(c.description for c in allowed):
        return f" One of: {', '.join(str(c.value) for c in allowed)}."
    shown = (f"{c.value} - {c.description}" if c.description else str(c.value) for c in allowed)
    return f" One of: {'; '.join(shown)}."


def _comment(node: dict[str, Any], indent: str, optional: bool) -> list[str]:
    text = node.get("description") or node.get("title") or ""
    allowed = _allowed(node)
    if allowed and "const" not in node:
        if len(allowed) <= MAX_CHOICES_SHOWN:
            text += _one_of(allowed)
        elif node.get("examples"):
            text += f" For example {node['examples'][0]}."
    elif not optional and isinstance(_example(node), str | int | float) and "examples" in node:
        text += f" For example: {_example(node)}"
    if optional:
        text += " (optional)"
    width = max(WIDTH - len(indent) - 2, 40)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False)]


class _Writer:
    def __init__(self, record_type: str, answers: dict[JsonPath, Any]) -> None:
        self.record_type = record_type
        self.answers = answers
        self.lines: list[str] = []

    def mapping(self, node: dict[str, Any], path: JsonPath, indent: str, first: str = "") -> None:
        """The fields of an object; `first` prefixes the first line (`- ` in a list)."""
        properties: dict[str, Any] = node.get("properties", {})
        needed = {*node.get("required", []), *_first_of_any(node)}
        required = [k for k in properties if k in needed]
        if not required and properties:
            # A required object with no required field (material properties, design
            # rules): its first field shows what goes there.
            required = [next(iter(properties))]
        if {"value", "min", "max"} <= properties.keys():
            required = ["value", *required]  # a quantity needs a value or a range
        if first:  # in a list item the first line must hold a field, not a comment
            order = required + [k for k in properties if k not in required]
        else:
            order = list(properties)
        for key in order:
            child = _resolve(properties[key])
            child_path = (*path, key)
            is_required = key in required or child_path in self.answers
            self.lines += _comment(child, indent, not is_required) if not first else []
            if is_required:
                self.field(key, child, child_path, first or indent, indent)
            else:
                self.lines += _commented_yaml(key, _example(child), indent)
            first = ""

    def field(self, key: str, node: dict[str, Any], path: JsonPath, lead: str, indent: str) -> None:
        if path in self.answers:
            self.lines.append(f"{lead}{key}: {_scalar(self.answers[path])}")
        elif "const" in node:
            self.lines.append(f"{lead}{key}: {_scalar(node['const'])}")
        elif node.get("type") == "object" and "properties" in node:
            self.lines.append(f"{lead}{key}:")
            self.mapping(node, path, indent + "  ")
        elif node.get("type") == "object":  # free-form mapping (parameters, windows)
            self.lines.append(f"{lead}{key}: {{}}")
        elif node.get("type") == "array":
            items = _resolve(node.get("items", {}))
            if items.get("type") == "object":
                self.lines.append(f"{lead}{key}:")
                self.mapping(items, (*path, 0), indent + "    ", first=indent + "  - ")
            else:
                self.lines.append(f"{lead}{key}: [{PLACEHOLDER}]")
        elif node.get("maxLength", 0) > 300 and "pattern" not in node:  # Markdown: paragraphs
            self.lines += [f"{lead}{key}: |", f"{indent}  {PLACEHOLDER}"]
        else:
            self.lines.append(f"{lead}{key}: {PLACEHOLDER}")


def record_path(record_type: str, slug: str) -> PurePosixPath:
    """Where a record of this type and id lives, relative to the repository root."""
    folder, pattern = RECORD_PLACES[record_type]
    return PurePosixPath(folder, pattern.replace("*", slug, 1))


def skeleton(record_type: str, slug: str, answers: dict[JsonPath, Any]) -> str:
    """The skeleton's text. Pure: the same arguments give the same text."""
    where = record_path(record_type, slug)
    writer = _Writer(record_type, {("id",): slug, **answers})
    writer.lines += [
        f"{SCHEMA_COMMENT}{schema_path_for(record_type, where)}",
        f"# A new {record_type}, made by `makelocal new {record_type} {slug}`.",
        f"# Replace every {PLACEHOLDER} (each is an error until you do), uncomment the optional",
        "# fields you want (delete the `# `), and give a source for every number. Then check:",
        f"#   {LOCAL_COMMAND} validate {where}",
        f"# Field help comes from schemas/{record_type}.schema.json; editors with a YAML",
        "# extension show it as you type. The guide: CONTRIBUTING.md.",
        "",
    ]
    writer.mapping(_resolve(schema_documents()[record_type]), (), "")
    return "\n".join(writer.lines) + "\n"


# --- answers --------------------------------------------------------------------------


def slug_problem(slug: str) -> str | None:
    """None if `slug` can be an id; otherwise what is wrong and a suggestion."""
    node = _resolve(schema_documents()["common"]["$defs"]["slug"])
    if re.fullmatch(node["pattern"], slug) and len(slug) <= node["maxLength"]:
        return None
    suggestion = "-".join(re.findall(r"[a-z0-9]+", slug.lower()))[: node["maxLength"]]
    if WINDOWS_DEVICE.fullmatch(suggestion):
        suggestion += "-1"
    hint = f"; for example {suggestion!r}" if suggestion else ""
    if suggestion == f"{slug}-1":
        return (
            f"{slug!r} cannot be an id: Windows keeps the name for a device, so a file named "
            f"after it could not be opened there{hint}"
        )
    return (
        f"{slug!r} cannot be an id: use lower-case letters, digits and single hyphens, "
        f"at most {node['maxLength']} characters{hint}"
    )


def answer_problem(record_type: str, essential: Essential, value: Any) -> str | None:
    """None if the answer fits its field's schema (and, for a licence, the allowed list)."""
    # inline_refs also turns a `oneOf` of `const`s into an `enum`, so that a wrong choice
    # is an "enum" error listing the values, whichever form the schema uses.
    node = inline_refs(_node_at(record_type, essential.path), schema_documents()["common"]["$defs"])
    for error in Draft202012Validator(node).iter_errors(value):
        if error.validator == "enum":
            return f"{error.instance!r} is not allowed; choose one of: " + ", ".join(
                map(str, error.validator_value)
            )
        if error.validator == "pattern":
            return (
                f"{error.instance!r} is not in the expected form: "
                f"{error.schema.get('description', '')}"
            ).strip()
        return error.message
    if essential.flag == "licence":
        return licence_problem(value)
    return None


def _parse_answer(essential: Essential, text: str) -> Any:
    text = text.strip()
    if essential.many:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def _question(record_type: str, essential: Essential, known: dict[str, list[str]]) -> str:
    node = _node_at(record_type, essential.path)
    help_text = node.get("description") or node.get("title", "")
    allowed = _allowed(node)
    if allowed and len(allowed) <= MAX_CHOICES_SHOWN:
        help_text += _one_of(allowed)
    kind = _NAMES_RECORDS.get(essential.flag)
    if kind and known.get(kind):
        help_text += " Known: " + ", ".join(known[kind]) + "."
    if essential.many:
        help_text += " Separate several with commas."
    return f"{node.get('title', essential.flag)} ({help_text.strip()} Leave empty for now): "


def _known_ids(root: Path) -> dict[str, list[str]]:
    known: dict[str, list[str]] = {}
    for record_type, path in record_files(root):
        known.setdefault(record_type, []).append(file_id(record_type, path))
    return known


def gather_answers(
    root: Path,
    record_type: str,
    given: dict[str, str],
    ask: Ask | None,
) -> tuple[dict[JsonPath, Any], list[str]]:
    """The answers to put in the skeleton, and warnings (an id not in the catalogue yet).

    Flags are checked and refused when wrong; in a terminal (`ask` given), questions are
    asked again until the answer fits or is left empty.
    """
    flags = [e.flag for e in ESSENTIALS.get(record_type, [])]
    for flag in given:
        if flag not in flags:
            raise ScaffoldError(
                f"--{flag} does not apply to a {record_type}; its flags: "
                + ", ".join(f"--{f}" for f in flags)
            )
    known = _known_ids(root)
    answers: dict[JsonPath, Any] = {}
    warnings: list[str] = []
    for essential in ESSENTIALS.get(record_type, []):
        if essential.flag in given:
            value = _parse_answer(essential, given[essential.flag])
            problem = answer_problem(record_type, essential, value)
            if problem:
                raise ScaffoldError(f"--{essential.flag}: {problem}")
        elif ask is not None:
            question = _question(record_type, essential, known)
            while True:
                value = _parse_answer(essential, ask(question))
                problem = answer_problem(record_type, essential, value) if value else None
                if not problem:
                    break
                question = f"  {problem}. Try again.\n{_question(record_type, essential, known)}"
        else:
            continue
        if not value:
            continue
        answers[essential.path] = value
        kind = _NAMES_RECORDS.get(essential.flag)
        if kind:
            for name in value if isinstance(value, list) else [value]:
                if name not in known.get(kind, []):
                    warnings.append(
                        f"there is no {kind} {name!r} yet: add it in the same pull request "
                        f"({LOCAL_COMMAND} new {kind} {name}), or choose a known one"
                    )
    return answers, warnings


def create(
    root: Path, record_type: str, slug: str, given: dict[str, str], ask: Ask | None
) -> tuple[Path, list[str]]:
    """Write the skeleton; refuse a bad id or an existing file. Returns (path, warnings)."""
    problem = slug_problem(slug)
    if problem:
        raise ScaffoldError(problem)
    relative = record_path(record_type, slug)
    target = root / relative
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{relative} already exists: edit it, or choose another id")
    answers, warnings = gather_answers(root, record_type, given, ask)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(skeleton(record_type, slug, answers))
    except OSError as error:  # a file where a folder should be, no permission, disk full
        raise ScaffoldError(
            f"cannot write {relative}: {error.strerror} ({error.filename}); move that out "
            "of the way, or choose another id"
        ) from None
    return target, warnings

"""The record schemas as files: where they are, their content read once, and the choices
they define.

Nothing here validates, so the site's labels and `makelocal new` can read the schemas
without loading jsonschema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.records.schemas import SCHEMA_DIR as SCHEMA_DIR
from generator.records.schemas import schema_documents as schema_documents

SCHEMA_COMMENT = "# yaml-language-server: $schema="
# What a `oneOf` alternative may hold besides its `const` and still be a plain choice.
CHOICE_ANNOTATIONS = frozenset({"title", "description"})


@dataclass(frozen=True)
class Choice:
    """One value a field allows, with the schema's title and description of it, if any."""

    value: Any
    title: str | None = None
    description: str | None = None


def schema_node(record_type: str, pointer: str) -> dict[str, Any]:
    """The node at a JSON pointer (`/properties/category`) in a record type's schema."""
    node: Any = schema_documents()[record_type]
    for step in filter(None, pointer.split("/")):
        node = node[int(step)] if isinstance(node, list) else node[step]
    if not isinstance(node, dict):
        raise TypeError(f"{record_type}.schema.json#{pointer} is not a schema")
    return node


def followed(record_type: str, pointer: str) -> tuple[str, str]:
    """Where a field's values are defined: the field itself, or the shared definition its
    `$ref` names (`common.schema.json#/$defs/category` is ("common", "/$defs/category"))."""
    reference = schema_node(record_type, pointer).get("$ref")
    if isinstance(reference, str) and reference.startswith("common.schema.json#"):
        return "common", reference.split("#", 1)[1]
    return record_type, pointer


def const_alternatives(node: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The alternatives of a `oneOf` made only of `const`s (each with at most a title and a
    description), or None if the node has no such `oneOf`."""
    alternatives = node.get("oneOf")
    if not isinstance(alternatives, list) or not alternatives:
        return None
    if all(
        isinstance(a, dict) and "const" in a and set(a) - {"const"} <= CHOICE_ANNOTATIONS
        for a in alternatives
    ):
        return alternatives
    return None


def choices(node: Mapping[str, Any]) -> tuple[Choice, ...]:
    """The values a node allows: the `const`s of its `oneOf` with their titles and
    descriptions, or its plain `enum`; () if it allows any value of its type."""
    alternatives = const_alternatives(node)
    if alternatives is not None:
        return tuple(Choice(a["const"], a.get("title"), a.get("description")) for a in alternatives)
    return tuple(Choice(value) for value in node.get("enum", ()))


def labels(record_type: str, pointer: str, *, descriptions: bool = False) -> dict[str, str]:
    """The title (or the description) of each value a field allows, in the schema's order:
    the labels readers see for coded values (generator.web.labels holds them all)."""
    found: dict[str, str] = {}
    for choice in choices(schema_node(record_type, pointer)):
        label = choice.description if descriptions else choice.title
        if not label:
            what = "description" if descriptions else "title"
            raise ValueError(
                f"schemas/{record_type}.schema.json#{pointer}: {choice.value!r} has no {what}"
            )
        found[choice.value] = label
    if not found:
        raise ValueError(f"schemas/{record_type}.schema.json#{pointer} lists no values")
    return found


EACH_ITEM = "*"  # in a path pattern: any item of a list


def fixed_units(record_type: str) -> dict[tuple[str, ...], str]:
    """The quantities whose unit the schema fixes (`properties.density` is in g/cm3), by
    their path with `*` for each list item; a quantity under a free name (a parameter
    window, a process's parameters) is not among them."""
    documents = schema_documents()
    found: dict[tuple[str, ...], str] = {}

    def visit(node: Any, path: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            return
        for part in node.get("allOf", []):
            unit = part.get("properties", {}).get("unit", {}).get("const")
            if isinstance(unit, str):
                found[path] = unit
            visit(part, path)
        for key, child in node.get("properties", {}).items():
            visit(child, (*path, key))
        if "items" in node:
            visit(node["items"], (*path, EACH_ITEM))

    visit(documents[record_type], ())
    return found


def schema_path_for(record_type: str, where: PurePosixPath) -> str:
    """The schema's path relative to a record at `where` (relative to the repository root)."""
    return "../" * (len(where.parts) - 1) + f"schemas/{record_type}.schema.json"

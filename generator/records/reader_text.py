"""The text readers see in a record: the fields its schema marks `"x-translatable": true`.

From each record schema this derives a schema of its reader text alone (the same field
names and nesting, every other field left out), which says what a translation may hold and
checks the translated text as strictly as the English (a title stays one line of at most
300 characters). Walking a record's data along it gives the reader text by path.

A list whose items have an `id` (a design's parts) lets a translation repeat each item's
id, so that the item it translates is named and not only placed.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from generator.records.loader import JsonPath
from generator.records.schemas import schema_documents

TRANSLATABLE = "x-translatable"
ANCHOR = "id"  # a list item's id, which a translation may repeat
# What a reader-text field keeps of its English schema: what text it allows.
_TEXT_KEYWORDS = ("type", "minLength", "maxLength", "pattern", "title", "description")
_COMBINATIONS = ("allOf", "anyOf", "oneOf")
_MAX_DEPTH = 30
FINGERPRINT_DIGITS = 12


def _resolve(node: dict[str, Any], document: str) -> tuple[dict[str, Any], str]:
    """A schema node with its `$ref` (to its own document or to the shared definitions)
    merged in, and the document later references in it are relative to."""
    reference = node.get("$ref")
    if not isinstance(reference, str):
        return node, document
    file, _, pointer = reference.partition("#")
    target_document = file.removesuffix(".schema.json") if file else document
    target: Any = schema_documents()[target_document]
    for step in filter(None, pointer.split("/")):
        target = target[step]
    resolved, where = _resolve(target, target_document)
    return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}, where


def _text_leaf(node: dict[str, Any]) -> dict[str, Any]:
    leaf = {key: node[key] for key in _TEXT_KEYWORDS if key in node}
    return {**leaf, TRANSLATABLE: True}


def _derive(
    node: dict[str, Any], document: str, depth: int, in_list: bool
) -> dict[str, Any] | None:
    """The reader-text schema of a node, or None if no reader text is below it."""
    if depth > _MAX_DEPTH:
        raise ValueError(f"schemas/{document}.schema.json nests deeper than {_MAX_DEPTH}")
    node, document = _resolve(node, document)
    if node.get(TRANSLATABLE):
        if node.get("type") == "array":
            text, _ = _resolve(node["items"], document)
            return {"type": "array", "items": _text_leaf(text)}
        return _text_leaf(node)
    if "items" in node and isinstance(node["items"], dict):
        item = _derive(node["items"], document, depth + 1, in_list=True)
        return None if item is None else {"type": "array", "items": item}
    properties: dict[str, Any] = {}
    has_id = False
    for part in [node, *(p for c in _COMBINATIONS for p in node.get(c, []))]:
        part, where = _resolve(part, document)
        for key, child in part.get("properties", {}).items():
            has_id = has_id or key == ANCHOR
            derived = _derive(child, where, depth + 1, in_list=False)
            if derived is not None:
                properties[key] = derived
    extra = node.get("additionalProperties")
    others = _derive(extra, document, depth + 1, False) if isinstance(extra, dict) else None
    if not properties and others is None:
        return None
    if has_id and in_list:
        properties[ANCHOR] = {"type": "string", "title": "Id of the item translated"}
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": others if others is not None else False,
    }


@cache
def reader_schema(record_type: str) -> dict[str, Any]:
    """The schema of a record type's reader text: an object whose fields are the reader-text
    fields of the record, nested as in it."""
    derived = _derive(schema_documents()[record_type], record_type, 0, in_list=False)
    if derived is None:
        raise ValueError(f"schemas/{record_type}.schema.json marks no field {TRANSLATABLE}")
    return derived


def child_schema(node: dict[str, Any], step: str | int) -> dict[str, Any] | None:
    """The reader-text schema of a field or list item of a node, or None if it holds none."""
    if isinstance(step, int):
        items = node.get("items")
        return items if node.get("type") == "array" and isinstance(items, dict) else None
    if node.get("type") != "object":
        return None
    child = node["properties"].get(step)
    if child is None and isinstance(node.get("additionalProperties"), dict):
        child = node["additionalProperties"]
    return child if isinstance(child, dict) else None


def is_text(node: dict[str, Any]) -> bool:
    return bool(node.get(TRANSLATABLE))


def _walk(node: dict[str, Any], value: Any, path: JsonPath, found: dict[JsonPath, str]) -> None:
    """Each reader-text value below `value` (at `path`; its schema `node`) into `found`, in
    the record's order. `child_schema` and `is_text` written out, and a value that is
    neither text nor holds any not walked: each of a build's languages other than English
    walks every record (10,023 records: 0.61 s with a generator of generators, 0.39 s so)."""
    if node.get(TRANSLATABLE):
        if isinstance(value, str):
            found[path] = value
        return
    if isinstance(value, dict):
        if node.get("type") != "object":
            return
        properties = node["properties"]
        extra = node.get("additionalProperties")
        for step, item in value.items():
            child = properties.get(step)
            if child is None:
                child = extra
            if (
                isinstance(child, dict)
                and step != ANCHOR
                and (isinstance(item, dict | list) or child.get(TRANSLATABLE))
            ):
                _walk(child, item, (*path, step), found)
    elif isinstance(value, list):
        items = node.get("items")
        if node.get("type") != "array" or not isinstance(items, dict):
            return
        for step, item in enumerate(value):
            _walk(items, item, (*path, step), found)


def _project(node: dict[str, Any], value: Any) -> Any:
    if is_text(node):
        return value if isinstance(value, str) else None
    if isinstance(value, list):
        items = child_schema(node, 0)
        projected = [_project(items, item) if items else None for item in value]
        if all(item is None for item in projected):
            return None
        return [{} if item is None else item for item in projected]
    if not isinstance(value, dict):
        return None
    found = {}
    for key, item in value.items():
        child = child_schema(node, key)
        if child is not None and key != ANCHOR:
            projected = _project(child, item)
            if projected is not None:
                found[key] = projected
    if found and ANCHOR in node.get("properties", {}) and isinstance(value.get(ANCHOR), str):
        found = {ANCHOR: value[ANCHOR], **found}
    return found or None


def reader_part(record_type: str, data: Any) -> dict[str, Any]:
    """A record's data cut down to its reader text, in the record's structure: every list
    keeps its length (an item without text is `{}`), and list items keep their ids."""
    return _project(reader_schema(record_type), data) or {}


def reader_text(record_type: str, data: Any) -> dict[JsonPath, str]:
    """Every reader-text value of a record, by its path."""
    found: dict[JsonPath, str] = {}
    _walk(reader_schema(record_type), data, (), found)
    return found


def fingerprint(record_type: str, data: Any) -> str:
    """A short fingerprint of a record's reader text: it changes whenever any of it does."""
    text = reader_text(record_type, data)
    canonical = json.dumps(sorted((json.dumps(p), v) for p, v in text.items()), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]

"""A small TOML writer for the Open Know-How manifests."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from generator.web.words import data_number


def toml_value(value: Any) -> str:
    """A TOML value: strings as basic strings with every control character escaped, a
    mapping inside a list as an inline table. NaN and infinity are refused: TOML could
    write them (`nan`, `inf`), but no manifest field means them, as JSON has no such number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value} is not a number a manifest can hold")
    if isinstance(value, int | float):
        return data_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(pairs) + "}"
    return f'"{_ESCAPED.sub(_escape, str(value))}"'


# What a basic string escapes: the backslash, the quote and every control character.
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f]')
_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    c = match.group(0)
    return _SHORT.get(c) or f"\\u{ord(c):04x}"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str) -> str:
    """A key as written: bare when TOML allows it, else a basic string like any value."""
    return key if _BARE_KEY.fullmatch(key) else toml_value(key)


def toml_document(top: Mapping[str, Any], tables: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """Keys with plain values, then sub-tables, then arrays of tables (TOML's required order)."""
    lines: list[str] = []

    def body(mapping: Mapping[str, Any], prefix: str) -> None:
        nested = {k: v for k, v in mapping.items() if isinstance(v, Mapping)}
        for key, value in mapping.items():
            if key not in nested and value is not None:
                lines.append(f"{toml_key(key)} = {toml_value(value)}")
        for key, value in nested.items():
            lines.extend(["", f"[{prefix}{toml_key(key)}]"])
            body(value, f"{prefix}{toml_key(key)}.")

    body(top, "")
    for name, items in tables.items():
        for item in items:
            lines.extend(["", f"[[{toml_key(name)}]]"])
            body(item, f"{toml_key(name)}.")
    return "\n".join(lines) + "\n"

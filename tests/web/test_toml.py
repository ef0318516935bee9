"""The TOML writer's output reads back as what was written, whatever the keys hold."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import pytest

from generator.web.toml import toml_document, toml_key

AWKWARD_KEYS = ["with space", "dot.ted", 'quo"te', "new\nline", "café", "", "back\\slash", "[x]"]


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_awkward_key_reads_back(key: str) -> None:
    top: dict[str, Any] = {key: "value", "table": {key: 1}}
    tables: dict[str, list[Mapping[str, Any]]] = {f"{key}s": [{key: True, "sub": {key: [1, 2]}}]}
    document = toml_document(top, tables)
    assert tomllib.loads(document) == {**top, **tables}


def test_a_key_in_every_place_at_once() -> None:
    top = {"name": "Clip", "my table": {"a.b": "c", "inner table": {"x\ty": 1.5}}}
    tables: dict[str, list[Mapping[str, Any]]] = {
        "my parts": [{"part name": "A"}, {"part name": "B", "sizes": {"x y": 2}}]
    }
    assert tomllib.loads(toml_document(top, tables)) == {**top, **tables}


@pytest.mark.parametrize("key", ["okhv", "bill-of-materials", "part_2", "A9"])
def test_bare_keys_stay_bare(key: str) -> None:
    assert toml_key(key) == key
    assert toml_document({key: 1}, {}) == f"{key} = 1\n"

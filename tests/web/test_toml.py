"""The TOML writer's output reads back as what was written, whatever the keys hold."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.records.catalog import load_catalog
from generator.web.render import render_site
from generator.web.site import Settings
from generator.web.toml import toml_document, toml_key
from tests.conftest import make_repo

AWKWARD_KEYS = ["with space", "dot.ted", 'quo"te', "new\nline", "café", "", "back\\slash", "[x]"]


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_awkward_key_reads_back(key: str) -> None:
    top: dict[str, Any] = {key: "value", "table": {key: 1}}
    tables: dict[str, list[Mapping[str, Any]]] = {f"{key}s": [{key: True, "sub": {key: [1, 2]}}]}
    document = toml_document(top, tables)
    assert tomllib.loads(document) == {**top, **tables}


@given(st.text())
def test_any_text_reads_back(text: str) -> None:
    assert tomllib.loads(toml_document({"value": text, text: 1}, {})) == {"value": text, text: 1}


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


HOSTILE_RELEASES: list[Any] = [
    {'a"]\n[evil]\nx = "1': "v", "b = 1\n[[part]]": {"c\nd": 1, "e": [1, "f\n[g]"]}},
    '1.0"\n[evil]\nx = "1',
    [{"k": "v"}, '"]\n[evil]'],
]


@pytest.mark.parametrize("release", HOSTILE_RELEASES)
def test_release_keys_and_values_stay_out_of_the_manifest(release: Any, tmp_path: Path) -> None:
    """With validation bypassed, a record's hostile `release` may add no table or key to
    okh.toml: the manifest's release is the design's zip on the site, whatever the record
    says."""
    repo = make_repo(tmp_path / "repo")
    design = repo / "designs/test-clip/design.yml"
    text = design.read_text("utf-8") + yaml.safe_dump({"release": release}, allow_unicode=True)
    design.write_text(text, "utf-8")
    settings = Settings(site_url="https://example.org/makelocal/")
    texts = render_site(load_catalog(repo), {}, settings).texts
    manifest = tomllib.loads(texts["design/test-clip/okh.toml"])
    assert "evil" not in manifest and [p["name"] for p in manifest["part"]] == ["Clip"]
    assert manifest["release"] == "https://example.org/makelocal/design/test-clip/test-clip.zip"

"""Open Know-How manifests against the OKH schema itself (pinned in tests/fixtures/okh/)."""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from PIL import Image

from generator.web.render import render_site
from generator.web.site import Settings
from generator.web.sources import PROJECT, load_valid_catalog
from generator.web.toml import toml_document, toml_value
from tests.conftest import FIXTURES
from tests.web.helpers import clip_analysis
from tests.web.real_catalogue import REPO, SETTINGS, SITE, real_site

PINNED = FIXTURES / "okh"


@cache
def okh_validator() -> Draft7Validator:
    schema = json.loads((PINNED / "okh.schema.json").read_text("utf-8"))
    Draft7Validator.check_schema(schema)
    # Formats checked too (`uri` for every address): a checker that skips them would pass
    # a `repo` of "https://exa mple".
    return Draft7Validator(schema, format_checker=FormatChecker())


def problems(manifest: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in okh_validator().iter_errors(manifest)
    ]


def manifests(name: str) -> dict[str, dict[str, Any]]:
    site = real_site(SETTINGS[name])
    return {
        path: tomllib.loads(text) for path, text in site.texts.items() if path.endswith("okh.toml")
    }


def test_the_pinned_schema_is_the_copy_its_readme_names() -> None:
    readme = (PINNED / "README.md").read_text("utf-8")
    text = (PINNED / "okh.schema.json").read_text("utf-8")
    digest = hashlib.sha256((PINNED / "okh.schema.json").read_bytes()).hexdigest()
    assert f"sha256 `{digest}`" in readme
    assert f"{len(text):,} characters" in readme
    assert re.search(r"commit \| `[0-9a-f]{40}`", readme)
    assert (
        (PINNED / "AGPL-3.0-or-later.txt")
        .read_text("utf-8")
        .startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    )


@pytest.mark.parametrize("settings", ["repo-and-site", "repo-only"])
def test_every_manifest_of_the_catalogue_is_valid_okh(settings: str) -> None:
    found = manifests(settings)
    designs = load_valid_catalog(PROJECT).designs
    assert len(found) == len(designs) >= 12
    invalid = {path: problems(m) for path, m in found.items() if problems(m)}
    assert invalid == {}


def test_a_build_that_knows_no_repository_writes_manifests_without_repo() -> None:
    # The hook refuses to publish such a build (tests/web/test_hook.py); this one is local.
    for manifest in manifests("nothing").values():
        assert problems(manifest) == [": 'repo' is a required property"]


def test_manifests_say_what_the_records_hold() -> None:
    found = manifests("repo-and-site")
    shield = found["design/face-shield-headband/okh.toml"]
    assert shield["repo"] == f"{REPO}/tree/main/designs/face-shield-headband"
    assert shield["release"] == f"{SITE}design/face-shield-headband/face-shield-headband.zip"
    page = f"{SITE}design/face-shield-headband.html"
    assert shield["readme"] == page
    assert shield["manufacturing-instructions"] == f"{page}#instructions"
    assert shield["user-manual"] == f"{page}#safety"
    assert shield["bom"] == f"{page}#bill-of-materials"
    assert shield["contribution-guide"] == f"{REPO}/blob/main/CONTRIBUTING.md"
    assert shield["image"] == f"{SITE}preview/face-shield-headband.headband.webp"
    assert shield["licensor"] == {"name": "MakeLocal contributors"}
    assert shield["license"] == "CERN-OHL-S-2.0"
    assert "standard-compliance" not in shield  # the records never say a design complies
    part = shield["part"][0]
    assert part["export"] == "parts/headband.stl" and part["source"] == "src/headband.scad"
    assert part["tsdc"] == "3DP" and part["printing-process"] == "FDM"
    assert part["material"] == "PETG (glycol-modified PET) filament"
    # The analysis's figures: the bounding box in mm and the mass in g in PETG.
    assert 168 < part["outer-dimensions"]["width"] < 170
    assert 20 < part["mass"] < 30
    # Every relative path names a file of the design's folder (what `repo` points at).
    for path, manifest in found.items():
        folder = PROJECT / "designs" / path.split("/")[1]
        relative = [*manifest.get("source", []), *manifest.get("export", [])]
        for part in manifest.get("part", []):
            relative += [part[key] for key in ("source", "export") if key in part]
        assert all((folder / name).is_file() for name in relative), path


def test_without_the_site_address_documents_point_at_the_record() -> None:
    shield = manifests("repo-only")["design/face-shield-headband/okh.toml"]
    record = f"{REPO}/blob/main/designs/face-shield-headband/design.yml"
    assert shield["readme"] == shield["manufacturing-instructions"] == record
    assert "release" not in shield and "image" not in shield
    assert "image" not in shield["part"][0]


@pytest.mark.parametrize("field", ["licensor", "organization"])
def test_upstream_licensor_defect(field: str) -> None:
    """The pinned schema's `licensor` is a `oneOf` of [list of strings, string, list of
    agents, agent], and `agent` (anyOf person, organization) has no `type`: anything that
    is not an object matches it. A name, a list of names and a list of agents each match
    two alternatives, and `oneOf` rejects them all; only a single agent object passes.
    `organization` has the same defect (its `organization` alternative has no `type`).
    The manifests write one agent. When upstream fixes this (a `type: object` on person and
    organization), the first assertion fails: then list each author as an agent."""
    base = {
        "okhv": "OKH-LOSHv1.0",
        "name": "x",
        "repo": "https://example.org/x",
        "version": "1",
        "license": "CC0-1.0",
        "function": "x",
    }
    rejected = ["Jane Doe", ["Jane Doe", "John Doe"], [{"name": "Jane Doe"}, {"name": "Jo"}]]
    for licensor in rejected:
        found = problems({**base, "licensor": {"name": "Jane Doe"}, field: licensor})
        assert len(found) == 1 and "is valid under each of" in found[0], licensor
    agent = {"name": "Jane Doe", "url": "https://example.org"}
    assert problems({**base, "licensor": agent, field: agent}) == []


def test_authors_organisations_and_photos_from_the_records(repo: Path) -> None:
    design = repo / "designs/test-clip/design.yml"
    text = design.read_text("utf-8").replace(
        "  - name: Fixture author\n    maker: test-maker\n",
        "  - name: Fixture author\n    maker: test-maker\n  - name: Second author\n",
    )
    design.write_text(
        text + "images:\n  - file: images/made.png\n    caption: The clip, made\n", "utf-8"
    )
    (repo / "designs/test-clip/images").mkdir()
    Image.new("RGB", (8, 8), "white").save(repo / "designs/test-clip/images/made.png")
    maker = repo / "catalog/makers/test-maker.yml"
    maker.write_text(maker.read_text("utf-8") + "url: https://maker.example.org/\n", "utf-8")
    catalog = load_valid_catalog(repo)
    settings = Settings(repo_url=REPO, site_url=SITE)
    site = render_site(catalog, {"test-clip/clip": clip_analysis(catalog)}, settings)
    manifest = tomllib.loads(site.texts["design/test-clip/okh.toml"])
    assert manifest["licensor"] == {"name": "Fixture author, Second author"}
    # The maker profile an author links to, with the maker's own address.
    assert manifest["organization"] == {"name": "Test maker", "url": "https://maker.example.org/"}
    assert manifest["image"] == "images/made.png"  # a file of the folder: relative
    assert problems(manifest) == []


def test_toml_refuses_numbers_json_has_not() -> None:
    for value in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="not a number"):
            toml_value(value)
    with pytest.raises(ValueError):
        toml_document({"part": [{"mass": math.nan}]}, {})


def test_toml_writes_lists_of_tables_inline() -> None:
    text = toml_document({"organization": [{"name": 'A "B"', "url": "https://a.example"}]}, {})
    assert text == 'organization = [{name = "A \\"B\\"", url = "https://a.example"}]\n'
    assert tomllib.loads(text)["organization"] == [{"name": 'A "B"', "url": "https://a.example"}]

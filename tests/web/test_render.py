"""The render stage on the fixture catalogue: pages, links, data files and manifests."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from generator.analysis.codec import from_json, to_json
from generator.analysis.results import PartAnalysis, PartResult, published
from generator.records.catalog import Catalog
from generator.records.facts import visible_maker
from generator.web.render import render_site
from generator.web.site import Settings, Site
from generator.web.sources import PROJECT, load_valid_catalog
from tests.web.helpers import broken_links, clip_analysis
from tests.web.html_check import live_hazards
from tests.web.payloads import LINK_PAYLOADS, STRUCTURAL, TEXT_PAYLOADS, poison

SETTINGS = Settings(repo_url="https://github.com/example/makelocal")


@pytest.fixture
def catalog(repo: Path) -> Catalog:
    return load_valid_catalog(repo)


def render(
    catalog: Catalog, analyses: dict[str, PartResult] | None = None, guide: str | None = None
) -> Site:
    analyses = {"test-clip/clip": clip_analysis(catalog)} if analyses is None else analyses
    schemas = {p.name: p for p in (PROJECT / "schemas").glob("*.schema.json")}
    documents = {"CONTRIBUTING.md": guide, "CODE_OF_CONDUCT.md": "# Be kind\n"} if guide else {}
    return render_site(catalog, analyses, SETTINGS, documents, schemas)


def test_every_page_and_link(catalog: Catalog) -> None:
    site = render(catalog)
    paths = {page.path for page in site.pages}
    for expected in (
        "index.md",
        "designs.md",
        "materials.md",
        "biomaterials.md",
        "recycled-feedstocks.md",
        "reference-materials.md",
        "processes.md",
        "makers.md",
        "search.md",
        "contribute.md",
        "open-data.md",
        "repairability.md",
        "design/test-clip.md",
        "material/test-plastic.md",
        "process/test-printing.md",
        "maker/test-maker.md",
        "categories/repair-part.md",
        "pillars/retention-of-value.md",
    ):
        assert expected in paths
    assert broken_links(site) == []
    in_nav = {page.path for page in site.pages if page.in_nav}
    assert "design/test-clip.md" not in in_nav and "designs.md" in in_nav


def test_design_page_shows_the_analysis_and_the_record(catalog: Catalog) -> None:
    site = render(catalog)
    page = next(p for p in site.pages if p.path == "design/test-clip.md")
    html = page.html
    for text in (
        "Ready to make",
        "20 \u00d7 10 \u00d7 5 mm",
        "as exported (z up)",
        "0 mm² steeper than 45° from vertical",
        "1 cm³",
        "Fixture printer: yes",
        "0.56 g",
        "0.26 m",
        "5 min",
        "12 faces, 1 body, closed (watertight)",
        "PrusaSlicer 0.20mm QUALITY",
        "CERN Open Hardware Licence v2, strongly reciprocal",
        "Elastic band",
        "Scissors",
        "Print the clip.",
        "Pull the clip off.",
        "Not for load-bearing use.",
        "Repairability score",
    ):
        assert text in html, text
    assert 'data-mesh="../mesh/test-clip.clip.js"' in html
    assert site.meshes["mesh/test-clip.clip.js"].name == "clip.stl"
    assert page.title == "Test clip" and page.description == "A fixture design."
    assert [h.id for h in page.toc][:3] == ["about", "evidence", "parts"]


def test_a_part_without_analysis_says_so(catalog: Catalog) -> None:
    site = render(catalog, analyses={})
    page = next(p for p in site.pages if p.path == "design/test-clip.md")
    assert "This part has not been analysed." in page.html


def test_api_holds_every_record_with_its_analysis(catalog: Catalog) -> None:
    site = render(catalog)
    designs = json.loads(site.texts["api/designs.json"])
    assert designs["count"] == 1
    clip = designs["items"][0]
    analysis = clip_analysis(catalog)
    assert analysis.seconds == 0.1  # differs between runs: never published
    assert clip["parts"][0]["analysis"] == published(analysis)
    assert "seconds" not in clip["parts"][0]["analysis"]
    assert clip["downloads"]["zip"] == "design/test-clip/test-clip.zip"
    materials = json.loads(site.texts["api/materials.json"])
    assert materials["items"][0]["designs"] == ["test-clip"]
    assert materials["items"][0]["properties"]["density"]["value"] == 0.9
    assert json.loads(site.texts["api/processes.json"])["items"][0]["id"] == "test-printing"
    assert json.loads(site.texts["api/makers.json"])["items"][0]["id"] == "test-maker"


def test_okh_manifest(catalog: Catalog) -> None:
    site = render(catalog)
    manifest = tomllib.loads(site.texts["design/test-clip/okh.toml"])
    assert manifest["okhv"] == "OKH-LOSHv1.0"
    assert manifest["name"] == "Test clip"
    assert manifest["repo"] == "https://github.com/example/makelocal/tree/main/designs/test-clip"
    assert manifest["license"] == "CERN-OHL-S-2.0"
    assert manifest["licensor"] == {"name": "Fixture author"}
    assert manifest["function"] == "A fixture design."
    assert manifest["version"] == "1.0"
    assert manifest["technology-readiness-level"] == "OTRL-3"
    assert manifest["tsdc"] == ["3DP", "ASM"]
    part = manifest["part"][0]
    assert part["export"] == "parts/clip.stl" and part["source"] == "src/clip.scad"
    assert part["mass"] == 0.6 and part["material"] == "Test plastic"
    assert part["outer-dimensions"] == {"width": 20.0, "depth": 10.0, "height": 5.0}
    archive = site.archives["design/test-clip/test-clip.zip"]
    names = [name for name, _ in archive.entries]
    assert names == [
        "test-clip/design.yml",
        "test-clip/parts/clip.stl",
        "test-clip/src/clip.scad",
        "test-clip/okh.toml",
    ]


def test_maker_shows_only_what_it_agreed_to(repo: Path) -> None:
    maker = repo / "catalog/makers/test-maker.yml"
    maker.write_text(maker.read_text() + "visible: [region]\n")
    site = render(load_valid_catalog(repo))
    page = next(p for p in site.pages if p.path == "maker/test-maker.md")
    assert "Kampala" in page.html
    assert "Fixture printer" not in page.html and "parts/week" not in page.html
    published = json.loads(site.texts["api/makers.json"])["items"][0]
    assert "machines" not in published and "capacity" not in published
    assert visible_maker({"name": "x", "materials": ["a"]})["materials"] == ["a"]


def test_contributor_guide_is_rendered_with_links_mapped(catalog: Catalog) -> None:
    guide = (
        "# How to help\n\nSee [the guide](docs/guides/x.md#top), [code](generator/cli.py) "
        "and [conduct](CODE_OF_CONDUCT.md).\n"
    )
    site = render(catalog, guide=guide)
    page = next(p for p in site.pages if p.path == "contribute.md")
    assert page.title == "How to help"
    assert 'href="guides/x.html#top"' in page.html
    assert 'href="code-of-conduct.html"' in page.html
    assert next(p for p in site.pages if p.path == "code-of-conduct.md").title == "Be kind"
    assert 'href="https://github.com/example/makelocal/blob/main/generator/cli.py"' in page.html


def test_a_guide_links_the_records_this_catalogue_has(catalog: Catalog) -> None:
    guide = (
        "# Materials\n\nSee [the plastic](../material/test-plastic.md), "
        "[banana fibre](../material/banana-fibre.md) and [printing](../process/test-printing.md)."
    )
    analyses = {"test-clip/clip": clip_analysis(catalog)}
    site = render_site(catalog, analyses, SETTINGS, guides={"guides/m.md": guide})
    page = next(p for p in site.pages if p.path == "guides/m.md")
    assert 'href="../material/test-plastic.html"' in page.html
    assert 'href="../process/test-printing.html"' in page.html
    assert "banana-fibre.html" not in page.html and "banana fibre" in page.html


def test_an_untested_design_asks_for_a_make_report_in_the_repositorys_form(
    catalog: Catalog,
) -> None:
    page = next(p for p in render(catalog).pages if p.path == "design/test-clip.md")
    form = "https://github.com/example/makelocal/issues/new?template=report-make.yml&amp;design=test-clip"
    assert f'<a href="{form}">Add a make report</a>' in page.html


def test_the_guide_opens_issue_forms_and_clones_from_the_repository(catalog: Catalog) -> None:
    guide = (
        "# Help\n\n[Report a make](.github/ISSUE_TEMPLATE/report-make.yml).\n\n"
        "```sh\ngit clone <address of the repository> makelocal\n```\n"
    )
    page = next(p for p in render(catalog, guide=guide).pages if p.path == "contribute.md")
    assert (
        'href="https://github.com/example/makelocal/issues/new?template=report-make.yml"'
        in page.html
    )
    assert "git clone https://github.com/example/makelocal.git makelocal" in page.html


# --- injection: every text field of every record holds a payload --------------------------


@pytest.mark.parametrize("payloads", [TEXT_PAYLOADS, LINK_PAYLOADS])
def test_no_payload_in_any_field_survives(catalog: Catalog, payloads: list[str]) -> None:
    for record in catalog.records:
        record.doc.data = poison(record.doc.data, payloads, STRUCTURAL, "javascript:__pwn()")
    poisoned = poison(to_json(clip_analysis(catalog)), payloads, STRUCTURAL, "javascript:__pwn()")
    analysis = from_json(PartAnalysis, poisoned)
    site = render(
        catalog, {"test-clip/clip": analysis}, guide="# Guide\n\n" + "\n\n".join(payloads)
    )
    shown = 0
    for page in site.pages:
        assert live_hazards(page.html) == [], page.path
        shown += page.html.count("__pwn")
    assert shown > 100  # the payloads are on the pages, as harmless text
    for path, text in site.texts.items():
        assert "<" not in text or path.endswith(".toml"), path
        if path.endswith(".json"):
            json.loads(text)
        if path.endswith(".toml"):
            tomllib.loads(text)

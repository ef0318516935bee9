"""Open Know-How (OKH-LOSH v1.0) manifests: one okh.toml per design.

The tests check every manifest against the OKH schema itself (a pinned copy in
tests/fixtures/okh/). OKH reads a relative path as relative to the place `repo` names,
here the design's folder in the repository, which is also the top folder of the design's
zip: the parts, sources and photos of the folder are written as such paths. Everything
else (the design's page and its sections, the zip, the pictures the site makes, the
contributor guide) is not in that folder, so it is written as an absolute address, and
only when that address is known: the site's (`Settings.site_url`) or the repository's
(`Settings.repo_url`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from generator.analysis.results import PartAnalysis, PartResult
from generator.records import alternatives
from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of
from generator.web.i18n import current
from generator.web.index import Index
from generator.web.links import preview_file
from generator.web.site import Settings
from generator.web.toml import toml_document

OKH_VERSION = "OKH-LOSHv1.0"

# Processes whose parts OKH calls 3D printed ("3DP") or laser cut ("LAS"): Technology-
# specific Documentation Criteria of DIN SPEC 3105-1, as the OKH schema lists them.
OKH_TSDC = {"additive": "3DP"}


OKH_TSDC_BY_ID = {"laser-cutting": "LAS"}


# The OKH `printing-process` of a 3D printing process (the schema's enum: FDM, SLA, SLS, MJF,
# DMLS); a process not listed here gets no `printing-process`.
OKH_PRINTING_PROCESS = {"fdm-printing": "FDM"}


# Design maturity as an Open Know-How technology readiness level (OTRL-1..6).
OKH_OTRL = {"concept": "OTRL-3", "prototype": "OTRL-4", "tested": "OTRL-4", "production": "OTRL-5"}


def okh_manifest(index: Index, design: Record, settings: Settings) -> str:
    """The OKH-LOSH v1.0 manifest (okh.toml) of one design."""
    parts = _parts(index, design, settings)
    return toml_document(_fields(index, design, settings, parts), {"part": parts})


def _fields(
    index: Index, design: Record, settings: Settings, parts: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """The manifest's top-level fields, None for those left out."""
    data = data_of(design)
    tsdc = {part["tsdc"] for part in parts if "tsdc" in part}
    # Parts that are alternatives to each other (make one or the other) do not assemble.
    if len(alternatives.groups(parts_of(data))) > 1 or data.get("bill_of_materials"):
        tsdc.add("ASM")
    where = _Addresses(design.id, settings)
    return {
        "okhv": OKH_VERSION,
        "name": data.get("title"),
        "repo": where.repository_folder(),
        "version": data.get("version"),
        "release": where.site("zip"),
        "license": data.get("licence"),
        "licensor": _agent(_authors(data.get("authors"))),
        "organization": _agent(_organizations(index, data.get("authors"))),
        "function": data.get("summary"),
        "readme": where.documentation(None),
        "contribution-guide": where.repository_file("CONTRIBUTING.md"),
        "image": _image(index, design, where),
        # The manifest's language: another language's site has its own manifest of each
        # design translated into it, leading to that language's page.
        "documentation-language": current().code,
        "technology-readiness-level": OKH_OTRL.get(str(data.get("maturity"))),
        "documentation-readiness-level": "ODRL-2" if data.get("sources") else "ODRL-1",
        # Not `standard-compliance`: a record says which standard a design was tested
        # against (evidence.standard), never that it passed, and OKH's field means compliance.
        "tsdc": sorted(tsdc) or None,
        "manufacturing-instructions": where.documentation("instructions"),
        "user-manual": where.documentation("safety"),
        "bom": where.documentation("bill-of-materials") if data.get("bill_of_materials") else None,
        "source": [s["file"] for s in data.get("sources") or []] or None,
        "export": [p["file"] for p in parts_of(data) if p.get("file")] or None,
    }


class _Addresses:
    """Absolute addresses of a design's documents, from what the settings know."""

    def __init__(self, design_id: str, settings: Settings) -> None:
        self.design_id = design_id
        self.settings = settings

    def repository_folder(self) -> str | None:
        repo = self.settings.repo_url
        branch = quote(self.settings.branch, safe="")
        return f"{repo}/tree/{branch}/designs/{self.design_id}" if repo else None

    def repository_file(self, path: str) -> str | None:
        repo = self.settings.repo_url
        branch = quote(self.settings.branch, safe="")
        return f"{repo}/blob/{branch}/{path}" if repo else None

    def site(self, what: str) -> str | None:
        """The design's page (`page`), its zip (`zip`) or a file of the site (a path)."""
        base = self.settings.site_url
        if not base:
            return None
        folder = current().folder
        paths = {
            "page": f"{folder}/design/{self.design_id}.html"
            if folder
            else f"design/{self.design_id}.html",
            "zip": f"design/{self.design_id}/{self.design_id}.zip",
        }
        return base + paths.get(what, what)

    def documentation(self, section: str | None) -> str | None:
        """A section of the design's page; without the site's address, the design's record
        in the repository, which holds the same text."""
        page = self.site("page")
        if page is not None:
            return f"{page}#{section}" if section else page
        return self.repository_file(f"designs/{self.design_id}/design.yml")


def _agent(entries: list[dict[str, str]]) -> dict[str, str] | None:
    """People or organisations ({name, url}) as the one OKH agent the schema accepts.

    The OKH schema's `licensor` and `organization` are each a `oneOf` whose agent or
    organization alternative sets no `type`, so a name, a list of names and a list of
    agents each match two alternatives and are rejected; one agent object is the only form
    it accepts (tests/fixtures/okh/README.md). Several are therefore one agent named after
    all of them (the API lists each)."""
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    return {"name": ", ".join(entry["name"] for entry in entries)}


def _authors(authors: Any) -> list[dict[str, str]]:
    """The design's authors, each {name, url}."""
    found = []
    for author in authors or []:
        if isinstance(author, Mapping) and author.get("name"):
            entry = {"name": str(author["name"])}
            if author.get("url"):
                entry["url"] = str(author["url"])
            found.append(entry)
    return found


def _organizations(index: Index, authors: Any) -> list[dict[str, str]]:
    """The maker profiles the authors name: organisations, with their own web address."""
    found: dict[str, dict[str, str]] = {}
    for author in authors or []:
        maker_id = author.get("maker") if isinstance(author, Mapping) else None
        record = index.makers.get(maker_id) if isinstance(maker_id, str) else None
        if record is None:
            continue
        maker = data_of(record)
        organization = {"name": str(maker.get("name", maker_id))}
        if maker.get("url"):
            organization["url"] = str(maker["url"])
        found[str(maker_id)] = organization
    return list(found.values())


def _image(index: Index, design: Record, where: _Addresses) -> str | None:
    """The design's first photo (a file of its folder), else the site's picture of its
    first part that has one."""
    images = data_of(design).get("images") or []
    if images and isinstance(images[0], Mapping) and images[0].get("file"):
        return str(images[0]["file"])
    for part in parts_of(data_of(design)):
        if index.preview(design.id, part.get("id", "")) is not None:
            return where.site(preview_file(design.id, part["id"]))
    return None


def _parts(index: Index, design: Record, settings: Settings) -> list[Mapping[str, Any]]:
    """Each part with a file or a source (OKH requires one), with what the analysis measured:
    mass in g in the part's first material and outer dimensions in mm."""
    where = _Addresses(design.id, settings)
    parts: list[Mapping[str, Any]] = []
    for part in parts_of(data_of(design)):
        process_id = str(part.get("process", ""))
        process = index.processes.get(process_id)
        category = data_of(process).get("category") if process else None
        code = OKH_TSDC_BY_ID.get(process_id) or OKH_TSDC.get(str(category))
        analysis = index.analysis(design.id, part["id"])
        materials = part.get("materials") or []
        entry: dict[str, Any] = {"name": part.get("name")}
        if part.get("source"):
            entry["source"] = part["source"]
        if part.get("file"):
            entry["export"] = part["file"]
        if "source" not in entry and "export" not in entry:
            continue
        if code:
            entry["tsdc"] = code
        if materials:
            entry["material"] = index.material_name(materials[0])
        if code == "3DP" and process_id in OKH_PRINTING_PROCESS:
            entry["printing-process"] = OKH_PRINTING_PROCESS[process_id]
        if index.preview(design.id, part["id"]) is not None:
            entry["image"] = where.site(preview_file(design.id, part["id"]))  # None: left out
        mass = _part_mass(analysis, materials)
        if mass is not None:
            entry["mass"] = mass
        dimensions = _dimensions(analysis)
        if dimensions:
            entry["outer-dimensions"] = dimensions
        parts.append(entry)
    return parts


def _dimensions(analysis: PartResult | None) -> dict[str, float] | None:
    if not isinstance(analysis, PartAnalysis) or analysis.analysis.size_mm is None:
        return None
    width, depth, height = analysis.analysis.size_mm
    return {"width": width, "depth": depth, "height": height}


def _part_mass(analysis: PartResult | None, materials: list[str]) -> float | None:
    """Mass in g of the part in its first material, when the analysis gives it."""
    if not isinstance(analysis, PartAnalysis) or not materials:
        return None
    rows = analysis.analysis.materials
    grams = next((r.mass_g for r in rows if r.material == materials[0]), None)
    return round(float(grams), 1) if grams is not None else None

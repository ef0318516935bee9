"""Open Know-How (OKH-LOSH v1.0) manifests: one okh.toml per design."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.analysis.results import PartAnalysis, PartResult
from generator.records import alternatives
from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of
from generator.web.index import Index
from generator.web.site import Settings
from generator.web.toml import toml_document

# Processes whose parts OKH calls 3D printed ("3DP") or laser cut ("LAS").
OKH_TSDC = {"additive": "3DP"}


OKH_TSDC_BY_ID = {"laser-cutting": "LAS"}


# Design maturity as an Open Know-How technology readiness level (OTRL-1..6).
OKH_OTRL = {"concept": "OTRL-3", "prototype": "OTRL-4", "tested": "OTRL-4", "production": "OTRL-5"}


def _dimensions(analysis: PartResult | None) -> dict[str, float] | None:
    if not isinstance(analysis, PartAnalysis) or analysis.analysis.size_mm is None:
        return None
    width, depth, height = analysis.analysis.size_mm
    return {"width": width, "depth": depth, "height": height}


def okh_manifest(index: Index, design: Record, settings: Settings) -> str:
    """OKH-LOSH v1.0 manifest (okh.toml) of one design; paths are relative to it."""
    data = data_of(design)
    parts: list[Mapping[str, Any]] = []
    tsdc: set[str] = set()
    for part in parts_of(data):
        process = index.processes.get(part.get("process", ""))
        category = data_of(process).get("category") if process else None
        code = OKH_TSDC_BY_ID.get(part.get("process", "")) or OKH_TSDC.get(str(category))
        analysis = index.analysis(design.id, part["id"])
        materials = part.get("materials") or []
        entry: dict[str, Any] = {"name": part.get("name")}
        if part.get("source"):
            entry["source"] = part["source"]
        if part.get("file"):
            entry["export"] = part["file"]
        if code:
            entry["tsdc"] = code
            tsdc.add(code)
        if code == "3DP" and materials:
            entry["material"] = index.material_name(materials[0])
            entry["printing-process"] = "FDM"
        mass = _part_mass(analysis, materials)
        if mass is not None:
            entry["mass"] = mass
        dimensions = _dimensions(analysis)
        if dimensions:
            entry["outer-dimensions"] = dimensions
        if "source" in entry or "export" in entry:
            parts.append(entry)
    # Parts that are alternatives to each other (make one or the other) do not assemble.
    if len(alternatives.groups(parts_of(data))) > 1 or data.get("bill_of_materials"):
        tsdc.add("ASM")
    repo = (
        f"{settings.repo_url}/tree/{settings.branch}/designs/{design.id}"
        if settings.repo_url
        else None
    )
    top: dict[str, Any] = {
        "okhv": "OKH-LOSHv1.0",
        "name": data.get("title"),
        "repo": repo,
        "version": data.get("version"),
        "license": data.get("licence"),
        "licensor": [a["name"] for a in data.get("authors") or [] if isinstance(a, dict)],
        "function": data.get("summary"),
        "documentation-language": "en",
        "technology-readiness-level": OKH_OTRL.get(str(data.get("maturity"))),
        "documentation-readiness-level": "ODRL-2" if data.get("sources") else "ODRL-1",
        "tsdc": sorted(tsdc) or None,
        "source": [s["file"] for s in data.get("sources") or []] or None,
        "export": [p["file"] for p in parts_of(data) if p.get("file")] or None,
    }
    if data.get("release"):
        top["release"] = data["release"]
    return toml_document(top, {"part": parts})


def _part_mass(analysis: PartResult | None, materials: list[str]) -> float | None:
    """Mass in g of the part in its first material, when the analysis gives it."""
    if not isinstance(analysis, PartAnalysis) or not materials:
        return None
    rows = analysis.analysis.materials
    grams = next((r.mass_g for r in rows if r.material == materials[0]), None)
    return round(float(grams), 1) if grams is not None else None

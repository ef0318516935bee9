"""site/api/*.json: every record, with the analysis of every part of every design."""

from __future__ import annotations

from typing import Any

from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of, visible_maker
from generator.web.index import Index
from generator.web.links import preview_file
from generator.web.markup import script_json


def _design_api(index: Index, design: Record) -> dict[str, Any]:
    data = dict(data_of(design))
    base = f"design/{design.id}"
    parts = []
    for part in parts_of(data):
        item = dict(part)
        item["analysis"] = index.published_analysis(design.id, part["id"])
        if part.get("file"):
            item["download"] = f"{base}/{part['file']}"
        if index.preview(design.id, part["id"]) is not None:
            item["preview"] = preview_file(design.id, part["id"])
        parts.append(item)
    data["parts"] = parts
    data["url"] = f"{base}.html"
    data["downloads"] = {"zip": f"{base}/{design.id}.zip", "okh": f"{base}/okh.toml"}
    return data


def api_files(index: Index) -> dict[str, str]:
    """site/api/*.json: every record, with the analysis of every part of every design."""

    def document(kind: str, items: list[dict[str, Any]]) -> str:
        return script_json({"type": kind, "count": len(items), "items": items}) + "\n"

    return {
        "api/materials.json": document(
            "material",
            [
                {**data_of(m), "url": f"material/{m.id}.html",
                 "designs": index.designs_by_material.get(m.id, [])}
                for m in index.materials.values()
            ],
        ),
        "api/processes.json": document(
            "process",
            [
                {**data_of(p), "url": f"process/{p.id}.html",
                 "designs": index.designs_by_process.get(p.id, [])}
                for p in index.processes.values()
            ],
        ),
        "api/makers.json": document(
            "maker",
            [
                {**visible_maker(data_of(m)), "url": f"maker/{m.id}.html"}
                for m in index.makers.values()
            ],
        ),
        "api/designs.json": document(
            "design", [_design_api(index, d) for d in index.designs.values()]
        ),
    }  # fmt: skip

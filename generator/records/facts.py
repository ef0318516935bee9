"""Facts read off records, used by several stages: a design's processes and materials, the
processes a material suits, what a maker lets be shown.

Pure, and robust to a record that failed its checks (a field of the wrong type counts as
absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.records import alternatives
from generator.records.catalog import Record

# What a part is read from, by its process record's `analysis`: a mesh (STL) for parts
# printed, moulded or formed; a 1:1 outline (SVG or DXF) for parts cut or sewn from sheet.
MESH_ANALYSES = ("fdm", "mould", "forming")
DRAWING_ANALYSES = ("flat",)
# The design rules each kind of analysis checks every part against; a process's other rules
# are guidance for whoever draws a part (its page says which are which).
# tests/catalogue/test_processes_used.py runs each analysis to keep this true.
CHECKED_RULES: dict[str, frozenset[str]] = {
    "fdm": frozenset({"max_overhang", "min_wall", "max_bridge"}),
    "mould": frozenset({"draft_angle", "min_wall", "max_wall"}),
    "forming": frozenset({"draft_angle", "draft_angle_female", "max_depth_ratio"}),
    "flat": frozenset({"min_feature", "min_wall", "max_wall"}),
}


def parts_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [p for p in data.get("parts") or [] if isinstance(p, dict)]


def design_processes(data: Mapping[str, Any]) -> list[str]:
    """The processes a design's parts name, sorted, each once."""
    return sorted({p["process"] for p in parts_of(data) if p.get("process")})


def design_materials(data: Mapping[str, Any]) -> list[str]:
    """The materials a design's parts name, sorted, each once."""
    return sorted({m for p in parts_of(data) for m in p.get("materials") or []})


def process_choices(parts: list[dict[str, Any]]) -> list[list[str]]:
    """The processes a design needs, each set of alternatives a choice among its parts'
    processes (shown joined by "or"); a choice that a process needed anyway already
    meets is left out."""
    choices: list[list[str]] = []
    for group in alternatives.groups(parts):
        processes = (parts[i].get("process") for i in group)
        options = sorted({p for p in processes if isinstance(p, str)})
        if options and options not in choices:
            choices.append(options)
    needed = {c[0] for c in choices if len(c) == 1}
    return sorted(c for c in choices if len(c) == 1 or not needed & set(c))


MAKER_OPTIONAL = ("region", "machines", "materials", "capacity")


def visible_maker(data: Mapping[str, Any]) -> dict[str, Any]:
    """A maker's record as it may be published: without `visible`, every field is shown;
    with it, only the optional details it lists."""
    if "visible" not in data:
        return dict(data)
    allowed = set(data.get("visible") or [])
    return {k: v for k, v in data.items() if k not in MAKER_OPTIONAL or k in allowed}


def data_of(record: Record) -> dict[str, Any]:
    """A record's data, or {} for a file that holds no mapping."""
    return record.data if isinstance(record.data, dict) else {}


# Processes that do not heat the material; every other process does.
UNHEATED_CATEGORIES = frozenset({"textile"})


def heats(process: Mapping[str, Any]) -> bool:
    """Whether a process heats the material it works (by its category)."""
    return process.get("category") not in UNHEATED_CATEGORIES


def never_heat(material: Mapping[str, Any]) -> bool:
    """Whether a material's record says it must never be heated."""
    safety = material.get("safety")
    return isinstance(safety, dict) and bool(safety.get("do_not_heat"))


def suited_processes(material: Mapping[str, Any]) -> set[str]:
    """The processes a material's record lists."""
    entries = material.get("processes")
    return {
        p["process"]
        for p in (entries if isinstance(entries, list) else [])
        if isinstance(p, dict) and isinstance(p.get("process"), str)
    }

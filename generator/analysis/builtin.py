"""The processes and materials `makelocal analyse` uses for part files outside any
repository: the catalogue's own records, as much of them as the analysis reads, shipped
with the package in builtin.json.

builtin.json is written from catalog/ by `python -m generator.analysis.builtin`; a test
(tests/analysis/test_builtin.py) fails when it no longer matches the catalogue. Reading it
takes a JSON parse, where loading the catalogue parses and checks every YAML record.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator.analysis.cache_keys import MATERIAL_PROPERTIES, PROCESS_KEYS
from generator.records.catalog import Catalog, Record, load_catalog, record_files
from generator.records.documents import Document

BUILTIN = Path(__file__).parent / "builtin.json"
MATERIAL_KEYS = ("id", "name")
RECORD_TYPES = ("process", "material")


def builtin_catalog(root: Path) -> Catalog:
    """The built-in processes and materials as a catalogue (paths shown from `root`)."""
    stored = json.loads(BUILTIN.read_text("utf-8"))
    catalog = Catalog(root=root)
    for record_type in RECORD_TYPES:
        for data in stored[record_type]:
            path = BUILTIN.parent / f"{record_type}s" / f"{data['id']}.yml"
            shown = f"built-in {record_type} {data['id']}"
            catalog.records.append(Record(record_type, path, shown, Document(path, data)))
    return catalog


def repository_records(root: Path) -> Catalog:
    """The processes and materials of a repository only (no designs): what a part file no
    design lists is analysed with."""
    places = [(kind, path) for kind, path in record_files(root) if kind in RECORD_TYPES]
    return load_catalog(root, places)


def builtin_data(catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    """What builtin.json holds for a catalogue."""
    return {
        "process": [_kept(r.data, PROCESS_KEYS) for _, r in sorted(catalog.processes.items())],
        "material": [_material(r.data) for _, r in sorted(catalog.materials.items())],
    }


def _kept(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: data[key] for key in keys if key in data}


def _material(data: dict[str, Any]) -> dict[str, Any]:
    properties = data.get("properties") or {}
    processes = data.get("processes") or []
    return {
        **_kept(data, MATERIAL_KEYS),
        "properties": {k: properties[k] for k in MATERIAL_PROPERTIES if k in properties},
        "processes": [{"process": p["process"]} for p in processes if isinstance(p, dict)],
    }


def builtin_text(root: Path) -> str:
    return json.dumps(builtin_data(repository_records(root)), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    BUILTIN.write_text(builtin_text(Path(sys.argv[1] if len(sys.argv) > 1 else ".")), "utf-8")

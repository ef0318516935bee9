"""The record schemas (schemas/*.schema.json), read once: the single source of truth for
what a record holds. generator.checks.schema_files reads the choices and units in them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


@cache
def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema by its record type (`common` for the shared definitions)."""
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }

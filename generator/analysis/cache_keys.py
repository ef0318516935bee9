"""The cache key of an analysis: the hash of the file's content, the analyser's version
and every input that changes the result (generator.analysis.runner keeps each result under
its key)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from generator.analysis.results import ANALYSER_VERSION

if TYPE_CHECKING:  # the runner's types: it makes the keys of its jobs here
    from generator.analysis.runner import Job, Settings

# What the analyses read of a process record, and of a material's properties.
PROCESS_KEYS = ("id", "name", "analysis", "design_rules", "machines", "parameters")
MATERIAL_PROPERTIES = ("density", "price", "shrinkage", "areal_density")


class CacheKeys:
    """Jobs' cache keys, with the JSON of each process's, materials' and options' inputs
    made once: a process's rules and machines are most of a key's text, and shared by all
    the parts it makes. The key is the hash of one JSON list of every input; the text of
    an entry does not depend on the others (json.dumps), so it is kept and joined."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # By the identity of a job's process and materials (a record's data): the keys of a
        # run, whose jobs hold them until it ends; options by their value.
        self.texts: dict[tuple[Any, ...], str] = {}

    def of(self, content_hash: str, job: Job) -> str:
        process = self._text(("process", id(job.process)), job.process, _process_inputs)
        materials = self._text(
            ("materials", *((m, id(d)) for m, d in job.materials.items())),
            job.materials,
            _material_inputs,
        )
        options = self._text(("options", job.options), job.options, asdict)
        entries = [
            _json(ANALYSER_VERSION),
            _json(content_hash),
            _json(job.path.suffix.lower()),
            process,
            materials,
            options,
            _json(self.settings.max_mb),
            _json(self.settings.slicer),
        ]
        return hashlib.sha256(f"[{', '.join(entries)}]".encode()).hexdigest()

    def _text(self, key: tuple[Any, ...], value: Any, inputs: Callable[[Any], Any]) -> str:
        if key not in self.texts:
            self.texts[key] = _json(inputs(value))
        return self.texts[key]


def _process_inputs(process: dict[str, Any]) -> dict[str, Any]:
    return {k: process.get(k) for k in PROCESS_KEYS}


def _material_inputs(materials: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        m: {k: (d.get("properties") or {}).get(k) for k in MATERIAL_PROPERTIES}
        for m, d in materials.items()
    }


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)

"""Writing what `makelocal import` drafted: the record as YAML the project's loader reads
back unchanged, and the design folder with its files copied byte for byte.

The folder is filled under a hidden name and renamed into place at the end, so an import
that fails half-way (a disk full, a file that vanished) leaves nothing behind, and an
existing design is never written over.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.checks.schema_files import SCHEMA_COMMENT, schema_path_for
from generator.checks.text_rules import PLACEHOLDER
from generator.contrib.importer import ImportPlan, ImportRefused
from generator.contrib.scaffold import record_path


class _Dumper(yaml.SafeDumper):
    """Plain YAML: never an anchor or alias, which the project's loader refuses."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def draft_text(record: dict[str, Any], source: str) -> str:
    """The record as YAML, under a header saying where it came from and what is left."""
    relative = record_path("design", record["id"])
    counts = ", ".join(
        f"{n} {word}{'s' * (n != 1)}"
        for key, word in (("parts", "part"), ("sources", "source"), ("images", "picture"))
        if (n := len(record.get(key, [])))
    )
    header = [
        f"{SCHEMA_COMMENT}{schema_path_for('design', relative)}",
        f"# Drafted by `makelocal import` from {source}: {counts}, copied unchanged.",
        f"# Replace every {PLACEHOLDER} (each is an error until you do). Write the text in your",
        "# own words, credit the authors, and record what they documented of making or testing",
        "# it under `evidence`, each entry with its source (`url`) and the date you read it",
        "# (`accessed`). Then check:",
        f"#   makelocal validate {relative.parent.as_posix()}",
        "",
    ]
    body = yaml.dump(
        record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, indent=2
    )
    return "\n".join(header) + body


def write_design(root: Path, plan: ImportPlan, source: str) -> Path:
    """Create the design's folder with its record and files; the record's path."""
    relative = record_path("design", plan.record["id"])
    target = root / relative.parent
    if target.exists() or target.is_symlink():
        raise ImportRefused(f"{relative.parent} already exists: choose another id with --id")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent))
    umask = os.umask(0)  # mkdtemp makes a private folder; the design's is like any other
    os.umask(umask)
    try:
        staging.chmod(0o777 & ~umask)
        for file, name in plan.copies:
            destination = staging / PurePosixPath(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)
        (staging / relative.name).write_text(draft_text(plan.record, source), encoding="utf-8")
        staging.rename(target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ImportRefused(
            f"cannot write {relative.parent}: {error.strerror} ({error.filename})"
        ) from None
    return target / relative.name

"""Validation speed: 2,000 generated designs and 500 materials, and a single record.

Prints medians of repeated runs, and the ratio to a reference run in the same process:
PyYAML's CSafeLoader plainly loading the same files (no positions, no checks).

    .venv/bin/python benchmarks/validate_speed.py [--designs 2000] [--materials 500]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.checks.validate import validate_catalog
from generator.records.catalog import load_catalog, record_files

BASE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "base"


def generate(root: Path, designs: int, materials: int) -> None:
    shutil.copytree(BASE, root)
    material = (BASE / "catalog/materials/test-plastic.yml").read_text()
    design_folder = BASE / "designs/test-clip"
    design = (design_folder / "design.yml").read_text()
    for i in range(materials):
        (root / f"catalog/materials/material-{i}.yml").write_text(
            material.replace("id: test-plastic", f"id: material-{i}")
        )
    for i in range(designs):
        folder = root / f"designs/design-{i}"
        shutil.copytree(design_folder, folder)
        (folder / "design.yml").write_text(
            design.replace("id: test-clip", f"id: design-{i}").replace(
                "materials: [test-plastic]", f"materials: [test-plastic, material-{i % materials}]"
            )
        )


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--designs", type=int, default=2000)
    parser.add_argument("--materials", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        generate(root, args.designs, args.materials)
        files = [path for _, path in record_files(root)]

        def full() -> None:
            findings = validate_catalog(load_catalog(root))
            assert not findings, findings[:3]

        def reference() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        full()  # warm-up: schema validators are built once per process
        ours = median_seconds(full, args.repeat)
        plain = median_seconds(reference, args.repeat)
        single_root = Path(temp) / "single"
        shutil.copytree(BASE, single_root)
        single = median_seconds(lambda: validate_catalog(load_catalog(single_root)), 50)
        print(f"records: {len(files)} ({args.designs} designs, {args.materials} materials + base)")
        print(
            f"load + validate, median of {args.repeat}: {ours:.2f} s "
            f"({ours / len(files) * 1000:.2f} ms a record)"
        )
        print(
            f"reference (plain CSafeLoader load), median: {plain:.2f} s; ratio {ours / plain:.1f}x"
        )
        print(f"base fixture catalogue (4 records), median of 50: {single * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""What translations cost: validating the repository's catalogue with its French files
against the same catalogue without them, and laying every record over its translation
(what the site does for each French page).

Prints medians of repeated runs (processor time) and the ratio to the run without
translations, in the same process:

    .venv/bin/python benchmarks/translation_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.checks.validate import validate_catalog
from generator.records.catalog import load_catalog
from generator.records.translations import Translations

ROOT = Path(__file__).resolve().parent.parent


def seconds(action: Callable[[], object]) -> float:
    """The processor time an action takes (this process's, so that other work on a shared
    machine does not count)."""
    start = time.process_time()
    action()
    return time.process_time() - start


def paired_medians(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """The median time of each action, run in turns so that a machine busy with something
    else slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(seconds(first))
        times[1].append(seconds(second))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        english = Path(temp) / "english"
        for folder in ("catalog", "designs"):
            shutil.copytree(
                ROOT / folder, english / folder, ignore=shutil.ignore_patterns("*.fr.yml")
            )
        catalog = load_catalog(ROOT)
        count = len(catalog.translations)
        validate_catalog(catalog)  # warm-up: schema validators are built once per process
        with_translations, without = paired_medians(
            lambda: validate_catalog(load_catalog(ROOT)),
            lambda: validate_catalog(load_catalog(english)),
            args.repeat,
        )
        translations = Translations.of(catalog)
        localising, _ = paired_medians(
            lambda: [translations.localised(r, "fr") for r in catalog.records],
            lambda: None,
            args.repeat,
        )
    print(f"records: {len(catalog.records)}, French translations: {count}")
    print(f"load + validate without translations, median of {args.repeat}: {without:.2f} s")
    print(
        f"load + validate with them: {with_translations:.2f} s; ratio "
        f"{with_translations / without:.2f}x, {(with_translations - without) / count * 1000:.1f} "
        "ms a translation"
    )
    print(
        f"every record in French (Translations.localised), median: {localising * 1000:.1f} ms "
        f"({localising / len(catalog.records) * 1000:.2f} ms a record)"
    )


if __name__ == "__main__":
    main()

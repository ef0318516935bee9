"""What writing the analysis's sentences in French costs: every reason and assumption of
the repository's analysed parts (from the analysis cache, as the site builds them)
written in English, and in French through the findings' catalogue, as a French page does.

Prints medians of repeated runs (processor time) and the ratio of French to English, in
the same process:

    .venv/bin/python benchmarks/reasons_language.py [--repeat 11]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from generator.analysis.results import PartAnalysis
from generator.analysis.said import Clause, written
from generator.analysis.said_words import in_language
from generator.web.build import analyse, load_valid_catalog

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 100  # each timed run writes every sentence this many times


def seconds(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def sentences() -> list[Clause]:
    """Every reason and assumption of the repository's analysed parts."""
    results = analyse(load_valid_catalog(ROOT), ROOT).values()
    found: list[Clause] = []
    for result in results:
        if isinstance(result, PartAnalysis):
            found += [r.said for r in result.analysis.reasons]
            found += list(result.analysis.profile.assumptions or ())
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    said = sentences()
    in_language(said[0], "fr")  # warm-up: the catalogue is read once per process
    english: list[float] = []
    french: list[float] = []
    for _ in range(args.repeat):  # in turns, so that a busy machine slows both alike
        english.append(seconds(lambda: [written(s) for _ in range(ROUNDS) for s in said]))
        french.append(seconds(lambda: [in_language(s, "fr") for _ in range(ROUNDS) for s in said]))
    each = ROUNDS * len(said)
    en, fr = statistics.median(english) / each, statistics.median(french) / each
    print(f"sentences (reasons and assumptions): {len(said)}, each written {ROUNDS} times a run")
    print(f"English, median of {args.repeat}: {en * 1e6:.1f} µs a sentence")
    print(f"French: {fr * 1e6:.1f} µs a sentence; ratio {fr / en:.2f}x")


if __name__ == "__main__":
    main()

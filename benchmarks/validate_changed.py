"""`makelocal validate --changed` and `makelocal validate PATH` against a full validation, on
a generated catalogue in git.

Generates the catalogue of validate_speed.py (2,000 designs, 500 materials), commits it,
changes one design, and times the three commands as a contributor runs them (new
processes, start-up included): the whole catalogue, the change, and the changed design's
folder. Prints medians and the ratios.

    .venv/bin/python benchmarks/validate_changed.py [--designs 2000] [--materials 500]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from validate_speed import generate

# The worktree's package, not the one the console script was installed from.
MAKELOCAL = [sys.executable, "-m", "generator.cli"]
PROJECT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [*MAKELOCAL, "--root", str(cwd), *command[1:]],
            cwd=PROJECT,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--designs", type=int, default=2000)
    parser.add_argument("--materials", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        generate(root, args.designs, args.materials)
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
        subprocess.run([*git, "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "catalogue"], cwd=root, check=True)
        design = root / "designs/design-7/design.yml"
        design.write_text(design.read_text().replace("title: Test clip", "title: Changed clip"))
        full = median_seconds(["makelocal", "validate"], root, args.repeat)
        changed = median_seconds(["makelocal", "validate", "--changed", "HEAD"], root, args.repeat)
        print(f"catalogue: {args.designs} designs, {args.materials} materials; one design changed")
        print(f"makelocal validate            median of {args.repeat}: {full:.2f} s")
        print(
            f"makelocal validate --changed  median of {args.repeat}: {changed:.2f} s "
            f"({full / changed:.1f}x faster)"
        )
        one = median_seconds(
            ["makelocal", "validate", str(root / "designs/design-7")], root, args.repeat
        )
        print(
            f"makelocal validate designs/design-7  median of {args.repeat}: {one:.2f} s "
            f"({full / one:.1f}x faster)"
        )


if __name__ == "__main__":
    main()

"""The French site's cost: the site built in English only and in English and French, in the
same process, and how much longer the second takes against the share of French pages.

The issue's rule: the build time grows by at most the share of translated pages (French
pages over English ones). Each build is a rebuild (the site's caches of zips, pictures and
meshes warm, as on every build after the first), repeated; the medians are compared.

    .venv/bin/python benchmarks/languages_build.py [--runs 5] [--designs 0,1000]

0 designs: this repository's own records; N: the site benchmark's generated catalogue
(benchmarks/site_build.py) of N designs, with the fixture's French translations of one
design and its material (tests/fixtures/valid/translated).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_build import generate

from generator.web.build import PROJECT, build_site
from generator.web.i18n import LANGUAGES

TRANSLATED = PROJECT / "tests" / "fixtures" / "valid" / "translated"


def pages(site: Path) -> tuple[int, int]:
    """(English pages, French pages) of a built site."""
    french = site / LANGUAGES["fr"].folder
    every = sum(1 for _ in site.rglob("*.html"))
    own = sum(1 for _ in french.rglob("*.html"))
    return every - own, own


def timed(root: Path, work: Path, runs: int) -> tuple[float, float]:
    """The median rebuild in English only, and in every language: one build each first,
    to fill the caches, then the two in turn, so that the machine's load falls on both."""
    builds = {("en",): work / "en", tuple(LANGUAGES): work / "both"}
    for languages, site in builds.items():
        build_site(root, site, languages=languages)
    times: dict[tuple[str, ...], list[float]] = {languages: [] for languages in builds}
    for _ in range(runs):
        for languages, site in builds.items():
            started = time.perf_counter()
            build_site(root, site, languages=languages)
            times[languages].append(time.perf_counter() - started)
    english, both = (statistics.median(found) for found in times.values())
    return english, both


def catalogue(designs: int, work: Path) -> Path:
    if designs == 0:
        return PROJECT
    root = work / f"repo-{designs}"
    generate(root, designs)
    # The first generated design takes the fixture's French text (it translates test-clip,
    # whose copies the generated designs are; its title differs, so ML708 would warn: the
    # build does not validate translations' freshness).
    shutil.copy(
        TRANSLATED / "catalog" / "materials" / "test-plastic.fr.yml",
        root / "catalog" / "materials" / "test-plastic.fr.yml",
    )
    shutil.copy(
        TRANSLATED / "designs" / "test-clip" / "design.fr.yml",
        root / "designs" / "design-00000" / "design.fr.yml",
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--designs", default="0", help="0: this repository; N: generated")
    args = parser.parse_args()
    print(
        f"{'catalogue':>12} {'English':>9} {'both':>9} {'ratio':>7} "
        f"{'EN pages':>9} {'FR pages':>9} {'allowed':>8}"
    )
    for designs in (int(d) for d in args.designs.split(",")):
        with tempfile.TemporaryDirectory() as temp:
            work = Path(temp)
            root = catalogue(designs, work)
            english, both = timed(root, work, args.runs)
            en_pages, fr_pages = pages(work / "both")
            name = "repository" if designs == 0 else f"{designs} designs"
            print(
                f"{name:>12} {english:>8.2f}s {both:>8.2f}s {both / english:>7.3f} "
                f"{en_pages:>9} {fr_pages:>9} {1 + fr_pages / en_pages:>8.3f}",
                flush=True,
            )
    print(
        "English: median rebuild of the English site alone; both: with the French site; "
        "ratio: both / English; allowed: 1 + French pages / English pages."
    )


if __name__ == "__main__":
    main()

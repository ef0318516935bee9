"""The French site's cost: the site built in English only and in English and French, in the
same process, and how much longer the second takes against the share of French pages.

The issue's rule: the build time grows by at most the share of translated pages (French
pages over English ones). Each build is a whole build into a new folder (the site's caches
of zips, pictures and meshes warm, as on every build after the first), repeated, the two
kinds in turn; the medians of their processor time (this process's and Pagefind's, which
unlike the clock's does not grow with the machine's other work) are compared.

    .venv/bin/python benchmarks/languages_build.py [--runs 5] [--designs 0,1000]

0 designs: this repository's own records; N: the site benchmark's generated catalogue
(benchmarks/site_build.py) of N designs, one of them and its material in French.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_build import generate

from generator.web.build import PROJECT, build_site
from generator.web.i18n import LANGUAGES
from tests.web.synthetic import translate_design

TRANSLATED = PROJECT / "tests" / "fixtures" / "valid" / "translated"


def pages(site: Path) -> tuple[int, int]:
    """(English pages, French pages) of a built site."""
    french = site / LANGUAGES["fr"].folder
    every = sum(1 for _ in site.rglob("*.html"))
    own = sum(1 for _ in french.rglob("*.html"))
    return every - own, own


def cpu_seconds() -> float:
    """The processor time of this process and of the programs it ran (Pagefind): unlike
    the time on the clock, it does not grow with what else the machine runs."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(root: Path, work: Path, runs: int) -> tuple[float, float]:
    """The median whole build in English only, and in every language: one build each first,
    to fill the caches of zips, pictures and meshes, then the two in turn, so that the
    machine's load falls on both. Each timed build is into a new folder: a rebuild of the
    same folder is incremental and would redo nothing."""
    builds = {("en",): work / "en", tuple(LANGUAGES): work / "both"}
    for languages, site in builds.items():
        build_site(root, site, languages=languages)
    times: dict[tuple[str, ...], list[float]] = {languages: [] for languages in builds}
    for run in range(runs):
        for languages, site in builds.items():
            fresh = site.with_name(f"{site.name}-{run}")
            started = cpu_seconds()
            build_site(root, fresh, languages=languages)
            times[languages].append(cpu_seconds() - started)
            shutil.rmtree(fresh)
    english, both = (statistics.median(found) for found in times.values())
    return english, both


def catalogue(designs: int, work: Path) -> Path:
    if designs == 0:
        return PROJECT
    root = work / f"repo-{designs}"
    generate(root, designs)
    # The fixture's material in French, and the first generated design (a copy of the
    # fixture's clip, titled "Generated clip number 0") with its title and summary.
    shutil.copy(
        TRANSLATED / "catalog" / "materials" / "test-plastic.fr.yml",
        root / "catalog" / "materials" / "test-plastic.fr.yml",
    )
    translate_design(root, 0, "Attache générée numéro 0")
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
        "English: median processor seconds of a whole build of the English site alone; both: "
        "with the French site; ratio: both / English; allowed: 1 + French pages / English "
        "pages."
    )


if __name__ == "__main__":
    main()

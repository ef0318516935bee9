"""Site build at scale: MakeLocal against plain MkDocs + Pagefind, in the same run.

For each size (default 1,000 designs; `--sizes 1000,10000`, 50,000 on request) it generates
a catalogue (tests/web/synthetic.py), then builds, each in a process of its own:

- the baseline: the best a user could do with MkDocs alone: the same mkdocs-material, one
  trivial page per design (its title and description) left out of a two-item navigation
  (`not_in_nav`), no search plugin, then Pagefind over the site;
- MakeLocal's first build (the analysis cached beforehand: its cost is not the site's), a
  rebuild after one design's description changed, and, with `--serve`, how long
  `makelocal serve` takes, once it is serving, to show an edited design's page (its quick
  preview) and to have made the rest of the site again (the design's API item shows it).
  MakeLocal runs with its bytecode compiled beforehand, as an installed copy's is, and as
  the baseline's packages are (`installed_environment`).

Each build is made `--repeat` times (3 by default), in rounds (the baseline, MakeLocal's
first build, the change), each round from the same start (no site folder, no cache but the
analysis's), and the median of each figure is printed with its range: this machine's speed
swings by as much as a third from one minute to the next (a Python loop took 2.0 to 3.7 s),
so one run of each, minutes apart, gave ratios that moved by a tenth.

It prints CPU (the processes' user + system time, Pagefind's included; the system time and
the ratios of the user time too, for the file system's state moves the system time), wall
time, peak memory (the resident memory of the whole process tree, sampled every 20 ms), and
the heaviest page a visitor opens with everything it loads (Chromium over http, or from files
for the offline search; each kind of page is driven as a visitor would, a filter chosen,
words typed, "Show more" pressed), with the largest single file it fetched. Figures for
MakeLocal are also given as ratios to the baseline's. With two or more sizes, the growth
between the last two is projected linearly to 50,000 designs.

    .venv/bin/python benchmarks/site_build.py [--sizes 1000,10000] [--repeat 3] [--serve]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue import baseline_docs

from generator.analysis import runner as analyse_run
from generator.web.sources import load_valid_catalog
from tests.web.synthetic import generate
from tests.web.visits import PAGE_KINDS, Visit, visits

PROJECT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    cpu_s: float
    wall_s: float
    peak_mb: float
    # Of the CPU, the kernel's: the file system's state moves it most (identical first
    # builds at 10,000 designs took 8 to 39 s of it), so the user CPU is given apart.
    system_s: float
    user_s: float
    cpu_range: tuple[float, float] = (0.0, 0.0)  # the lowest and highest of the runs

    @classmethod
    def median(cls, runs: list[Run]) -> Run:
        """Each figure's median over `runs`, with the range of their CPU."""
        cpus = [run.cpu_s for run in runs]
        return cls(
            statistics.median(cpus),
            statistics.median(run.wall_s for run in runs),
            statistics.median(run.peak_mb for run in runs),
            statistics.median(run.system_s for run in runs),
            statistics.median(run.user_s for run in runs),  # of its own: not CPU - system
            (min(cpus), max(cpus)),
        )


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
    return total


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end: CPU of it and its descendants, wall time, peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output.decode(errors='replace')[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system, user = after.ru_stime - before.ru_stime, after.ru_utime - before.ru_utime
    return Run(user + system, wall, peak / 1e6, system, user)


def build_baseline(root: Path, site: Path) -> Run:
    """Plain MkDocs, then Pagefind, as two processes; one Run for both."""
    docs = baseline_docs(root)
    mkdocs = measured([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], docs)
    pagefind = measured([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], docs)
    return Run(
        mkdocs.cpu_s + pagefind.cpu_s,
        mkdocs.wall_s + pagefind.wall_s,
        max(mkdocs.peak_mb, pagefind.peak_mb),
        mkdocs.system_s + pagefind.system_s,
        mkdocs.user_s + pagefind.user_s,
    )


def installed_environment() -> dict[str, str]:
    """The environment MakeLocal runs in as an installed copy: its bytecode written beside
    its modules first, as installing it writes it (pip did so for the baseline's MkDocs,
    Material and Pagefind). Some sandboxes set PYTHONDONTWRITEBYTECODE: then each run of
    this checkout compiled every module of it again, 0.4-0.7 s of CPU a run here that no
    installed copy spends."""
    if not compileall.compile_dir(PROJECT / "generator", quiet=1):
        raise SystemExit("the package does not compile")
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.pop("PYTHONPYCACHEPREFIX", None)
    return environment


def build_makelocal(root: Path, site: Path, environment: dict[str, str]) -> Run:
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    return measured([*command, "--site-dir", str(site)], PROJECT, environment)


@dataclass(frozen=True)
class Served:
    page_s: float  # from the save to the design's page showing the edit
    rest_s: float  # to the rest of the site made again (the design's API item)
    first_mb: float  # serve's peak memory once it serves its first build
    peak_mb: float  # and once it has made the rest again (it keeps the last build's state)


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def serve_reflects_edit(
    root: Path, record: Path, new: str, port: int, environment: dict[str, str]
) -> Served:
    """Seconds from saving `record` (its description given `new`) to `makelocal serve`
    serving the changed design page, and its API item, once it serves the first build."""
    import urllib.request

    page = f"http://127.0.0.1:{port}/design/{record.parent.name}.html"
    item = f"http://127.0.0.1:{port}/api/designs/{record.parent.name}.json"
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "serve"]
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def served(address: str = page) -> str:
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    try:
        while not served():
            if process.poll() is not None:
                raise SystemExit("makelocal serve stopped before serving")
            time.sleep(0.5)
        time.sleep(1.0)  # the watcher is running
        first_mb = peak_rss_mb(process.pid)
        started = time.perf_counter()
        record.write_text(record.read_text("utf-8").replace("number 1.", f"number {new}."), "utf-8")
        while f"number {new}." not in served():
            time.sleep(0.05)
        shown = time.perf_counter() - started
        while f"number {new}." not in served(item):
            time.sleep(0.05)
        rest = time.perf_counter() - started
        return Served(shown, rest, first_mb, peak_rss_mb(process.pid))
    finally:
        process.terminate()
        process.wait(30)


@dataclass(frozen=True)
class Row:
    designs: int
    baseline: Run
    first: Run
    rebuild: Run
    serve: Served | None
    pages: list[Visit]
    baseline_page: Visit


def measure(size: int, work: Path, serve: bool, repeat: int) -> Row:
    root = work / f"repo-{size}"
    generate(root, size)
    catalog = load_valid_catalog(root)
    every_part = analyse_run.select_jobs(catalog, [], None)
    analyse_run.run(every_part, analyse_run.Settings(cache=root / analyse_run.CACHE_FOLDER))
    del catalog
    baseline_site, site = work / f"baseline-{size}", work / f"site-{size}"
    environment = installed_environment()
    record = root / "designs" / "design-00000" / "design.yml"
    given = record.read_text("utf-8")
    baselines, firsts, rebuilds = [], [], []
    for _ in range(repeat):
        baseline_project = root.with_name(root.name + "-mkdocs")
        for made in (baseline_project, baseline_site, site, *(root / ".cache").iterdir()):
            if made != root / analyse_run.CACHE_FOLDER:
                shutil.rmtree(made, ignore_errors=True)
        record.write_text(given, "utf-8")
        baselines.append(build_baseline(root, baseline_site))
        firsts.append(build_makelocal(root, site, environment))
        record.write_text(given.replace("number 0.", "number zero."), "utf-8")
        rebuilds.append(build_makelocal(root, site, environment))
    baseline, first, rebuild = map(Run.median, (baselines, firsts, rebuilds))
    served = (
        serve_reflects_edit(
            root, root / "designs/design-00001/design.yml", "one", 8765, environment
        )
        if serve
        else None
    )
    pages, baseline_page = visits(site, baseline_site)
    return Row(size, baseline, first, rebuild, served, pages, baseline_page)


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}x" if reference else "-"


def report(row: Row) -> None:
    b = row.baseline
    print(f"\n== {row.designs} designs ==")
    print(
        f"{'medians':24}{'CPU':>10}{'(range)':>16}{'system':>9}{'wall':>10}{'peak mem':>11}"
        "   ratios to baseline (CPU, user CPU, peak)"
    )
    for name, run in (("baseline MkDocs+Pagefind", b), ("MakeLocal first build", row.first),
                      ("MakeLocal one change", row.rebuild)):  # fmt: skip
        low, high = run.cpu_range
        print(
            f"{name:24}{run.cpu_s:>9.1f}s{f'({low:.1f}-{high:.1f})':>16}{run.system_s:>8.1f}s"
            f"{run.wall_s:>9.1f}s{run.peak_mb:>8.0f} MB   {ratio(run.cpu_s, b.cpu_s)}, "
            f"{ratio(run.user_s, b.user_s)}, {ratio(run.peak_mb, b.peak_mb)}"
        )
    print(
        f"one change / first build: CPU {ratio(row.rebuild.cpu_s, row.first.cpu_s)}, "
        f"user CPU {ratio(row.rebuild.user_s, row.first.user_s)}, "
        f"wall {ratio(row.rebuild.wall_s, row.first.wall_s)}"
    )
    if row.serve is not None:
        print(
            f"serve shows the edited design's page after {row.serve.page_s:.2f} s, "
            f"the rest of the site after {row.serve.rest_s:.2f} s; its peak memory "
            f"{row.serve.first_mb:.0f} MB serving, {row.serve.peak_mb:.0f} MB after the edit"
        )
    print(f"{'page a visitor opens':34}{'with its loads':>15}{'largest file':>14}{'files':>7}")
    for visit in [*row.pages, row.baseline_page]:
        print(
            f"{visit.name:34}{visit.total / 1e3:>12.1f} KB{visit.largest / 1e3:>11.1f} KB"
            f"{visit.files:>7}"
        )
    heaviest = max(row.pages, key=lambda v: v.total)
    print(
        f"heaviest: {heaviest.name}, {ratio(heaviest.total, row.baseline_page.total)} the "
        "baseline's design page"
    )


def project(rows: list[Row], target: int = 50_000) -> None:
    """Linear growth between the last two sizes, carried to `target` designs."""
    low, high = rows[-2], rows[-1]
    span = high.designs - low.designs

    def at(low_value: float, high_value: float) -> float:
        return high_value + (high_value - low_value) * (target - high.designs) / span

    print(f"\n== projected to {target} designs (linear from {low.designs} and {high.designs}) ==")
    for name, low_run, high_run in (
        ("baseline", low.baseline, high.baseline),
        ("first build", low.first, high.first),
        ("one change", low.rebuild, high.rebuild),
    ):
        print(
            f"{name:12} CPU {at(low_run.cpu_s, high_run.cpu_s):>7.0f} s, peak "
            f"{at(low_run.peak_mb, high_run.peak_mb):>6.0f} MB"
        )
    for low_visit, high_visit in zip(low.pages, high.pages, strict=True):
        print(
            f"{high_visit.name:34}{at(low_visit.total, high_visit.total) / 1e3:>9.1f} KB, "
            f"largest file {at(low_visit.largest, high_visit.largest) / 1e3:.1f} KB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="numbers of designs, comma-separated")
    parser.add_argument("--serve", action="store_true", help="time `makelocal serve` too")
    parser.add_argument("--keep", help="build in this folder and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of builds (medians)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"pages measured: {', '.join(PAGE_KINDS)}")
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(args.keep) if args.keep else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            rows.append(measure(size, work, args.serve, max(1, args.repeat)))
            report(rows[-1])
            if not args.keep:
                for name in (f"repo-{size}", f"site-{size}", f"baseline-{size}"):
                    shutil.rmtree(work / name, ignore_errors=True)
    if len(rows) >= 2:
        project(rows)


if __name__ == "__main__":
    main()

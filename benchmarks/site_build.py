"""Site build: time and size for 100, 1,000 and 5,000 generated designs, and a rebuild.

Each catalogue is the test fixture's materials, process and maker plus N copies of its
design (each with its own id, title, category and maturity). The copies share one STL, and
its analysis is made once before timing starts (the analysis runner caches it by the STL's
content): this measures the site build, not the mesh analysis. For each size it prints
the first build (the site's own caches of zips, pictures and meshes empty), the rebuild
after changing one record, the site's size, the weight of a design page with everything it
loads, and, when Debian's chromium is there, the bytes a browser downloads for a first
search.

    .venv/bin/python benchmarks/site_build.py [--sizes 100,1000,5000]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from generator.analysis import runner as analyse_run
from generator.web.build import build_site, load_valid_catalog

BASE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "base"
CATEGORIES = ["ppe", "hygiene", "household", "repair-part", "tooling", "agriculture"]
MATURITY = ["concept", "prototype"]
CHROMIUM = Path("/usr/bin/chromium")
WORDS = ["clip", "holder", "bracket", "hook", "cover", "stand", "frame", "guard", "spacer"]


def generate(root: Path, designs: int) -> None:
    shutil.copytree(BASE, root)
    folder = BASE / "designs" / "test-clip"
    template = (folder / "design.yml").read_text("utf-8")
    shutil.rmtree(root / "designs" / "test-clip")
    for i in range(designs):
        target = root / "designs" / f"design-{i:05d}"
        shutil.copytree(folder, target)
        word = WORDS[i % len(WORDS)]
        text = (
            template.replace("id: test-clip", f"id: design-{i:05d}")
            .replace("title: Test clip", f"title: Generated {word} number {i}")
            .replace("category: repair-part", f"category: {CATEGORIES[i % len(CATEGORIES)]}")
            .replace("maturity: concept", f"maturity: {MATURITY[i % len(MATURITY)]}")
            .replace(
                "description: Used only by the tests.",
                f"description: A generated {word} for the site benchmark, number {i}.",
            )
        )
        if i % len(MATURITY):  # a prototype needs a record that its author made it
            text += (
                "evidence:\n  - type: self-tested\n    date: '2026-11-27'\n"
                "    by: Fixture author\n    summary: Made once for the benchmark.\n"
            )
        (target / "design.yml").write_text(text, "utf-8")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def page_weight(site: Path, page: Path) -> int:
    """The page and what it makes the browser load: stylesheets, scripts, images, icon."""
    text = page.read_text("utf-8")
    loads = re.findall(r'<link[^>]*rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', text)
    loads += re.findall(r'<(?:script|img)[^>]*src="([^"]+)"', text)
    return page.stat().st_size + sum((page.parent / url).resolve().stat().st_size for url in loads)


def first_search_bytes(site: Path, query: str) -> int | None:
    """Bytes a browser downloads to run one search on the search page, served over http."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page()
            page.goto(url + "search.html")
            page.wait_for_load_state("networkidle")
            page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
            page.fill("#ml-q", query)
            page.press("#ml-q", "Enter")
            page.wait_for_selector("#ml-search-results li")
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sum(sizes)


def measure(size: int, work: Path) -> dict[str, Any]:
    root = work / f"repo-{size}"
    generate(root, size)
    site = work / f"site-{size}"
    first_part = analyse_run.select_jobs(load_valid_catalog(root), [], None)[:1]
    analyse_run.run(first_part, analyse_run.Settings(cache=root / analyse_run.CACHE_FOLDER))
    started = time.perf_counter()
    build_site(root, site)
    cold = time.perf_counter() - started
    record = root / "designs" / "design-00000" / "design.yml"
    record.write_text(record.read_text("utf-8").replace("number 0", "number zero"), "utf-8")
    started = time.perf_counter()
    build_site(root, site)
    rebuild = time.perf_counter() - started
    files, total = folder_size(site)
    design_page = site / "design" / "design-00000.html"
    _, pagefind_total = folder_size(site / "pagefind")
    return {
        "designs": size,
        "cold_s": cold,
        "rebuild_s": rebuild,
        "files": files,
        "site_mb": total / 1e6,
        "page_kb": design_page.stat().st_size / 1e3,
        "weight_kb": page_weight(site, design_page) / 1e3,
        "index_mb": pagefind_total / 1e6,
        "search_kb": (first_search_bytes(site, "bracket") or 0) / 1e3,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of designs")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    header = (
        f"{'designs':>8} {'1st build':>11} {'rebuild':>8} {'files':>7} {'site':>9} "
        f"{'page':>8} {'page+loads':>11} {'search index':>13} {'1st search':>11}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as temp:
        for size in sizes:
            row = measure(size, Path(temp))
            print(
                f"{row['designs']:>8} {row['cold_s']:>10.1f}s {row['rebuild_s']:>7.1f}s "
                f"{row['files']:>7} {row['site_mb']:>7.1f}MB {row['page_kb']:>6.1f}KB "
                f"{row['weight_kb']:>9.1f}KB {row['index_mb']:>11.2f}MB "
                f"{row['search_kb']:>9.1f}KB",
                flush=True,
            )
            shutil.rmtree(Path(temp) / f"repo-{size}")
            shutil.rmtree(Path(temp) / f"site-{size}")
    print(
        "1st build: the site's caches empty, the analysis cached; rebuild: one design's "
        "description changed; page: a design page's HTML; page+loads: with its CSS, JS, "
        "images and icon; 1st search: bytes downloaded for one search over http."
    )


if __name__ == "__main__":
    main()

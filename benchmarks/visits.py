"""What a visitor's browser loads: each kind of page opened in Chromium and used as a
visitor would, every file it fetched counted once, by its size in the site folder.

Over http every finished request is counted; opened from files (the offline search), the
page's resource timing entries are, since Chromium reports no network events for file://.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Visit:
    name: str
    total: int  # bytes of the page and every file it loaded
    largest: int  # bytes of the largest of them
    files: int


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _file_of(site: Path, url: str, base: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url[len(base) :]).path)
    return path if path.is_file() else None


def _largest(folder: Path, pattern: str) -> str:
    pages = sorted(folder.glob(pattern), key=lambda p: (-p.stat().st_size, p.name))
    return pages[0].relative_to(folder).as_posix() if pages else ""


def _gallery(page: Any) -> None:
    page.wait_for_selector("#ml-gallery li")
    page.select_option("select[name=category]", "ppe")
    page.fill("input[name=q]", "bracket")
    page.wait_for_timeout(300)
    if page.locator("#ml-gallery-more").is_visible():
        page.click("#ml-gallery-more")


def _match(page: Any) -> None:
    page.check("input[name=process][value='test-printing']")
    page.check("input[name=material][value='test-plastic']")
    page.wait_for_timeout(300)
    more = page.locator("#ml-match-more")
    if more.count() and more.is_visible():
        more.click()


def _search(page: Any) -> None:
    page.wait_for_selector("#ml-search-results li")


Action = Callable[[Any], None]


def page_kinds(site: Path) -> list[tuple[str, str, Action | None, bool]]:
    """(name, page, what the visitor does there, opened from files)."""
    return [
        ("home", "index.html", None, False),
        ("gallery: filter, words, more", "designs.html", _gallery, False),
        ("largest category page", _largest(site, "categories/*.html"), None, False),
        ("largest maker page", _largest(site, "maker/*.html"), None, False),
        ("open needs", "needs.html", None, False),
        ("what can I make?: two ticked", "what-can-i-make.html", _match, False),
        ("search over http", "search.html?q=bracket", _search, False),
        ("search from files", "search.html?q=bracket", _search, True),
        ("a design page", "design/design-00000.html", None, False),
    ]


PAGE_KINDS = [name for name, *_ in page_kinds(Path("."))]


def _visit(browser: Any, site: Path, base: str, name: str, address: str, act: Action | None,
           from_files: bool) -> Visit:  # fmt: skip
    if from_files:
        base = site.resolve().as_uri() + "/"
    page = browser.new_page()
    fetched: set[str] = set()
    page.on("requestfinished", lambda request: fetched.add(request.url))
    page.goto(base + address)
    page.wait_for_load_state("networkidle")
    if act is not None:
        act(page)
        page.wait_for_load_state("networkidle")
    if from_files:
        fetched.add(page.url)
        fetched.update(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"))
    page.close()
    sizes = [f.stat().st_size for url in fetched if (f := _file_of(site, url, base)) is not None]
    return Visit(name, sum(sizes), max(sizes, default=0), len(sizes))


def visits(site: Path, baseline_site: Path) -> tuple[list[Visit], Visit]:
    """Each kind of page of `site`, and a design page of the baseline's site."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        try:
            with served(site) as base:
                found = [
                    _visit(browser, site, base, name, address, act, files)
                    for name, address, act, files in page_kinds(site)
                    if address
                ]
            with served(baseline_site) as base:
                baseline = _visit(
                    browser, baseline_site, base, "baseline: a design page",
                    "design/design-00000.html", None, False,
                )  # fmt: skip
        finally:
            browser.close()
    return found, baseline

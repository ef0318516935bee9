"""What a visitor's browser loads: each kind of page opened in Chromium and used as a
visitor would, every file it fetched counted once, by its size in the site folder (the
site benchmark's figures, and tests/web/test_bounded.py's).

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


def _settled(page: Any, *lists: str) -> None:
    """The lists shown, and what they started to load loaded: a visitor who chooses again
    a moment later has loaded them, and the figures do not depend on how quickly the
    pictures of a list came before the next choice replaced it."""
    for listed in lists:
        page.wait_for_selector(f"{listed}[aria-busy=false]", state="attached")
    count = "performance.getEntriesByType('resource').length"
    seen = -1
    while (now := page.evaluate(count)) != seen:
        seen = now
        page.wait_for_timeout(300)


def _gallery(page: Any) -> None:
    """Designs of one category with a word (1 in 18 of the synthetic catalogue's designs,
    spread over all of it: the most files a selection can need)."""
    _settled(page, "#ml-gallery")
    page.select_option("select[name=category]", "ppe")
    _settled(page, "#ml-gallery")
    page.fill("input[name=q]", "clip")
    _settled(page, "#ml-gallery")


def _gallery_more(page: Any) -> None:
    """The same, then "Show more" once: as many cards again, with their pictures."""
    _gallery(page)
    if page.locator("#ml-gallery-more").is_visible():
        page.click("#ml-gallery-more")
        _settled(page, "#ml-gallery")


def _match(page: Any) -> None:
    _settled(page, "#ml-match-can", "#ml-match-near")
    page.check("input[name=process][value='test-printing']")
    page.check("input[name=material][value='test-plastic']")
    _settled(page, "#ml-match-can", "#ml-match-near")
    more = page.locator("#ml-match-can-more")
    if more.count() and more.is_visible():
        more.click()
        _settled(page, "#ml-match-can", "#ml-match-near")


def _search(page: Any) -> None:
    page.wait_for_selector("#ml-search-results li")


Action = Callable[[Any], None]


def page_kinds(site: Path) -> list[tuple[str, str, Action | None, bool]]:
    """(name, page, what the visitor does there, opened from files)."""
    return [
        ("home", "index.html", None, False),
        ("gallery: filter and words", "designs.html", _gallery, False),
        ("gallery: then show more", "designs.html", _gallery_more, False),
        ("largest category page", _largest(site, "categories/*.html"), None, False),
        ("largest maker page", _largest(site, "maker/*.html"), None, False),
        ("open needs", "needs.html", None, False),
        ("what can I make?: two ticked", "what-can-i-make.html", _match, False),
        ("search over http", "search.html?q=clip", _search, False),
        ("search every word over http", "search.html?q=clip&full=1", _search, False),
        ("search from files", "search.html?q=clip", _search, True),
        ("a design page", "design/design-00000.html", None, False),
    ]


PAGE_KINDS = [name for name, *_ in page_kinds(Path("."))]


def visit(browser: Any, site: Path, base: str, kind: tuple[str, str, Action | None, bool]) -> Visit:
    """One kind of page of `site` (served at `base`) opened and used, and what it loaded."""
    name, address, act, from_files = kind
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


def visit_all(browser: Any, site: Path) -> list[Visit]:
    """Every kind of page of `site`, served over http while they are visited."""
    with served(site) as base:
        return [visit(browser, site, base, kind) for kind in page_kinds(site) if kind[1]]


def visits(site: Path, baseline_site: Path) -> tuple[list[Visit], Visit]:
    """Each kind of page of `site`, and a design page of the baseline's site."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        try:
            found = visit_all(browser, site)
            with served(baseline_site) as base:
                baseline = visit(
                    browser,
                    baseline_site,
                    base,
                    ("baseline: a design page", "design/design-00000.html", None, False),
                )
        finally:
            browser.close()
    return found, baseline

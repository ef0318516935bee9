"""End to end in headless Chromium (Debian's, driven by Playwright): search, design page,
analysis, 3D viewer, gallery filters, the site opened from files, and hostile records.
Every page must load without console errors and without asking any other host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import requires_chromium, wait_until
from tests.web.helpers import Watched

pytestmark = requires_chromium
# Share of the viewer's pixels that differ from its background once the part is drawn.
DRAWN = """() => {
  const canvas = document.querySelector("canvas.ml-viewer");
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext("2d");
  context.drawImage(canvas, 0, 0);
  const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
  let drawn = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const r = pixels[i] - 244, g = pixels[i + 1] - 245, b = pixels[i + 2] - 247;
    if (Math.abs(r) + Math.abs(g) + Math.abs(b) > 30) drawn++;
  }
  return drawn / (pixels.length / 4);
}"""


@pytest.fixture
def watched(browser: Any, site_url: str) -> Iterator[Any]:
    tab = Watched(browser, (site_url, "data:", "blob:"))
    yield tab.page
    tab.check()


def test_search_open_design_see_analysis_and_3d_view(watched: Any, site_url: str) -> None:
    page = watched
    page.goto(site_url + "index.html")
    page.fill("#ml-home-q", "clip")
    page.press("#ml-home-q", "Enter")
    page.wait_for_selector("#ml-search-results a")
    # A design's result shows its picture (loaded) and its figures beside the title.
    clip = page.locator("#ml-search-results li", has_text="Test clip")
    wait_until(page, "document.querySelector('#ml-search-results img').naturalWidth > 0")
    assert clip.locator("img").count() == 1
    assert clip.locator(".ml-result__figures").inner_text().startswith("Ready to make · ")
    page.goto(site_url + "search.html?q=TP&type=Material")  # a material's alias
    page.wait_for_selector("#ml-search-results a")
    assert page.locator("#ml-search-results a").all_inner_texts() == ["Test plastic"]
    page.go_back()
    page.locator("#ml-search-results a", has_text="Test clip").click()
    page.wait_for_url("**/design/test-clip.html")
    assert page.locator(".ml-verdict-line").inner_text() == "Ready to make"
    assert "20 \u00d7 10 \u00d7 5 mm" in page.locator("#part-clip").inner_text()
    page.click("button.ml-view3d")
    page.wait_for_selector("canvas.ml-viewer")
    wait_until(page, f"({DRAWN})() > 0.02")
    before = page.evaluate(DRAWN)
    box = page.locator("canvas.ml-viewer").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40)
    page.mouse.up()
    wait_until(page, f"({DRAWN})() !== {before}")


def test_gallery_filters(watched: Any, site_url: str) -> None:
    page = watched
    page.goto(site_url + "designs.html")
    page.wait_for_selector("#ml-gallery-filters:not([hidden])")
    drawn(page)
    assert page.locator("#ml-gallery-count").inner_text() == "1 of 1 design"
    assert page.locator("#ml-gallery-more").is_hidden()
    page.select_option("select[name=maturity]", "production")
    assert drawn(page).count() == 0
    page.select_option("select[name=maturity]", "concept")
    page.select_option("select[name=material]", "test-plastic")
    assert drawn(page).count() == 1
    assert "material=test-plastic" in page.url
    page.fill("input[name=q]", "no such words")
    drawn(page)
    assert page.locator("#ml-gallery-count").inner_text() == "0 of 1 design"
    page.fill("input[name=q]", "plast")  # the start of a word of its material's name
    assert drawn(page).count() == 1
    page.goto(site_url + "designs.html#process=test-printing")
    page.reload()
    assert drawn(page).count() == 1


def drawn(page: Any) -> Any:
    """The gallery's cards, once it has drawn those of the latest selection."""
    page.wait_for_selector("#ml-gallery[aria-busy=false]", state="attached")
    return page.locator("#ml-gallery li")


def test_opened_from_files_search_and_viewer_still_work(browser: Any, built_site: Path) -> None:
    tab = Watched(browser, ("file://", "data:", "blob:"))
    page = tab.page
    page.goto((built_site / "search.html").as_uri() + "?q=plastic")
    page.wait_for_selector("#ml-search-results a")
    assert "opened from files" in page.locator("#ml-search-status").inner_text()
    assert page.locator("input[name=full]").is_hidden()  # browsers refuse Pagefind's files
    assert "Test plastic" in page.locator("#ml-search-results").inner_text()
    page.fill("#ml-q", "clip")
    page.press("#ml-q", "Enter")
    clip = page.locator("#ml-search-results li", has_text="Test clip")
    wait_until(page, "document.querySelector('#ml-search-results img')?.naturalWidth > 0")
    assert " g · " in clip.locator(".ml-result__figures").inner_text()
    page.goto((built_site / "design" / "test-clip.html").as_uri())
    page.click("button.ml-view3d")
    wait_until(page, f"document.querySelector('canvas.ml-viewer') && ({DRAWN})() > 0.02")
    tab.check()


def test_every_word_of_every_page_is_searched_when_asked(watched: Any, site_url: str) -> None:
    """A word of a design's page (its licence's name): not in the names and summaries the
    search answers from at first, found in the full text (Pagefind) once the visitor asks,
    with the word marked in the excerpt; the choice is kept in the address."""
    page = watched
    page.goto(site_url + "search.html?q=reciprocal")
    wait_until(page, "document.getElementById('ml-search-status').textContent === 'Nothing found.'")
    assert not page.evaluate("[...document.scripts].some(s => s.src.includes('pagefind'))")
    page.check("input[name=full]")
    page.wait_for_selector("#ml-search-results a")
    clip = page.locator("#ml-search-results li", has_text="Test clip")
    assert clip.locator("mark").first.inner_text().lower() == "reciprocal"
    assert "full=1" in page.url
    page.reload()
    page.wait_for_selector("#ml-search-results a")
    assert page.locator("input[name=full]").is_checked()


def test_hostile_records_run_nothing(browser: Any, poisoned_site: Path, poisoned_url: str) -> None:
    tab = Watched(browser, (poisoned_url, "data:", "blob:"))
    page = tab.page
    pages = sorted(p.relative_to(poisoned_site).as_posix() for p in poisoned_site.rglob("*.html"))
    for path in pages:
        page.goto(poisoned_url + path)
        assert page.evaluate("window.__pwned === undefined"), path
    for search in ("search.html?q=script", "search.html?q=script&full=1"):
        page.goto(poisoned_url + search)
        page.wait_for_selector("#ml-search-results li")
    page.goto(poisoned_url + "designs.html")
    page.fill("input[name=q]", "pwn")
    page.wait_for_selector("#ml-gallery li")
    page.goto(poisoned_url + "design/test-clip.html")
    page.click("button.ml-view3d")
    page.wait_for_selector("canvas.ml-viewer")
    tab.check()

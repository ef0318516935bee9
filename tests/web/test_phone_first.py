"""The real site at a phone's width (390 px) and a desktop's (1280 px), in Chromium: what a
reader needs is on the first screen, nothing scrolls sideways, nothing fails in the
console or asks another host, and pages stay light with everything they load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import requires_chromium
from tests.web.conftest import serve
from tests.web.helpers import Watched

pytestmark = requires_chromium

# Two designs of different processes, a material, and the pages that list them.
PAGES = (
    "index.html",
    "designs.html",
    "what-can-i-make.html",
    "design/face-shield-headband.html",
    "design/reusable-sanitary-pad.html",
    "material/recycled-hdpe.html",
    # The same in French.
    "fr/index.html",
    "fr/designs.html",
    "fr/what-can-i-make.html",
    "fr/design/face-shield-headband.html",
    "fr/design/reusable-sanitary-pad.html",
    "fr/material/recycled-hdpe.html",
)
FIRST_SCREEN_PX = 800
# Everything a page loads (its HTML, styles, scripts, data and the pictures it shows),
# in bytes as served uncompressed.
BUDGETS = {"index.html": 250_000, "design/": 200_000}
# The first screen of a design page on a phone: its picture, its figures, its download.
FIRST_SCREEN = (".ml-hero__picture img", "dl.ml-figures", ".ml-hero__download .md-button")
# Cells a phone shows as "Label: value" lines (tables turned into cards); an empty value
# would leave its label alone (the sanitary pad's bill of materials has items without notes).
LONE_LABELS = """() => [...document.querySelectorAll('table.ml-stack td[data-label]')]
  .filter(td => td.offsetParent !== null && !td.textContent.trim())
  .map(td => td.dataset.label)"""
LOADED = """() => {
  const [page] = performance.getEntriesByType('navigation');
  return performance.getEntriesByType('resource').reduce(
    (total, r) => total + r.encodedBodySize, page.encodedBodySize);
}"""


@pytest.fixture(scope="module")
def site_address(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_the_screen_and_its_budget(
    browser: Any, site_address: str, path: str, width: int
) -> None:
    tab = Watched(browser, (site_address, "data:", "blob:"))
    page = tab.page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_address + path, wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "scrolls sideways"
    own = path.removeprefix("fr/")  # a French page has the English one's budget
    if own.startswith("design/") and width == 390:
        for selector in FIRST_SCREEN:
            box = page.locator(selector).first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= FIRST_SCREEN_PX, selector
    if width == 390:
        assert page.evaluate(LONE_LABELS) == [], "a label shown without its value"
    budget = next((b for start, b in BUDGETS.items() if own.startswith(start)), None)
    if budget is not None:
        assert page.evaluate(LOADED) <= budget
    tab.check()

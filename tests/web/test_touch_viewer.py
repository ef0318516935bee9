"""The 3D view on a phone's touch screen (390 px, touches sent as Chromium's own input
events): two fingers zoom and turn the part, one finger swiping up and down over it
scrolls the page rather than being trapped by the view."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import requires_chromium, wait_until
from tests.web.helpers import VIEWER_PIXELS, Watched
from tests.web.test_browser import DRAWN
from tests.web.test_keyboard import PIXELS

pytestmark = requires_chromium
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# How tall the part is drawn, as a share of the view's height: a turn about the vertical
# changes it by less than half, a zoom by the zoom's factor.
HEIGHT = (
    VIEWER_PIXELS
    + """  let rows = 0;
  for (let y = 0; y < copy.height; y++) {
    for (let x = 0; x < copy.width; x++) {
      const i = (y * copy.width + x) * 4;
      if (Math.abs(pixels[i] - 244) + Math.abs(pixels[i + 1] - 245) +
          Math.abs(pixels[i + 2] - 247) > 30) { rows++; break; }
    }
  }
  return rows / copy.height;
}"""
)


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Any]:
    tab = Watched(browser, (site_url, "data:", "blob:"), **PHONE)
    page = tab.page
    page.goto(site_url + "design/test-clip.html")
    page.tap("button.ml-view3d")
    page.wait_for_selector("canvas.ml-viewer")
    wait_until(page, f"({DRAWN})() > 0.02")
    yield page
    tab.check()


def centre_view(page: Any) -> tuple[float, float]:
    """Bring the view to the middle of the screen; its centre, in the screen's pixels."""
    page.evaluate("document.querySelector('canvas.ml-viewer').scrollIntoView({block: 'center'})")
    box = page.locator("canvas.ml-viewer").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def touch(page: Any, *paths: list[tuple[float, float]]) -> None:
    """Fingers pressed at the first point of their paths, moved along them together, and
    lifted: each path a finger, each step a touch move. Every point is on the view."""
    for x, y in (point for path in paths for point in path):
        assert page.evaluate(f"document.elementFromPoint({x}, {y}).matches('canvas.ml-viewer')")
    session = page.context.new_cdp_session(page)

    def send(kind: str, step: int | None) -> None:
        points = [] if step is None else [
            {"x": path[step][0], "y": path[step][1], "id": finger}
            for finger, path in enumerate(paths)
        ]  # fmt: skip
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    send("touchStart", 0)
    for step in range(1, len(paths[0])):
        send("touchMove", step)
        time.sleep(0.016)  # a frame apart, as a finger moves
    send("touchEnd", None)
    session.detach()


def settled(page: Any) -> float:
    """The page's scroll once it has stopped moving (a swipe flings it on for a while)."""
    last = page.evaluate("window.scrollY")
    while True:
        time.sleep(0.2)
        now = page.evaluate("window.scrollY")
        if now == last:
            return float(now)
        last = now


def line(start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> list:
    return [
        (start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
        for i in range(steps + 1)
    ]


def test_pinching_zooms_the_part_and_not_the_page(phone: Any) -> None:
    page = phone
    x, y = centre_view(page)
    scrolled, start = page.evaluate("window.scrollY"), page.evaluate(PIXELS)
    height = page.evaluate(HEIGHT)
    assert 0.1 < height < 0.45
    # Fingers spread from 60 to 150 px apart: the part comes 2.5 times closer.
    touch(page, line((x - 30, y), (x - 75, y)), line((x + 30, y), (x + 75, y)))
    wait_until(page, f"({HEIGHT})() > {height} * 2")
    assert page.evaluate("window.scrollY") == scrolled
    assert page.evaluate("window.visualViewport.scale") == 1  # the page did not zoom
    # Pinched back together: as far as it was, seen as it was (a pinch does not turn it).
    touch(page, line((x - 75, y), (x - 30, y)), line((x + 75, y), (x + 30, y)))
    wait_until(page, f"({PIXELS})() === {start}")


def test_two_fingers_turn_the_part(phone: Any) -> None:
    page = phone
    x, y = centre_view(page)
    scrolled, before = page.evaluate("window.scrollY"), page.evaluate(PIXELS)
    # Together downwards, then twisted a quarter turn: both turn the part, neither the page.
    touch(page, line((x - 40, y - 60), (x - 40, y + 40)), line((x + 40, y - 60), (x + 40, y + 40)))
    wait_until(page, f"({PIXELS})() !== {before}")
    turned = page.evaluate(PIXELS)
    twist = [(x + 50 * math.cos(a / 10), y + 50 * math.sin(a / 10))
             for a in range(16)]  # fmt: skip
    untwist = [(2 * x - px, 2 * y - py) for px, py in twist]
    touch(page, twist, untwist)
    wait_until(page, f"({PIXELS})() !== {turned}")
    assert page.evaluate("window.scrollY") == scrolled


def test_one_finger_swiping_up_over_the_view_scrolls_the_page(phone: Any) -> None:
    page = phone
    x, y = centre_view(page)
    scrolled, before = page.evaluate("window.scrollY"), page.evaluate(PIXELS)
    touch(page, line((x, y + 100), (x, y - 100), steps=20))
    wait_until(page, f"window.scrollY > {scrolled} + 50")
    assert page.evaluate(PIXELS) == before  # the part did not turn
    # Sideways, one finger turns the part, and the page stays where it is.
    settled(page)
    x, y = centre_view(page)
    scrolled = settled(page)
    touch(page, line((x - 100, y), (x + 100, y), steps=20))
    wait_until(page, f"({PIXELS})() !== {before}")
    assert page.evaluate("window.scrollY") == scrolled

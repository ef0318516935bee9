"""The site from the keyboard, in Chromium: every control reachable by Tab with its focus in
sight, the menu on a phone, the skip link, the 3D view and tables that scroll sideways."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from generator.web import i18n
from generator.web.i18n import LANGUAGES, speaking
from tests.conftest import requires_chromium, wait_until
from tests.web.a11y import DESKTOP, PHONE, page_of, settle, shows_focus, tab_through
from tests.web.helpers import VIEWER_PIXELS

pytestmark = requires_chromium
# Pages with many kinds of control: the menu, links, text boxes, lists, checkboxes, buttons,
# a details toggle.
WALKED = ["home", "gallery", "design with a 3D part", "what can I make", "search results"]
# A hash of the 3D view's pixels, to see it change.
PIXELS = (
    VIEWER_PIXELS
    + """  let hash = 0;
  for (let i = 0; i < pixels.length; i += 7) hash = (hash * 31 + pixels[i]) | 0;
  return hash;
}"""
)


@contextmanager
def _tab(browser: Any, width: int) -> Iterator[Any]:
    """A tab of the given width, closed afterwards; it must log no errors."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    with _tab(browser, PHONE) as page:
        yield page


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    with _tab(browser, DESKTOP) as page:
        yield page


def _words(language: str, message: str) -> str:
    with speaking(language):
        return i18n.gettext(message)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", WALKED)
def test_every_tab_stop_is_in_sight_and_shows_its_focus(
    browser: Any, real_site: Path, real_url: str, kind: str, width: int, language: str
) -> None:
    with _tab(browser, width) as page:
        path = page_of(real_site, kind, language)
        page.goto(real_url + path)
        settle(page, path)
        stops = tab_through(page)
        drawer = [s.name for s in stops if s.in_drawer]
        unseen = [s.name for s in stops if not s.shown or s.right <= 0 or s.left >= width]
        problems = {
            "too few stops": len(stops) < 5,
            "the skip link does not come first": stops[0].name
            != f'a "{_words(language, "Skip to content")}"',
            # The language switcher is in the header, after the menu's button.
            "no language switcher": not any(
                s.name.startswith('a "')
                and s.name[3:-1]
                in {LANGUAGES[other].name for other in LANGUAGES if other != language}
                for s in stops
            ),
            "out of sight": unseen,
            "focus not drawn": [s.name for s in stops if not shows_focus(s)],
            # On a phone the menu button comes next, and the closed menu has no stops.
            "no menu button": width == PHONE
            and stops[1].name != f'input#__drawer "{_words(language, "Menu")}"',
            "stops in the closed menu": drawer if width == PHONE else [],
        }
        assert {k: v for k, v in problems.items() if v} == {}


def _focused(page: Any) -> Any:
    return page.evaluate("""() => { const e = document.activeElement;
      return {id: e.id, drawer: !!e.closest(".md-sidebar--primary"), tag: e.tagName,
              left: e.getBoundingClientRect().left}; }""")


def test_the_menu_opens_and_closes_from_the_keyboard(
    phone: Any, real_site: Path, real_url: str
) -> None:
    page = phone
    page.goto(real_url + page_of(real_site, "design without a 3D part"))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "__drawer"
    page.keyboard.press("Space")
    assert page.is_checked("#__drawer")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused(page)["drawer"]
    wait_until(page, "document.activeElement.getBoundingClientRect().left >= 0")  # slid in
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert _focused(page)["id"] == "__drawer"
    page.keyboard.press("Space")
    links = page.locator(".md-sidebar--primary a:visible").count()
    for _ in range(links + 1):  # through the menu and out of it: it closes behind
        page.keyboard.press("Tab")
    assert not _focused(page)["drawer"]
    assert not page.is_checked("#__drawer")
    wait_until(page, "getComputedStyle(document.querySelector('.md-sidebar--primary'))"
               ".visibility === 'hidden'")  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["design with a 3D part", "what can I make", "guide"])
def test_the_skip_link_lands_before_the_title(
    phone: Any, real_site: Path, real_url: str, kind: str, language: str
) -> None:
    page = phone
    page.goto(real_url + page_of(real_site, kind, language))
    page.mouse.wheel(0, 600)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == _words(
        language, "Skip to content"
    )
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'ml-main'")
    assert page.evaluate("document.activeElement.contains(document.querySelector('h1'))")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    title = page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
    assert header <= title < 800
    page.keyboard.press("Tab")  # on from there, not from the top of the page
    assert page.evaluate("""document.querySelector('h1').compareDocumentPosition(
      document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING""")


def test_the_3d_view_takes_the_focus_and_turns_and_zooms_from_the_keyboard(
    desktop: Any, real_site: Path, real_url: str
) -> None:
    page = desktop
    page.goto(real_url + page_of(real_site, "design with a 3D part"))
    page.focus("button.ml-view3d")
    page.keyboard.press("Enter")
    page.wait_for_selector("canvas.ml-viewer")
    wait_until(page, "document.activeElement.matches('canvas.ml-viewer')")
    label = page.get_attribute("canvas.ml-viewer", "aria-label") or ""
    assert "arrow keys" in label and "+" in label
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    start, scrolled = page.evaluate(PIXELS), page.evaluate("window.scrollY")
    for key in ("ArrowRight", "ArrowUp", "+", "-"):
        before = page.evaluate(PIXELS)
        page.keyboard.press(key)
        wait_until(page, f"({PIXELS})() !== {before}")
    assert page.evaluate("window.scrollY") == scrolled  # the keys turn the part, not the page
    page.keyboard.press("0")
    wait_until(page, f"({PIXELS})() === {start}")


def test_a_table_that_scrolls_sideways_takes_the_focus(
    browser: Any, real_site: Path, real_url: str
) -> None:
    scrolling = """() => [...document.querySelectorAll(".md-typeset .ml-table, .md-typeset table")]
      .filter((t) => t.scrollWidth > t.clientWidth + 1 &&
                     getComputedStyle(t).overflowX !== "visible")
      .map((t) => ({tabindex: t.getAttribute("tabindex"), label: t.getAttribute("aria-label")}))"""
    pages = [page_of(real_site, k) for k in ("material comparison", "process", "guide")]
    pages += [page_of(real_site, k) for k in ("design with a 3D part", "material")]
    scrolled: dict[int, list[str]] = {PHONE: [], DESKTOP: []}
    for width in (PHONE, DESKTOP):
        with _tab(browser, width) as page:
            for path in pages:
                page.goto(real_url + path)
                tables = page.evaluate(scrolling)
                scrolled[width] += [path] * len(tables)
                assert all(t["tabindex"] == "0" and t["label"] for t in tables), path
    assert scrolled[PHONE], "no table here is wider than a phone: test other pages"
    with _tab(browser, PHONE) as page:
        page.goto(real_url + scrolled[PHONE][0])
        box = page.locator("[data-ml-scrolls]").first
        box.focus()
        page.keyboard.press("ArrowRight")
        wait_until(page, "document.activeElement.scrollLeft > 0")
        page.set_viewport_size({"width": 3000, "height": 800})  # wide enough: no tab stop
        wait_until(page, "!document.querySelector('[data-ml-scrolls]')")

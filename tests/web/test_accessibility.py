"""Accessibility checked from outside: axe-core (WCAG 2.1 A and AA) on every page type at a
phone's and a desktop's width, the Nu HTML Checker on every page, and the skip link that
every page starts with. The keyboard runs are in test_keyboard.py."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.web.i18n import LANGUAGES, speaking
from generator.web.theme import ThemeChanged, corrected, skip_link
from tests.conftest import requires_chromium
from tests.web.a11y import (
    AXE,
    DESKTOP,
    JAVA,
    PAGE_TYPES,
    PHONE,
    VNU,
    page_of,
    requires_axe,
    requires_vnu,
    settle,
)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary)}));
}"""
# Resolves once the page's transitions have ended and it has drawn twice more: what a
# resize queued for the next frame is done, and a button clicked has its final colours.
STILL = """() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)))
  .then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))"""
# States a page reaches only through its controls, checked as well.
OPENED = {
    "home": "the menu",
    "design with a 3D part": "the 3D view",
}


@pytest.fixture(scope="module")
def axe_page(browser: Any, real_url: str) -> Iterator[Any]:
    """A tab; the site's Content-Security-Policy would refuse axe's script."""
    context = browser.new_context(bypass_csp=True, viewport={"width": DESKTOP, "height": 800})
    yield context.new_page()
    context.close()


def _open(page: Any, kind: str) -> None:
    if OPENED.get(kind) == "the menu" and page.viewport_size["width"] == PHONE:
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_selector(".md-sidebar--primary .md-nav__link", state="visible")
    elif OPENED.get(kind) == "the 3D view" and not page.query_selector("canvas.ml-viewer"):
        page.click("button.ml-view3d")
        page.wait_for_selector("canvas.ml-viewer")


@requires_chromium
@requires_axe
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_nothing_serious(
    axe_page: Any, real_site: Path, real_url: str, kind: str, language: str
) -> None:
    """At a desktop's width, then at a phone's: the page is loaded and axe's script added
    once, then the window is narrowed; axe runs once the page is still (STILL). The
    gallery's filters, open at a desktop's width, stay open: a phone shows them so once its
    reader opens them."""
    page = axe_page
    path = page_of(real_site, kind, language)
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    page.goto(real_url + path)
    settle(page, path)
    page.add_script_tag(path=str(AXE))
    serious: dict[int, list[Any]] = {}
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 800})
        _open(page, kind)
        page.evaluate(STILL)
        violations = page.evaluate(RUN_AXE, WCAG_21_AA)
        serious[width] = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == {DESKTOP: [], PHONE: []}, f"{path}:\n" + json.dumps(serious, indent=1)


def nu_errors(pages: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors on the pages, in one run of Java."""
    run = subprocess.run(
        [str(JAVA), "-Xss1024k", "-jar", str(VNU), "--errors-only", "--format", "json"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    return [f"{m['url']}:{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}"
            for m in messages]  # fmt: skip


@requires_vnu
def test_every_page_is_valid_html(
    real_site: Path, built_site: Path, poisoned_site: Path, tmp_path: Path
) -> None:
    """The real site, the fixture's and the one built from hostile records; and a page with
    a known error, to show the checker ran (one run of Java: it takes seconds to start)."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="en"><title>t</title><a href="https://...">x</a></html>'
    )
    pages = [p for site in (real_site, built_site, poisoned_site) for p in site.rglob("*.html")]
    assert len(pages) > 100
    errors = nu_errors([broken, *pages])
    assert any("broken.html" in e and "https://..." in e for e in errors)
    assert [e for e in errors if "broken.html" not in e] == []


def _first(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return found.start() if found else len(text)


def test_every_page_starts_with_a_skip_link_to_before_its_title(real_site: Path) -> None:
    focusable = r'<(a\s[^>]*href|input(?![^>]*type="hidden")|button|select|textarea|summary)\b'
    for page in sorted(real_site.rglob("*.html")):
        text = page.read_text("utf-8")
        body = text[text.index("<body") :]
        with speaking(re.search(r'<html lang="(\w+)"', text)[1]):  # type: ignore[index]
            link = skip_link()
        assert body.count(link) == 1, page
        assert _first(focusable, body) == body.index(link), page
        assert _first(r'id="ml-main"', body) < _first(r"<h1[\s>]", body) < len(body), page


FRAME = (
    '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">\n<input class="md-toggle" data-md-toggle="search" type="checkbox" '
    'id="__search" autocomplete="off">\n<div data-md-component="skip">\n<a href="#x" '
    'class="md-skip">Skip to content</a>\n</div>\n<label class="md-nav__link" for="__nav_4" '
    'id="__nav_4_label" tabindex="0">Materials</label>\n<label class="md-nav__title" '
    'for="__toc">Contents</label><article id="ml-main"><h1>T</h1></article></body>'
)


def test_the_theme_frame_is_corrected() -> None:
    page = corrected(FRAME)
    assert page.startswith("<body>" + skip_link())
    assert 'id="__drawer" aria-label="Menu">' in page
    for gone in ("autocomplete", "__search", 'href="#x"', "tabindex", 'for="__toc"'):
        assert gone not in page


@pytest.mark.parametrize(
    "changed",
    [
        FRAME.replace(' autocomplete="off">\n<input', ">\n<input"),  # Material changed a toggle
        FRAME.replace('<div data-md-component="skip">', "<div>"),
        FRAME.replace('id="ml-main"', ""),  # main.html lost the skip link's target
    ],
)
def test_a_changed_theme_stops_the_build(changed: str) -> None:
    with pytest.raises(ThemeChanged):
        corrected(changed)

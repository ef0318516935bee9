"""Shared pieces of the accessibility tests: the page types of the real site, the tools from
npm, and walking a page with the Tab key."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.web.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
requires_axe = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed: run `npm ci` (make test and .ci/run do)"
)
requires_vnu = pytest.mark.skipif(
    not VNU.exists() or JAVA is None,
    reason="the Nu HTML Checker needs `npm ci` (vnu-jar) and Java (.ci/run installs both)",
)
PHONE, DESKTOP = 390, 1280

# One page of every type, named as the tests report them; None: found in the built site.
PAGE_TYPES: dict[str, str | None] = {
    "home": "index.html",
    "gallery": "designs.html",
    "design with a 3D part": None,
    "design without a 3D part": None,
    "material": None,
    "material comparison": "biomaterials.html",
    "materials": "materials.html",
    "process": None,
    "processes": "processes.html",
    "maker": None,
    "makers": "makers.html",
    "what can I make": "what-can-i-make.html",
    "search results": "search.html?q=recycled",
    "contribute": "contribute.html",
    "repairability": "repairability.html",
    "open data": "open-data.html",
    "not found": "404.html",
    "guide": None,
    "category": None,
    "pillar": None,
}
_FIRST_IN = {
    "material": "material",
    "process": "process",
    "maker": "maker",
    "guide": "guides",
    "category": "categories",
    "pillar": "pillars",
}


def page_of(site: Path, kind: str, language: str = "en") -> str:
    """The address, inside the site, of the page that stands for a type, in a language
    (another language's pages are in its folder: fr/)."""
    folder = LANGUAGES[language].folder
    own = site / folder if folder else site
    prefix = f"{folder}/" if folder else ""
    fixed = PAGE_TYPES[kind]
    if fixed:
        return prefix + fixed
    if kind in _FIRST_IN:
        found = sorted(own.glob(f"{_FIRST_IN[kind]}/*.html"))
        assert found, f"the site has no {kind} in {language}"
        return found[0].relative_to(site).as_posix()
    with_mesh = kind == "design with a 3D part"
    for page in sorted(own.glob("design/*.html")):
        if ('class="md-button ml-view3d"' in page.read_text("utf-8")) == with_mesh:
            return page.relative_to(site).as_posix()
    raise AssertionError(f"the site has no {kind} in {language}")


def settle(page: Any, path: str) -> None:
    """Wait for what a page's scripts draw: gallery cards, search results."""
    path = path.split("/", 1)[1] if path.split("/", 1)[0] in LANGUAGES else path
    if path.startswith("designs.html"):
        page.wait_for_selector("#ml-gallery li")
    elif path.startswith("search.html?"):
        page.wait_for_selector("#ml-search-results li")


@dataclass(frozen=True)
class Stop:
    """Where one press of Tab put the focus."""

    number: int
    name: str
    in_drawer: bool
    left: float
    right: float
    shown: bool  # not hidden: visible, with a size
    focused_look: str  # the outline and shadow of what shows the focus, while focused
    look: str = ""  # the same, once the focus has moved on


# What shows an element's focus: the element, or for a hidden checkbox (the menu's), its
# visible label; its outline and shadow, to compare focused and not.
LOOK = """(element) => {
  const invisible = (e) => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.visibility !== "visible" || s.opacity === "0" || r.width < 2 || r.height < 2;
  };
  let shown = element;
  if (invisible(element) && element.labels) {
    shown = [...element.labels].find((label) => !invisible(label)) || element;
  }
  const s = getComputedStyle(shown);
  const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0 ? "" :
    `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  const shadow = s.boxShadow === "none" ? "" : s.boxShadow;
  return {look: `outline: ${outline}; shadow: ${shadow}`, shown: !invisible(shown)};
}"""
_STOP = (
    """async (number) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // Material fades some things in on focus (the skip link): measure once that is done.
  if (parseFloat(getComputedStyle(e).opacity) < 0.5) {
    await Promise.all(e.getAnimations().map((a) => a.finished.catch(() => null)));
  }
  const first = e.hasAttribute("data-ml-stop");
  e.setAttribute("data-ml-stop", number);
  const r = e.getBoundingClientRect();
  const text = (e.getAttribute("aria-label") || e.textContent || e.value || "").trim();
  return {first, name: `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} "${text.slice(0, 40)}"`,
    in_drawer: !!e.closest(".md-sidebar--primary"), left: r.left, right: r.right,
    ...("""
    + LOOK
    + """)(e)};
}"""
)
_UNFOCUSED = (
    """() => { document.activeElement.blur();
  return Object.fromEntries([...document.querySelectorAll("[data-ml-stop]")].map((e) =>
    [e.getAttribute("data-ml-stop"), ("""
    + LOOK
    + """)(e).look])); }"""
)


def tab_through(page: Any, limit: int = 400) -> list[Stop]:
    """Press Tab from the top of the page until the focus leaves the page or comes round
    again; every stop with how its focus looks, focused and not."""
    stops: list[Stop] = []
    for number in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(_STOP, number)
        if found is None or found.pop("first"):
            break
        stops.append(Stop(number=number, focused_look=found.pop("look"), **found))
    looks = page.evaluate(_UNFOCUSED)
    return [Stop(**{**vars(stop), "look": looks[str(stop.number)]}) for stop in stops]


def shows_focus(stop: Stop) -> bool:
    """Focused, the element (or its label) has an outline or a shadow it lacks otherwise."""
    drawn = not re.fullmatch(r"outline: ; shadow: ", stop.focused_look)
    return drawn and stop.focused_look != stop.look

"""Material's page frame, corrected for keyboards and for the HTML checker.

Material writes the start of every page outside its template blocks, and its script bundle
(left out: templates/overrides/main.html) made up for parts of it. Corrected here, after
rendering:
- The skip link. Material's leads to the first entry of the table of contents, past the
  page's title, and is missing where a page has no headings; ours is the first thing on
  every page and leads to the start of the article (`#ml-main`, set in main.html).
- The menu. Without the bundle a label cannot be reached by Tab, so the drawer's checkbox
  becomes the menu button: it gets a name here, and site.css makes it focusable below
  76.25em and draws its focus on the menu icon.
- The drawer's sections open in place (site.css), so their labels are no tab stops:
  `tabindex="0"` made a stop that only the bundle made work, and `tabindex=""` is invalid.
- `autocomplete` on a checkbox, the search toggle of a search this site does not use, and a
  label for the table of contents' toggle on pages outside the navigation, which have none:
  errors of the Nu HTML Checker.
The frame's corrections must each find what they correct, once: a Material update that
changes its markup stops the build here instead of bringing the faults back unseen.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import escape

from generator.web.i18n import _

SKIP_TARGET = "ml-main"


def skip_link() -> str:
    words = escape(_("Skip to content"))  # outside the f-string, where the catalogue finds it
    return f'<a href="#{SKIP_TARGET}" class="md-skip">{words}</a>'


def _frame() -> tuple[tuple[str, str], ...]:
    """What the frame has, and what it becomes, in the language being written."""
    menu = escape(_("Menu"))
    return (
        (
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
            'autocomplete="off">',
            skip_link() + '\n<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
            f'id="__drawer" aria-label="{menu}">',
        ),
        (
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
            'autocomplete="off">',
            "",
        ),
    )


_MATERIAL_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_SECTION_TABINDEX = re.compile(
    r'(<label class="md-nav__link[^"]*" for="__nav_\w+" id="__nav_\w+_label") tabindex="0?"'
)
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)


# Material's templates and their overrides, compiled once for every build: MkDocs makes a
# new Jinja environment for each language's run and each build, which would compile them
# all again (about half a second). Jinja keeps them in a folder of the user's own that it
# checks, and compares each template's source with what was compiled.
THEME_TEMPLATES = jinja2.FileSystemBytecodeCache(pattern="makelocal-theme-%s.cache")


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """The theme's loader, whose listing leaves out hidden folders and files.

    MkDocs lists every file of the theme to find those it copies into the site, and then
    drops every hidden name (`.*`, `*/.*`). Material's hidden `.icons` folder holds 14,348
    of the 14,513 files: listing and dropping them took 0.24-0.43 s of each MkDocs run, two
    runs a build, and 0.02-0.04 s without them. Its templates include icons by name, which
    this loader still finds."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, subfolders, names in os.walk(top, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(top)
                found.update(
                    (inside / name).as_posix() for name in names if not name.startswith(".")
                )
        return sorted(found)


def list_visible_files(theme: Any) -> None:
    """Give MkDocs' `theme` (a mkdocs.theme.Theme) environments that list its files with
    VisibleFilesLoader: MkDocs asks the theme for the environment it builds with."""
    plain_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = plain_env()
        env.loader = VisibleFilesLoader(theme.dirs)
        return env

    theme.get_env = get_env


class ThemeChanged(ValueError):
    """Material's markup is no longer what these corrections expect."""


def corrected(page: str) -> str:
    """A page of the theme with its frame corrected (see the module's notes)."""
    for before, after in _frame():
        if page.count(before) != 1:
            raise ThemeChanged(f"Material's page frame changed: expected once: {before}")
        page = page.replace(before, after)
    page, found = _MATERIAL_SKIP.subn("", page)
    if found != 1 or f'id="{SKIP_TARGET}"' not in page:
        raise ThemeChanged("Material's skip link or the article's id changed")
    page = _SECTION_TABINDEX.sub(r"\1", page)
    if 'id="__toc"' not in page:
        page = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', page)
    return page


class SharedFrame:
    """Parts of Material's frame rendered once for all the pages that show them alike.

    The navigation and the tabs are most of the frame's rendering (about 8 % of a first
    build's CPU at 10,000 designs). On a page outside the navigation (a design, a maker...)
    no entry of them is the page's own, and their addresses are relative to the page's
    folder, so they are the same on every such page of a folder with the same table of
    contents (the sidebar holds it) and the same parts hidden. A page in the navigation is
    always rendered, its entry marked as the current one. One is made for each run of
    MkDocs (on_env), whose navigation and language it renders.
    """

    def __init__(self, navigation_pages: list[Any]) -> None:
        self._in_navigation = {id(page) for page in navigation_pages}
        self._made: dict[Hashable, str] = {}

    def __call__(self, part: str, page: Any, caller: Callable[[], str]) -> str:
        if page is None or id(page) in self._in_navigation:
            return compact(caller())
        hidden = tuple(page.meta.get("hide") or ()) if page.meta else ()
        key = (part, posixpath.dirname(page.url), hidden, _contents(page.toc))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = compact(caller())
        return made


# Material's templates indent the navigation over many lines: a third of its bytes on
# every page (3 KB of 9 KB on the search page). A run of spaces and line breaks shows as one
# space, as a line break does, except where spaces are kept (preformatted text, a text
# field, code), which a part holding them is left with. Only HTML's own spaces go: a
# no-break space in a title is text, which `\s` would take.
_LINE_BREAKS = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")
_SPACES_KEPT = re.compile(r"<(?:pre|textarea|code)\b", re.IGNORECASE)


def compact(html: str) -> str:
    """`html` with each run of spaces holding a line break made one line break."""
    return html if _SPACES_KEPT.search(html) else _LINE_BREAKS.sub("\n", html)


def _contents(toc: Any) -> tuple[Any, ...]:
    """All that Material's sidebar shows of a table of contents."""
    return tuple(
        (
            item.url,
            item.title,
            item.level,
            repr(getattr(item, "typeset", None)),
            _contents(item.children),
        )
        for item in toc or ()
    )

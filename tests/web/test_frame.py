"""Material's frame around each page: the navigation, the tabs and the table of contents,
rendered once for the pages that show them alike (SharedFrame), stay each page's own."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator.web.theme import SharedFrame, compact

_TOC = re.compile(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', re.DOTALL)
_TOC_LINK = re.compile(r'href="#([^"]+)" class="md-nav__link"')
_CURRENT = re.compile(r'<a href="([^"]+)" class="md-nav__link md-nav__link--active">')
_CURRENT_TAB = re.compile(
    r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="([^"]+)"', re.DOTALL
)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


@pytest.mark.parametrize("site", ["built_site", "french_site"])
def test_each_pages_table_of_contents_leads_into_that_page(
    site: str, request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(site)
    wrong = []
    with_contents = 0
    for page in _pages(folder):
        text = page.read_text("utf-8")
        toc = _TOC.search(text)
        targets = _TOC_LINK.findall(toc.group(0)) if toc else []
        with_contents += bool(targets)
        ids = set(re.findall(r'\sid="([^"]+)"', text[toc.end() if toc else 0 :]))
        wrong += [f"{page.relative_to(folder)}: #{t}" for t in targets if t not in ids]
    assert with_contents > 10  # the check looked at pages that have contents
    assert wrong == []


def test_only_a_page_in_the_navigation_marks_an_entry_as_the_current_one(
    built_site: Path,
) -> None:
    marked = {}
    for page in _pages(built_site):
        text = page.read_text("utf-8")
        here = page.relative_to(built_site).as_posix()
        current = _CURRENT.findall(text)
        if current:
            marked[here] = current
        for link in current:  # the entry marked is the page itself
            assert (page.parent / link).resolve() == page.resolve(), (here, link)
        # and its tab (its section's) is marked only on a page of the navigation
        assert bool(_CURRENT_TAB.search(text)) == bool(current), here
    assert {"index.html", "designs.html", "makers.html"} <= marked.keys()
    assert not any(name.startswith(("design/", "maker/", "material/")) for name in marked)


def _page(url: str, toc: list[Any] | None = None, hide: list[str] | None = None) -> Any:
    return SimpleNamespace(url=url, toc=toc or [], meta={"hide": hide} if hide else {})


def _heading(url: str, children: list[Any] | None = None) -> Any:
    return SimpleNamespace(url=url, title=url, level=2, children=children or [])


def test_the_frame_is_rendered_again_only_for_what_changes_it() -> None:
    in_navigation = _page("designs.html")
    frame = SharedFrame([in_navigation])
    rendered: list[str] = []

    def render(page: Any, part: str = "site_nav") -> str:
        rendered.append(page.url)
        return frame(part, page, lambda: f"{part} {len(rendered)}")

    first = _page("design/a.html", [_heading("#about")])
    assert render(first) == render(_page("design/b.html", [_heading("#about")]))
    assert rendered == ["design/a.html", "design/b.html"]
    made = [
        frame("site_nav", page, lambda: "again")
        for page in (
            _page("maker/a.html", [_heading("#about")]),  # another folder
            _page("design/c.html", [_heading("#parts")]),  # other contents
            _page("design/d.html", [_heading("#about", [_heading("#part-a")])]),
            _page("design/e.html", [_heading("#about")], hide=["toc"]),
            in_navigation,
            in_navigation,  # always its own: its entry is the current one
            None,
        )
    ]
    assert made == ["again"] * 7
    assert frame("tabs", first, lambda: "tabs") == "tabs"  # each part its own


@pytest.mark.parametrize(
    ("html", "written"),
    [
        (
            '<ul>\n    <li>\n      <a href="x.html">\n        X\n      </a>',
            '<ul>\n<li>\n<a href="x.html">\nX\n</a>',
        ),
        ("<li>\n\n   \t\n  a  b</li>", "<li>\na  b</li>"),  # spaces inside a line stay
        ("<a>\n  \u00a0X\n</a>", "<a>\n\u00a0X\n</a>"),  # a no-break space is text
        ("<li><code>a\n    b</code></li>", "<li><code>a\n    b</code></li>"),
        ("<pre>a\n    b</pre>", "<pre>a\n    b</pre>"),
        ("<TEXTAREA>a\n    b</TEXTAREA>", "<TEXTAREA>a\n    b</TEXTAREA>"),
    ],
)
def test_the_frame_is_written_without_its_indents(html: str, written: str) -> None:
    assert compact(html) == written


@pytest.mark.parametrize("site", ["built_site", "french_site"])
def test_every_page_s_navigation_comes_without_indents(
    site: str, request: pytest.FixtureRequest
) -> None:
    """The tabs and the sidebars' navigation and contents, of pages in the navigation and
    outside it, in each language."""
    folder: Path = request.getfixturevalue(site)
    indented = [
        page.relative_to(folder).as_posix()
        for page in _pages(folder)
        for nav in re.findall(
            r'<nav class="md-(?:tabs|nav)\b.*?</nav>', page.read_text("utf-8"), re.DOTALL
        )
        if "\n " in nav
    ]
    assert not indented, indented[:5]

"""What MkDocs' templates are given of a generated page besides its body: the page's meta
(title, description, search, width) and its versions in the other languages. The hook
hands it to MkDocs; the incremental build keys a page by it, so a page whose meta and body
are the last build's is not rendered again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.web.i18n import LANGUAGES
from generator.web.links import relative
from generator.web.markup import attribute
from generator.web.site import Page

if TYPE_CHECKING:  # the build stage's result, which names the other languages' pages
    from generator.web.build import Generated

HOME = "index.md"  # the site's home page, whose title is the navigation's, not the page's


def page_meta(page: Page, generated: Generated) -> dict[str, Any]:
    """The meta of one of `generated`'s pages, its texts escaped: Material writes
    `page.meta.title` and `page.meta.description` into the page as they are."""
    meta: dict[str, Any] = {"description": attribute(page.description)}
    if page.path != HOME:
        meta["title"] = attribute(page.title)
    if not page.search:
        meta["makelocal_nosearch"] = True
    if page.wide:
        meta["hide"] = ["navigation", "toc"]
    meta.update(alternates(page.path, generated))
    return meta


def alternates(path: str, generated: Generated) -> dict[str, Any]:
    """A page's versions in the other languages, for `<link rel="alternate" hreflang>`
    (those whose site has it) and the language switcher (to the page, else to that
    language's home): addresses relative to the page, with the language's own name."""
    here = LANGUAGES[generated.language].folder
    own = f"{here}/{path}" if here else path
    found, switch = [], []
    for code, has in {generated.language: lambda _page: True, **generated.others}.items():
        folder = LANGUAGES[code].folder
        target = path if has(path) else HOME
        address = relative(own, f"{folder}/{target}" if folder else target)
        if has(path):
            found.append({"code": code, "href": address})
        if code != generated.language:
            switch.append({"code": code, "name": LANGUAGES[code].name, "href": address})
    return {"makelocal_alternates": found, "makelocal_switch": switch}

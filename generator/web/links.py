"""Addresses between pages: relative `.html` links, so the site works from a folder or USB
stick, and the shared folders where pictures made for the site are published.
"""

from __future__ import annotations

from urllib.parse import quote

from generator.web import i18n


def page_url(path: str) -> str:
    """Address of a page or file at a site path (pages end in .md)."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def relative(from_page: str, target: str) -> str:
    """Relative address from one page to a site path, with an optional #fragment.

    Both are normalised paths from the site's root, so the shared folders are dropped
    and the rest of the page's folders climbed (faster than posixpath.relpath).
    """
    target, _, fragment = target.partition("#")
    address = ""
    if target:
        here = from_page.split("/")[:-1]
        there = page_url(target).split("/")
        shared = 0
        while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
            shared += 1
        address = quote("../" * (len(here) - shared) + "/".join(there[shared:]))
    return address + (f"#{fragment}" if fragment else "")


class Links:
    """Relative addresses from one page to the others: in another language's site, to its
    own pages where it has them, else to the English site's (generator.web.translated)."""

    def __init__(self, page: str) -> None:
        self.page = page

    def to(self, target: str) -> str:
        if i18n.in_this_site(target):
            return relative(self.page, target)
        return relative(f"{i18n.current().folder}/{self.page}", target)

    def english(self) -> str:
        """The English page of the page these links are from."""
        folder = i18n.current().folder
        return relative(f"{folder}/{self.page}", self.page) if folder else page_url(self.page)

    def design(self, design_id: str, fragment: str = "") -> str:
        return self.to(f"design/{design_id}.md" + (f"#{fragment}" if fragment else ""))

    def material(self, material_id: str) -> str:
        return self.to(f"material/{material_id}.md")

    def process(self, process_id: str) -> str:
        return self.to(f"process/{process_id}.md")

    def maker(self, maker_id: str) -> str:
        return self.to(f"maker/{maker_id}.md")

    def gallery(self, facet: str = "", value: str = "") -> str:
        return self.to("designs.md" + (f"#{facet}={quote(value)}" if facet else ""))


# Pictures and meshes made for the site live in a few shared folders, named
# <design>.<part> (ids have no dots), rather than in each design's folder: fewer folders
# make a faster build (every folder of the old site is removed first).
def thumb_file(design_id: str) -> str:
    return f"thumb/{design_id}.webp"


def preview_file(design_id: str, part_id: str) -> str:
    return f"preview/{design_id}.{part_id}.webp"

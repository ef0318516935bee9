"""Long lists of designs (a category's, a maker's) cut into pages of a fixed size."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass

from generator.web.incremental import Reuse
from generator.web.site import Page

# A list of designs (a category's, a maker's) takes this many to a page: a page of the list
# stays near 30 KB however many designs there are.
LIST_PAGE = 100


@dataclass(frozen=True)
class Pager:
    """Where a page is in a list of designs cut into pages, and its neighbours' paths."""

    first: int  # the number of its first design, from 1
    last: int
    total: int
    previous: str | None
    next: str | None


def list_page_paths(base: str, total: int) -> list[str]:
    """The paths of the pages of a list of `total` designs: `base`.md, then `base`-2.md..."""
    pages = max(1, -(-total // LIST_PAGE))
    return [f"{base}.md" if n == 1 else f"{base}-{n}.md" for n in range(1, pages + 1)]


def paged(base: str, designs: Sequence[str]) -> list[tuple[str, Pager, Sequence[str]]]:
    """The pages of a list of designs: each one's path, place and designs."""
    paths = list_page_paths(base, len(designs))
    return [
        (
            path,
            Pager(
                n * LIST_PAGE + 1,
                min((n + 1) * LIST_PAGE, len(designs)),
                len(designs),
                paths[n - 1] if n else None,
                paths[n + 1] if n + 1 < len(paths) else None,
            ),
            designs[n * LIST_PAGE : (n + 1) * LIST_PAGE],
        )
        for n, path in enumerate(paths)
    ]


def list_pages(
    base: str,
    designs: Sequence[str],
    title: Callable[[Pager], str],
    description: str,
    body: Callable[[str, Pager, Sequence[str]], str],
    reuse: Reuse | None = None,
) -> list[Page]:
    """The pages of a list of designs (`paged`), each titled by `title` and its body
    rendered by `body` (from its path, place and designs); a page the last build wrote as
    this one would (`reuse`) is kept, not rendered."""
    pages = []
    for path, pager, shown in paged(base, designs):
        kept = reuse is not None and reuse.listing(path, astuple(pager), shown)
        html = "" if kept else body(path, pager, shown)
        pages.append(Page(path, title(pager), description, html, search=False, kept=kept))
    return pages

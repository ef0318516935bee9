"""What the render stage produces: pages, generated texts and files to copy, resize, pack or
draw.

Pages are named by their source path (`design/face-shield.md`); another site builder
could take the same output.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for the annotation only: the index and matching need not load with it
    from generator.web.incremental import Reuse
    from generator.web.index import PerDesign


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section, 3 inside it
    id: str
    text: str  # plain text


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "design/face-shield.md"
    title: str  # plain text
    description: str  # plain text
    # Safe HTML body, or what renders it when the page is written (a build then holds one
    # design page's body at a time, not all of them).
    html: str | Callable[[], str]
    toc: tuple[Heading, ...] = ()
    in_nav: bool = False
    search: bool = True  # whether the search index includes it
    # Pages of cards and wide tables take the whole width: no side navigation or contents.
    wide: bool = False
    # The page written by the last build is this one's: it is neither rendered nor written
    # again (generator.web.incremental); its body is empty.
    kept: bool = False

    def body(self) -> str:
        return self.html() if callable(self.html) else self.html


@dataclass(frozen=True)
class ImageJob:
    source: Path
    width: int  # the image is scaled down to this width and written as WebP


@dataclass(frozen=True)
class PatternPart:
    """A part cut or sewn from sheet, as one section of a printable pattern."""

    source: Path  # its 1:1 SVG or DXF outline
    units: str | None  # the units the part record states for a drawing that gives none
    name: str  # plain text
    note: str  # how to cut it, plain text
    size_mm: tuple[float, float]  # the outline's size, which sets how it is tiled
    seam_mm: float | None  # the stitching line this far inside the edge; None: no line


@dataclass(frozen=True)
class PatternJob:
    """A printable pattern to make: a PDF at 1:1, tiled on one paper size."""

    title: str  # the design's, plain text
    paper: str  # a key of generator.web.patterns.PAPERS
    parts: tuple[PatternPart, ...]


@dataclass(frozen=True)
class Archive:
    """A zip to make: (name in the zip, file to read, text to write or pattern to make), in
    this order."""

    entries: tuple[tuple[str, Path | str | PatternJob], ...]


class Texts(MutableMapping[str, str]):
    """Generated texts by their site path. A text may be deferred (`defer`): made each time
    it is read, as the pieces it is written in, and held by no one in between. The API's
    file of each design is, and so is its whole file of designs: they hold the designs'
    items once (55 MB at 10,000 designs), not as the files' texts too (113 MB more, held
    until the texts were written; then the whole file's 55 MB while it was written)."""

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._held: dict[str, str | Callable[[], Iterable[str]]] = dict(texts or {})

    def defer(self, path: str, make: Callable[[], Iterable[str]]) -> None:
        self._held[path] = make

    def pieces(self, path: str) -> Callable[[], Iterable[str]]:
        """What makes the text at `path`, piece by piece, each time it is called."""
        text = self._held[path]
        return partial(iter, (text,)) if isinstance(text, str) else text

    def __getitem__(self, path: str) -> str:
        text = self._held[path]
        return text if isinstance(text, str) else "".join(text())

    def __setitem__(self, path: str, text: str) -> None:
        self._held[path] = text

    def __delitem__(self, path: str) -> None:
        del self._held[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._held)

    def __len__(self) -> int:
        return len(self._held)

    def update(self, other: Any = (), /, **more: str) -> None:
        """Another Texts' deferred texts stay deferred (MutableMapping's update reads each)."""
        if isinstance(other, Texts):
            self._held.update(other._held)
            other = ()
        super().update(other, **more)


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    texts: Texts = field(default_factory=Texts)
    copies: dict[str, Path] = field(default_factory=dict)
    images: dict[str, ImageJob] = field(default_factory=dict)
    meshes: dict[str, Path] = field(default_factory=dict)  # mesh script -> STL
    archives: dict[str, Archive] = field(default_factory=dict)
    patterns: dict[str, PatternJob] = field(default_factory=dict)
    per_design: PerDesign | None = None  # the English index's (generator.web.index)
    # The files each design's page publishes (by design id: their site paths, in any of
    # the tables above or in `made`), and those an unchanged design's page takes as the
    # last build made them (site path -> the file to copy; generator.web.incremental).
    design_files: dict[str, list[str]] = field(default_factory=dict)
    # (Paths as the manifest names them, strings: 40,000 at 10,000 designs, and a Path made
    # of each cost 0.3 s a build, to be made a string again by each use.)
    made: dict[str, str] = field(default_factory=dict)
    # The texts the site folder holds as the last build wrote them: neither made nor read.
    kept_texts: list[str] = field(default_factory=list)
    # What the build took from the last one, which keeps the pages rendered now whose
    # bodies are the last build's (Reuse.rendered, once their versions are known).
    reuse: Reuse | None = None


def build_date(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The date a build is given (UTC): SOURCE_DATE_EPOCH's, so that a build can be
    repeated exactly, else today's. Needs expire by it; pages say "as of" it."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit() and len(epoch) <= 12
        else datetime.datetime.now(datetime.UTC)
    )
    return moment.date()


@dataclass(frozen=True)
class Settings:
    repo_url: str | None = None  # where the records are developed, for OKH `repo`
    branch: str = "main"
    # Where the site is published, ending in "/": absolute addresses of its pages and files
    # in the OKH manifests (the API's addresses stay relative to the site's root).
    site_url: str | None = None
    # The day the site is built as of: which needs are open, and how long they have left.
    as_of: datetime.date = field(default_factory=build_date)

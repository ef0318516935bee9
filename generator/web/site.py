"""What the render stage produces: pages, generated texts and files to copy, resize or pack.

Pages are named by their source path (`design/face-shield.md`); another site builder
could take the same output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    html: str  # safe HTML body
    toc: tuple[Heading, ...] = ()
    in_nav: bool = False
    search: bool = True  # whether the search index includes it
    # Pages of cards and wide tables take the whole width: no side navigation or contents.
    wide: bool = False


@dataclass(frozen=True)
class ImageJob:
    source: Path
    width: int  # the image is scaled down to this width and written as WebP


@dataclass(frozen=True)
class Archive:
    """A zip to make: (name in the zip, file to read or text to write), in this order."""

    entries: tuple[tuple[str, Path | str], ...]


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    images: dict[str, ImageJob] = field(default_factory=dict)
    meshes: dict[str, Path] = field(default_factory=dict)  # mesh script -> STL
    archives: dict[str, Archive] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    repo_url: str | None = None  # where the records are developed, for OKH `repo`
    branch: str = "main"
    # Where the site is published, ending in "/": absolute addresses of its pages and files
    # in the OKH manifests (the API's addresses stay relative to the site's root).
    site_url: str | None = None

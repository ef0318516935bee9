"""Shared pieces of the site tests: the fixture catalogue, an analysis in the runner's
shape, and a checker of links between generated pages and files."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.build import PROJECT
from generator.render import Site, page_url

ASSETS = PROJECT / "generator" / "assets"


def clip_analysis(preview: Path | None = None) -> dict[str, Any]:
    """What the analysis runner reports for the fixture's clip (values made up for tests)."""
    analysis: dict[str, Any] = {
        "faces": 1204,
        "bodies": 1,
        "watertight": True,
        "volume_cm3": 4.2,
        "size_mm": [40.0, 12.5, 8.0],
        "overhang_area_mm2": 31.5,
        "verdict": "printable",
        "reasons": ["fits the Fixture printer (200 x 200 x 200 mm)", "walls at least 0.8 mm"],
        "materials": {
            "test-plastic": {
                "filament_g": 3.9,
                "filament_m": 1.31,
                "print_time_min": 27,
                "profile": "fixture-printer",
            }
        },
    }
    if preview is not None:
        analysis["preview"] = str(preview)
    return analysis


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.targets.append(value)


def parse_links(document: str) -> tuple[list[str], set[str]]:
    parser = _Links()
    parser.feed(document)
    return parser.targets, parser.ids


def broken_links(site: Site) -> list[str]:
    """Relative links of every page that lead to no generated page, file or anchor."""
    ids = {page_url(p.path): parse_links(p.html)[1] for p in site.pages}
    files = set(ids) | set(site.texts) | set(site.copies) | set(site.images)
    files |= set(site.meshes) | set(site.archives)
    files |= {f"assets/makelocal/{p.relative_to(ASSETS).as_posix()}" for p in ASSETS.rglob("*")}
    broken = []
    for page in site.pages:
        here = page_url(page.path)
        for target in parse_links(page.html)[0]:
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                continue  # an outside address (only https, checked elsewhere)
            address, _, fragment = target.partition("#")
            resolved = (
                posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(address)))
                if address
                else here
            )
            if resolved not in files:
                broken.append(f"{here}: {target}")
            elif "=" not in fragment and fragment and fragment not in ids.get(resolved, {fragment}):
                broken.append(f"{here}: {target} (no such anchor)")
    return broken

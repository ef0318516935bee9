"""Shared pieces of the site tests: the fixture catalogue, an analysis in the runner's
shape, a checker of links between generated pages and files, and a browser tab that
records console errors and requests to other hosts."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from generator.analysis.options import PartOptions
from generator.analysis.part import analyse_mesh
from generator.analysis.results import ANALYSER_VERSION, AnalysedFile, PartAnalysis
from generator.records.catalog import Catalog
from generator.records.stl import read_triangles
from generator.web.build import PROJECT
from generator.web.links import page_url
from generator.web.site import Site

ASSETS = PROJECT / "generator" / "web" / "assets"


def clip_analysis(catalog: Catalog) -> PartAnalysis:
    """The analysis of the fixture's clip, as the analysis stage makes it (without a
    preview picture)."""
    design = catalog.designs["test-clip"]
    part = design.data["parts"][0]
    triangles = read_triangles(design.folder / part["file"])
    process = catalog.processes[part["process"]].data
    materials = {m: catalog.materials[m].data for m in part["materials"]}
    return PartAnalysis(
        analysed=AnalysedFile(
            file=f"designs/test-clip/{part['file']}",
            design="test-clip",
            part=part["id"],
            quantity=part["quantity"],
            sha256="0" * 64,
            analyser_version=ANALYSER_VERSION,
        ),
        analysis=analyse_mesh(triangles, process, materials, PartOptions.of(part, design.data)),
        seconds=0.1,
    )


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
    files |= set(site.meshes) | set(site.archives) | set(site.patterns)
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


class Watched:
    """A page whose console errors and requests to other hosts are recorded."""

    def __init__(self, browser: Any, allowed: tuple[str, ...], **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.context.add_init_script("window.__pwn = () => { window.__pwned = true; };")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))
        self.page.on(
            "request",
            lambda r: None if r.url.startswith(allowed) else self.outside.append(r.url),
        )

    def check(self) -> None:
        assert self.errors == []
        assert self.outside == []
        assert self.page.evaluate("window.__pwned === undefined")
        self.context.close()


def data_file(text: str) -> tuple[str, Any]:
    """The name and data of a data file of the site's scripts (`MAKELOCAL_DATA(name, data);`)."""
    name, data = json.loads("[" + text.strip().removeprefix("MAKELOCAL_DATA(")[:-2] + "]")
    return name, data


# The start of a script reading the 3D view's pixels: `copy` (a canvas holding what the
# view draws) and `pixels` (its RGBA bytes).
VIEWER_PIXELS = """() => {
  const canvas = document.querySelector("canvas.ml-viewer");
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.getContext("2d").drawImage(canvas, 0, 0);
  const pixels = copy.getContext("2d").getImageData(0, 0, copy.width, copy.height).data;
"""

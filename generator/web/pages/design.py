"""A design's page, with everything it publishes: parts, sources, photos, previews, the
mesh for the 3D viewer, printable patterns of its flat parts, the Open Know-How manifest
and the zip of the whole folder.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from generator.analysis.results import PartAnalysis
from generator.makeit import repairability
from generator.makeit.inputs import named_alternatives
from generator.records import alternatives, evidence
from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of, process_choices
from generator.web import match_page as render_match
from generator.web.i18n import _
from generator.web.incremental import Reuse
from generator.web.index import Index, thumb_source
from generator.web.jinja import headings, render_template
from generator.web.links import Links, preview_file, thumb_file
from generator.web.okh import okh_manifest
from generator.web.origin import origin_view
from generator.web.pages.needs import need_view
from generator.web.patterns import PAPERS, fits, page_count
from generator.web.site import (
    Archive,
    Heading,
    ImageJob,
    Page,
    PatternJob,
    PatternPart,
    Settings,
    Site,
)
from generator.web.summary import summary
from generator.web.translated import RecordTranslation, TranslationOf, plain

Rendering = Literal["now", "later", "kept"]

# Sizes images are made at, in CSS pixels (x2 would double their weight for little gain).
THUMB_WIDTH = 320


PREVIEW_WIDTH = 480


PHOTO_WIDTH = 480


def make_report_address(design_id: str, settings: Settings, links: Links) -> str:
    """Where a maker reports making the design: the repository's issue form, with the
    design filled in, when the build knows the repository; else the contribute page."""
    if settings.repo_url:
        query = urlencode({"template": "report-make.yml", "design": design_id})
        return f"{settings.repo_url}/issues/new?{query}"
    return links.to("contribute.md")


def design_page(
    index: Index,
    design: Record,
    settings: Settings,
    site: Site,
    translated: TranslationOf | None = None,
    how: Rendering = "now",
    reuse: Reuse | None = None,
) -> Page:
    """The design's page, and the files it publishes added to `site`. Its body is rendered
    `how`: "now"; "later", when the page is written (a build holds no more than one design
    page's body at a time); or "kept" (not at all: the page written last time is the same,
    generator.web.incremental). Its OKH manifest is the last build's while `reuse` says
    the design is unchanged; a kept page whose files and manifest the last build made
    takes them as they are, without working anything out."""
    data = data_of(design)
    path = f"design/{design.id}.md"
    base = f"design/{design.id}"
    title, description = str(data.get("title", design.id)), str(data.get("summary", ""))
    okh_path = f"{base}/okh.toml"
    kept = reuse.files(design.id) if reuse is not None and how == "kept" else None
    if kept is not None and reuse is not None and reuse.kept(okh_path, design.id):
        # Its files and manifest too are the last build's: nothing to work out.
        site.kept_texts.append(okh_path)
        site.made.update(kept)
        site.design_files[design.id] = list(kept)
        return Page(path, title, description, "", kept=True)
    make_okh = partial(okh_manifest, index, design, settings)
    okh = reuse.text(okh_path, design.id, make_okh) if reuse else make_okh()
    site.texts[okh_path] = okh
    own = Site()  # the files this page publishes
    links = Links(path)
    parts = _parts(index, design, links, own)
    sources = _sources(design, links, own)
    photos = _photos(design, links, own)
    makes = _makes(index, design, links, own)
    thumb = thumb_source(design, index)
    if thumb is not None:
        own.images[thumb_file(design.id)] = ImageJob(thumb, THUMB_WIDTH)
    patterns = pattern_jobs(index, design)
    own.patterns.update({f"{base}/{name}": job for name, job in patterns.items()})
    archive = f"{base}/{design.id}.zip"
    own.archives[archive] = design_archive(index, design, okh, patterns)
    _publish(site, own, design.id)
    shown = translated("design", design.id) if translated else None

    def body() -> str:
        return _body(index, design, settings, path, parts, sources, photos, makes, patterns, shown)

    if how == "kept":  # neither rendered nor written: no body, no contents
        return Page(path, title, description, "", kept=True)
    html: str | Callable[[], str] = body() if how == "now" else body
    return Page(path, title, description, html, _contents(index, design, parts, makes))


def _publish(site: Site, own: Site, design_id: str) -> None:
    """The files a design's page publishes (`own`) added to the site's, as the design's."""
    site.copies.update(own.copies)
    site.images.update(own.images)
    site.meshes.update(own.meshes)
    site.patterns.update(own.patterns)
    site.archives.update(own.archives)
    site.design_files[design_id] = [
        *own.copies,
        *own.images,
        *own.meshes,
        *own.patterns,
        *own.archives,
    ]


def _contents(
    index: Index, design: Record, parts: list[dict[str, Any]], makes: list[dict[str, Any]]
) -> tuple[Heading, ...]:
    """The headings of a design's page, for its table of contents."""
    data = data_of(design)
    family = index.lineages[design.id]
    return headings(
        (2, "about", _("About")),
        (2, "evidence", _("Maturity and evidence")),
        (2, "makes", _("Make reports")) if makes else None,
        (2, "parts", _("Parts and analysis")),
        *[(3, f"part-{p['data']['id']}", str(p["data"]["name"])) for p in parts],
        (2, "needs", _("Open needs")) if index.needs_by_design.get(design.id) else None,
        (2, "who-can-make", _("Who can make it")),
        (2, "bill-of-materials", _("Bill of materials")) if data.get("bill_of_materials") else None,
        (2, "tools", _("Tools")) if data.get("tools") else None,
        (2, "instructions", _("Instructions")),
        (2, "repair", _("Repair")),
        (2, "safety", _("Safety")),
        (2, "lineage", _("Lineage")) if family.parents or family.children else None,
        (2, "downloads", _("Downloads")),
    )


def _body(
    index: Index,
    design: Record,
    settings: Settings,
    path: str,
    parts: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    photos: list[dict[str, Any]],
    makes: list[dict[str, Any]],
    patterns: dict[str, PatternJob],
    translation: RecordTranslation | None,
) -> str:
    """The HTML of a design's page (its files are already added to the site), with what a
    reader is told of its `translation`, if it is one."""
    data = data_of(design)
    links = Links(path)
    base = f"design/{design.id}"
    thumb = thumb_source(design, index)
    archive = f"{base}/{design.id}.zip"
    family = index.lineages[design.id]
    return render_template(
        "design.html",
        path,
        index,
        design=design,
        data=data,
        translation=translation,
        parts=parts,
        part_names={p["data"]["id"]: str(p["data"].get("name") or p["data"]["id"]) for p in parts},
        process_choices=process_choices(parts_of(data)),
        sources=sources,
        photos=photos,
        archive=links.to(archive),
        okh=links.to(f"{base}/okh.toml"),
        patterns=[
            {
                "url": links.to(f"{base}/{name}"),
                "paper": PAPERS[job.paper].name,
                "pages": page_count(job.parts, job.paper),
            }
            for name, job in patterns.items()
        ],
        makes=makes,
        ladder=index.ladders[design.id],
        who_can_make=render_match.who_can_make_html(
            index.who_can_make.get(design.id, []), index.match_makers, links.to
        ),
        rungs={rung.id: rung for rung in evidence.RUNGS},
        repair_score=repairability.score(data),
        summary=summary(index, design),
        hero=_hero(photos, parts),
        thumb=links.to(thumb_file(design.id)) if thumb is not None else None,
        criteria=repairability.CRITERIA,
        family=family,
        needs=[need_view(index, n, links) for n in index.needs_by_design.get(design.id, [])],
        origin=origin_view(data.get("origin")),
        make_report=make_report_address(design.id, settings, links),
    )


def _parts(index: Index, design: Record, links: Links, site: Site) -> list[dict[str, Any]]:
    """Each part with its analysis, files to publish and alternatives; a part and its
    alternatives are listed together, the ones after the first with "or"."""
    base = f"design/{design.id}"
    listed = parts_of(data_of(design))
    parts = []
    for group in alternatives.groups(listed):
        for position, i in enumerate(group):
            part = listed[i]
            result = index.analysis(design.id, part["id"])
            entry: dict[str, Any] = {
                "data": part,
                "analysis": result,
                # The figures of an analysed part; None for one that could not be analysed.
                "figures": result.analysis if isinstance(result, PartAnalysis) else None,
                "preview": None,
                "mesh": None,
                "or": position > 0,
                "alternatives": [listed[j] for j in named_alternatives(group, position)],
            }
            if part.get("file"):
                site.copies[f"{base}/{part['file']}"] = design.folder / part["file"]
                entry["download"] = links.to(f"{base}/{part['file']}")
            if str(part.get("file", "")).lower().endswith(".stl"):  # the viewer shows meshes
                mesh = f"mesh/{design.id}.{part['id']}.js"
                site.meshes[mesh] = design.folder / part["file"]
                entry["mesh"] = links.to(mesh)
            picture = index.preview(design.id, part["id"])
            if picture is not None:
                preview = preview_file(design.id, part["id"])
                site.images[preview] = ImageJob(picture, PREVIEW_WIDTH)
                entry["preview"] = links.to(preview)
            parts.append(entry)
    return parts


def _hero(photos: list[dict[str, Any]], parts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's first picture: a photo of the made thing, else the first part's view."""
    if photos:
        return {"url": photos[0]["url"], "caption": photos[0]["caption"]}
    for part in parts:
        if part["preview"]:
            caption = _("Rendered view of %(part)s", part=plain(part["data"]["name"]))
            return {"url": part["preview"], "caption": caption}
    return None


def _sources(design: Record, links: Links, site: Site) -> list[dict[str, Any]]:
    base = f"design/{design.id}"
    sources = []
    for source in data_of(design).get("sources") or []:
        site.copies[f"{base}/{source['file']}"] = design.folder / source["file"]
        sources.append({**source, "url": links.to(f"{base}/{source['file']}")})
    return sources


def _photos(design: Record, links: Links, site: Site) -> list[dict[str, Any]]:
    photos = []
    for number, image in enumerate(data_of(design).get("images") or []):
        target = f"photo/{design.id}.{number + 1}.webp"
        site.images[target] = ImageJob(design.folder / image["file"], PHOTO_WIDTH)
        photos.append({"url": links.to(target), "caption": image["caption"]})
    return photos


def _makes(index: Index, design: Record, links: Links, site: Site) -> list[dict[str, Any]]:
    """The design's make reports, each with its photos."""
    makes = []
    for make_id, make in index.makes_by_design.get(design.id, {}).items():
        folder = index.makes[make_id].files_folder
        photos = []
        for number, image in enumerate(make.get("photos") or []):
            target = f"photo/{design.id}.{make_id}.{number + 1}.webp"
            site.images[target] = ImageJob(folder / image["file"], THUMB_WIDTH)
            photos.append({"url": links.to(target), "caption": image["caption"]})
        makes.append({"id": make_id, "data": make, "photos": photos})
    return makes


def pattern_jobs(index: Index, design: Record) -> dict[str, PatternJob]:
    """The printable patterns of a design's flat parts (read from 1:1 outlines), one PDF a
    paper size, by file name; none for a design without such parts."""
    parts = []
    for part in parts_of(data_of(design)):
        result = index.analysis(design.id, part["id"])
        flat = result.analysis.flat if isinstance(result, PartAnalysis) else None
        if flat is None or not part.get("file") or not fits(flat.outline_size_mm):
            continue
        parts.append(
            PatternPart(
                source=design.folder / part["file"],
                units=part.get("units"),
                name=str(part.get("name", part["id"])),
                note=str(part.get("orientation") or f"Cut {part.get('quantity', 1)}"),
                size_mm=flat.outline_size_mm,
                seam_mm=flat.seam_allowance_mm,
            )
        )
    if not parts:
        return {}
    title = str(data_of(design).get("title", design.id))
    return {
        f"{design.id}-pattern-{paper}.pdf": PatternJob(title, paper, tuple(parts))
        for paper in PAPERS
    }


def design_archive(
    index: Index, design: Record, okh: str, patterns: dict[str, PatternJob] | None = None
) -> Archive:
    """Every file of a design folder in one zip, under a folder named after it, plus its
    manifest and printable patterns. Symbolic links are left out (the validator reports
    them)."""
    listing = index.catalog.design_files.get(design.display, {})
    entries: list[tuple[str, Path | str | PatternJob]] = [
        (f"{design.id}/{name}", design.folder / name)
        for name, entry in sorted(listing.items())
        if not entry.symlink and name != "okh.toml"
    ]
    entries.append((f"{design.id}/okh.toml", okh))
    entries.extend((f"{design.id}/{name}", job) for name, job in (patterns or {}).items())
    return Archive(tuple(entries))

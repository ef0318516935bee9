"""Render stage: records and analyses in, site content out. A pure function.

`render_site` turns a validated catalogue, the analysis of every part and a few settings
into a `Site`: HTML page bodies with their titles (plain text: whoever writes them into a
page escapes them), generated text files (JSON API, OKH manifests, script data), and lists
of files to copy, resize, convert or pack. It reads no file and imports nothing from MkDocs,
so another site builder could take the same output.

Pages are named by their source path (`design/face-shield.md`); links between pages are
relative `.html` addresses, so the site works from a local folder or USB stick.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pycountry
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.checks.licences import OPEN_LICENCES
from generator.makeit import matching, repairability
from generator.records import alternatives, evidence, lineage
from generator.records.catalog import Catalog, Record
from generator.web import match_page as render_match
from generator.web.markup import markdown, markdown_document, safe_url, script_json

# Sizes images are made at, in CSS pixels (x2 would double their weight for little gain).
THUMB_WIDTH = 320
PREVIEW_WIDTH = 480
PHOTO_WIDTH = 480
# Record pages list this many related designs, then link to the filtered gallery.
RELATED_LIMIT = 48
NEWEST_COUNT = 6
GALLERY_STATIC = 24
# The analysis runner's file of a part's preview picture, and what the site never publishes
# from an analysis: where the runner's cache is on the building machine, and how long the
# analysis took (it differs between runs, and the site must build byte for byte the same).
PREVIEW_KEY = "preview_png"
UNPUBLISHED = {PREVIEW_KEY, "seconds"}

KINDS = {
    "biomaterial": ("biomaterials", "Biomaterials"),
    "recycled-feedstock": ("recycled-feedstocks", "Recycled feedstocks"),
    "reference-material": ("reference-materials", "Reference materials"),
}
KIND_INTROS = {
    "biomaterial": "Fibres, crop residues, fungal and starch materials that grow where they "
    "are used.",
    "recycled-feedstock": "Plastics recovered from local waste, with how to identify, clean "
    "and process them.",
    "reference-material": "Common virgin materials, listed so that local alternatives can be "
    "compared with them.",
}
CATEGORIES = {
    "ppe": "Personal protective equipment",
    "hygiene": "Hygiene",
    "water-and-sanitation": "Water and sanitation",
    "medical": "Medical",
    "household": "Household",
    "repair-part": "Repair parts",
    "tooling": "Tooling",
    "test-specimen": "Test specimens",
    "agriculture": "Agriculture",
    "education": "Education",
}
MATURITY = {
    "concept": ("Concept", "drawn, never made"),
    "prototype": ("Prototype", "made by its author"),
    "tested": ("Tested", "made and used by others"),
    "production": ("Production", "made in numbers"),
}
VERDICTS = {
    "ready": "Ready to make",
    "needs-attention": "Needs attention",
    "not-printable": "Cannot be made as it is",
    "unreadable": "The file cannot be read",
    "not-analysed": "Not analysed",
}
EVIDENCE = {
    "self-tested": "Tested by its author",
    "independently-made": "Made independently",
    "lab-tested": "Laboratory test",
    "expert-reviewed": "Expert review",
}
FASTENERS = {
    "none-needed": "none needed",
    "reusable": "reusable",
    "removable": "removable",
    "permanent": "permanent",
}
REPAIR_TOOLS = {
    "none": "no tools",
    "basic": "basic tools",
    "commercially-available": "commercially available tools",
    "specialised": "specialised tools",
    "not-possible": "cannot be opened",
}
SKILL = {
    "layperson": "anyone",
    "generalist": "a handy person",
    "expert": "an expert",
    "manufacturer": "the manufacturer only",
}
ORIGINS = {
    "crop": "Crop",
    "crop-residue": "Crop residue",
    "agro-industrial-waste": "Agro-industrial waste",
    "wild-plant": "Wild plant",
    "fungal": "Fungal",
    "post-consumer-waste": "Post-consumer waste",
    "post-industrial-waste": "Post-industrial waste",
    "virgin-synthetic": "Virgin synthetic",
    "bio-based-synthetic": "Bio-based synthetic",
}
PROPERTY_NAMES = {
    "density": "Density",
    "melting_temperature": "Melting temperature",
    "glass_transition_temperature": "Glass transition temperature",
    "decomposition_temperature": "Decomposition temperature",
    "tensile_strength": "Tensile strength",
    "tensile_modulus": "Tensile modulus",
    "elongation_at_break": "Elongation at break",
    "water_absorption": "Water absorption",
    "moisture_content": "Moisture content",
    "shrinkage": "Mould shrinkage",
    "cellulose_content": "Cellulose content",
    "lignin_content": "Lignin content",
    "fibre_diameter": "Fibre diameter",
    "fibre_length": "Fibre length",
    "price": "Price",
}
RULE_NAMES = {
    "min_wall": "Minimum wall",
    "max_wall": "Maximum wall",
    "max_overhang": "Maximum overhang (from vertical)",
    "draft_angle": "Draft angle",
    "max_bridge": "Maximum bridge",
    "min_feature": "Minimum feature",
    "min_hole": "Minimum hole",
    "clearance": "Clearance",
}
ANALYSIS_MODELS = {
    "fdm": "estimated by slicing perimeters, shells and infill",
    "solid": "the part's full volume (a moulded shot or pressed charge)",
    "sheet": "not estimated from the mesh (sheet material)",
    "none": "not estimated from the mesh",
}
STATUS_NAMES = {
    "low": "low",
    "medium": "medium",
    "high": "high",
    "biodegradable": "biodegradable",
    "industrially-compostable": "industrially compostable",
    "not-biodegradable": "not biodegradable",
    "suitable": "suitable",
    "suitable-virgin-only": "suitable when virgin only",
    "not-recommended": "not recommended",
    "unsuitable": "unsuitable",
}
HAZARDS = {
    "fumes": "fumes",
    "toxic-gas": "toxic gas",
    "dust": "dust",
    "burns": "burns",
    "fire": "fire",
    "sharp-edges": "sharp edges",
    "skin-irritation": "skin irritation",
    "mould-growth": "mould growth",
    "chemical": "chemicals",
}
# Processes whose parts OKH calls 3D printed ("3DP") or laser cut ("LAS").
OKH_TSDC = {"additive": "3DP"}
OKH_TSDC_BY_ID = {"laser-cutting": "LAS"}
# Design maturity as an Open Know-How technology readiness level (OTRL-1..6).
OKH_OTRL = {"concept": "OTRL-3", "prototype": "OTRL-4", "tested": "OTRL-4", "production": "OTRL-5"}


@dataclass(frozen=True)
class Pillar:
    title: str
    text: str
    links: tuple[tuple[str, str], ...]  # (page, label)


PILLARS: dict[str, Pillar] = {
    "flexibility": Pillar(
        "Flexibility",
        "Designs that can be made by more than one process, in more than one material, "
        "on the machines a workshop already has.",
        (("processes.md", "Processes and their design rules"), ("designs.md", "All designs")),
    ),
    "collaboration": Pillar(
        "Collaboration",
        "Open records anyone can correct and extend, and makers who can make a design nearby.",
        (("contribute.md", "How to contribute"), ("makers.md", "Makers")),
    ),
    "local-materials": Pillar(
        "Local materials",
        "Materials that grow or are thrown away where they are needed: fibres, crop "
        "residues and plastic waste.",
        (
            ("biomaterials.md", "Biomaterials"),
            ("recycled-feedstocks.md", "Recycled feedstocks"),
        ),
    ),
    "human-potential": Pillar(
        "Human potential",
        "Know-how people can learn and use: step-by-step instructions and the makers who "
        "already do it.",
        (("makers.md", "Makers and their stories"), ("contribute.md", "Share what you know")),
    ),
    "retention-of-value": Pillar(
        "Retention of value",
        "Products that can be repaired, with spare parts to print, from materials that "
        "keep their value when recycled.",
        (("recycled-feedstocks.md", "Recycled feedstocks"), ("designs.md", "All designs")),
    ),
    "transparency-and-visibility": Pillar(
        "Transparency and visibility",
        "Every value with its source, every analysis shown, and all data open for other "
        "tools to read.",
        (("open-data.md", "Open data and manifests"), ("materials.md", "Sourced material data")),
    ),
}


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


# --- helpers ---------------------------------------------------------------------------


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


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def minutes(value: float) -> str:
    """`47 min` or `3 h 05 min`."""
    whole = round(value)
    return f"{whole} min" if whole < 60 else f"{whole // 60} h {whole % 60:02d} min"


def quantity(entry: Mapping[str, Any]) -> str:
    """`1.38 g/cm3` or `160-180 °C`."""
    if "value" in entry:
        amount = number(entry["value"])
    else:
        amount = f"{number(entry.get('min'))}\u2013{number(entry.get('max'))}"
    return f"{amount} {entry.get('unit', '')}".strip()


def country_name(code: str) -> str:
    """`Nigeria` for `NG` (ISO 3166-1, its common name where it has one)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def licence_name(expression: str) -> str:
    return OPEN_LICENCES.get(expression, expression)


def licence_url(expression: str) -> str | None:
    return f"https://spdx.org/licenses/{expression}.html" if expression in OPEN_LICENCES else None


def _data(record: Record) -> dict[str, Any]:
    return record.data if isinstance(record.data, dict) else {}


def _created(record: Record) -> str:
    created = _data(record).get("created")
    return created if isinstance(created, str) else ""


def _newest_first(designs: Iterable[Record]) -> list[Record]:
    ordered = sorted(designs, key=lambda r: r.id)
    return sorted(ordered, key=_created, reverse=True)


# --- relations between records ----------------------------------------------------------


@dataclass
class Index:
    """The catalogue with its cross references, built once."""

    catalog: Catalog
    analyses: Mapping[str, Mapping[str, Any]]
    materials: dict[str, Record] = field(default_factory=dict)
    processes: dict[str, Record] = field(default_factory=dict)
    designs: dict[str, Record] = field(default_factory=dict)
    makers: dict[str, Record] = field(default_factory=dict)
    makes: dict[str, Record] = field(default_factory=dict)
    makes_by_design: dict[str, dict[str, Any]] = field(default_factory=dict)
    makes_by_maker: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lineages: dict[str, lineage.Lineage] = field(default_factory=dict)
    ladders: dict[str, evidence.Ladder] = field(default_factory=dict)
    match_catalogue: matching.Catalogue | None = None
    match_makers: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    who_can_make: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    designs_by_material: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_maker: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_category: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    makers_by_material: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    makers_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    materials_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def analysis(self, design: str, part: str) -> Mapping[str, Any] | None:
        return self.analyses.get(f"{design}/{part}")

    def published_analysis(self, design: str, part: str) -> dict[str, Any] | None:
        analysis = self.analysis(design, part)
        if analysis is None:
            return None
        return {k: v for k, v in analysis.items() if k not in UNPUBLISHED}

    def material_name(self, material_id: str) -> str:
        record = self.materials.get(material_id)
        return str(_data(record).get("name", material_id)) if record else material_id

    def process_name(self, process_id: str) -> str:
        record = self.processes.get(process_id)
        return str(_data(record).get("name", process_id)) if record else process_id


def build_index(catalog: Catalog, analyses: Mapping[str, Mapping[str, Any]]) -> Index:
    index = Index(catalog, analyses)
    tables = {
        "material": index.materials,
        "process": index.processes,
        "design": index.designs,
        "maker": index.makers,
        "make": index.makes,
    }
    for record in sorted(catalog.records, key=lambda r: (r.type, r.id)):
        if record.type in tables:
            tables[record.type][record.id] = record
    for design in _newest_first(index.designs.values()):
        data = _data(design)
        for material in design_materials(data):
            index.designs_by_material[material].append(design.id)
        for process in design_processes(data):
            index.designs_by_process[process].append(design.id)
        for author in data.get("authors") or []:
            if isinstance(author, dict) and author.get("maker"):
                index.designs_by_maker[author["maker"]].append(design.id)
        for pillar in data.get("pillars") or []:
            index.designs_by_pillar[pillar].append(design.id)
        index.designs_by_category[str(data.get("category"))].append(design.id)
    index.makes_by_design = evidence.makes_by_design((m.id, _data(m)) for m in index.makes.values())
    index.lineages = lineage.lineages({d.id: _data(d) for d in index.designs.values()})
    index.ladders = {
        d.id: evidence.ladder(_data(d), index.makes_by_design.get(d.id, {}))
        for d in index.designs.values()
    }
    index.match_catalogue, index.match_makers = render_match.match_inputs(
        catalog, analyses, visible_maker
    )
    index.who_can_make = matching.who_can_make(index.match_catalogue, index.match_makers)
    for make in index.makes.values():
        by = _data(make).get("by") or {}
        if isinstance(by, dict) and by.get("maker"):
            index.makes_by_maker[by["maker"]].append(make.id)
    for maker in index.makers.values():
        shown = visible_maker(_data(maker))
        for material in shown.get("materials") or []:
            index.makers_by_material[material].append(maker.id)
        for process in shown.get("processes") or []:
            index.makers_by_process[process].append(maker.id)
    for material in index.materials.values():
        for process in sorted(matching.suited_processes(_data(material))):
            index.materials_by_process[process].append(material.id)
    return index


def parts_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [p for p in data.get("parts") or [] if isinstance(p, dict)]


def design_processes(data: Mapping[str, Any]) -> list[str]:
    """The processes a design's parts name, sorted, each once."""
    return sorted({p["process"] for p in parts_of(data) if p.get("process")})


def design_materials(data: Mapping[str, Any]) -> list[str]:
    """The materials a design's parts name, sorted, each once."""
    return sorted({m for p in parts_of(data) for m in p.get("materials") or []})


def process_choices(parts: list[dict[str, Any]]) -> list[list[str]]:
    """The processes a design needs, each set of alternatives a choice among its parts'
    processes (shown joined by "or"); a choice that a process needed anyway already
    meets is left out."""
    choices: list[list[str]] = []
    for group in alternatives.groups(parts):
        processes = (parts[i].get("process") for i in group)
        options = sorted({p for p in processes if isinstance(p, str)})
        if options and options not in choices:
            choices.append(options)
    needed = {c[0] for c in choices if len(c) == 1}
    return sorted(c for c in choices if len(c) == 1 or not needed & set(c))


MAKER_OPTIONAL = ("region", "machines", "materials", "capacity")


def visible_maker(data: Mapping[str, Any]) -> dict[str, Any]:
    """A maker's record as it may be published: without `visible`, every field is shown;
    with it, only the optional details it lists."""
    if "visible" not in data:
        return dict(data)
    allowed = set(data.get("visible") or [])
    return {k: v for k, v in data.items() if k not in MAKER_OPTIONAL or k in allowed}


# --- templates ----------------------------------------------------------------------------


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.web", "templates/pages"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["md"] = markdown
    env.filters["https"] = safe_url
    env.filters["quantity"] = quantity
    env.filters["number"] = number
    env.filters["minutes"] = minutes
    env.filters["country"] = country_name
    env.globals.update(
        CATEGORIES=CATEGORIES,
        MATURITY=MATURITY,
        VERDICTS=VERDICTS,
        EVIDENCE=EVIDENCE,
        FASTENERS=FASTENERS,
        REPAIR_TOOLS=REPAIR_TOOLS,
        SKILL=SKILL,
        ORIGINS=ORIGINS,
        PROPERTY_NAMES=PROPERTY_NAMES,
        RULE_NAMES=RULE_NAMES,
        ANALYSIS_MODELS=ANALYSIS_MODELS,
        STATUS_NAMES=STATUS_NAMES,
        HAZARDS=HAZARDS,
        PILLARS=PILLARS,
        KINDS=KINDS,
        licence_name=licence_name,
        country_name=country_name,
        licence_url=licence_url,
    )
    return env


_ENV = _environment()


class Links:
    """Relative addresses from one page to the others."""

    def __init__(self, page: str) -> None:
        self.page = page

    def to(self, target: str) -> str:
        return relative(self.page, target)

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


def _render(template: str, page: str, index: Index, **context: Any) -> str:
    return _ENV.get_template(template).render(
        links=Links(page), index=index, root="../" * page.count("/"), **context
    )


def _card(index: Index, design: Record, links: Links) -> dict[str, Any]:
    data = _data(design)
    thumb = thumb_path(design, index)
    return {
        "id": design.id,
        "url": links.design(design.id),
        "title": data.get("title", design.id),
        "summary": data.get("summary", ""),
        "image": links.to(thumb) if thumb else None,
        "processes": design_processes(data),
        "materials": design_materials(data),
        "maturity": data.get("maturity", ""),
        "evidence": index.ladders[design.id].label,
        "licence": data.get("licence", ""),
        "category": data.get("category", ""),
    }


# Pictures and meshes made for the site live in a few shared folders, named
# <design>.<part> (ids have no dots), rather than in each design's folder: fewer folders
# make a faster build (every folder of the old site is removed first).
def thumb_file(design_id: str) -> str:
    return f"thumb/{design_id}.webp"


def preview_file(design_id: str, part_id: str) -> str:
    return f"preview/{design_id}.{part_id}.webp"


def thumb_path(design: Record, index: Index) -> str | None:
    """Where the card image of a design is published, if it has one."""
    return thumb_file(design.id) if _thumb_source(design, index) is not None else None


def _thumb_source(design: Record, index: Index) -> Path | None:
    """The card image of a design: a preview of its first part, else its first photo."""
    for part in parts_of(_data(design)):
        analysis = index.analysis(design.id, part.get("id", ""))
        if analysis and analysis.get(PREVIEW_KEY):
            return Path(str(analysis[PREVIEW_KEY]))
    images = _data(design).get("images") or []
    return design.folder / images[0]["file"] if images else None


# --- pages --------------------------------------------------------------------------------


def _headings(*items: tuple[int, str, str] | None) -> tuple[Heading, ...]:
    return tuple(Heading(*item) for item in items if item)


def design_page(index: Index, design: Record, settings: Settings, site: Site) -> Page:
    data = _data(design)
    path = f"design/{design.id}.md"
    links = Links(path)
    base = f"design/{design.id}"
    listed = parts_of(data)
    parts = []
    # A part and its alternatives are listed together, the ones after the first with "or".
    for group in alternatives.groups(listed):
        for i in group:
            part = listed[i]
            raw = index.analysis(design.id, part["id"]) or {}
            entry: dict[str, Any] = {
                "data": part,
                "analysis": index.published_analysis(design.id, part["id"]),
                "preview": None,
                "mesh": None,
                "or": i != group[0],
                "alternatives": [listed[j] for j in group if j != i],
            }
            if part.get("file"):
                site.copies[f"{base}/{part['file']}"] = design.folder / part["file"]
                mesh = f"mesh/{design.id}.{part['id']}.js"
                site.meshes[mesh] = design.folder / part["file"]
                entry["mesh"] = links.to(mesh)
                entry["download"] = links.to(f"{base}/{part['file']}")
            if raw.get(PREVIEW_KEY):
                preview = preview_file(design.id, part["id"])
                site.images[preview] = ImageJob(Path(str(raw[PREVIEW_KEY])), PREVIEW_WIDTH)
                entry["preview"] = links.to(preview)
            parts.append(entry)
    sources = []
    for source in data.get("sources") or []:
        site.copies[f"{base}/{source['file']}"] = design.folder / source["file"]
        sources.append({**source, "url": links.to(f"{base}/{source['file']}")})
    photos = []
    for number_, image in enumerate(data.get("images") or []):
        target = f"photo/{design.id}.{number_ + 1}.webp"
        site.images[target] = ImageJob(design.folder / image["file"], PHOTO_WIDTH)
        photos.append({"url": links.to(target), "caption": image["caption"]})
    makes = []
    for make_id, make in index.makes_by_design.get(design.id, {}).items():
        folder = index.makes[make_id].path.with_suffix("")
        make_photos = []
        for number_, image in enumerate(make.get("photos") or []):
            target = f"photo/{design.id}.{make_id}.{number_ + 1}.webp"
            site.images[target] = ImageJob(folder / image["file"], THUMB_WIDTH)
            make_photos.append({"url": links.to(target), "caption": image["caption"]})
        makes.append({"id": make_id, "data": make, "photos": make_photos})
    thumb = _thumb_source(design, index)
    if thumb is not None:
        site.images[thumb_file(design.id)] = ImageJob(thumb, THUMB_WIDTH)
    okh = okh_manifest(index, design, settings)
    site.texts[f"{base}/okh.toml"] = okh
    archive = f"{base}/{design.id}.zip"
    site.archives[archive] = design_archive(index, design, okh)
    family = index.lineages[design.id]
    html = _render(
        "design.html",
        path,
        index,
        design=design,
        data=data,
        parts=parts,
        process_choices=process_choices(listed),
        sources=sources,
        photos=photos,
        archive=links.to(archive),
        okh=links.to(f"{base}/okh.toml"),
        makes=makes,
        ladder=index.ladders[design.id],
        who_can_make=render_match.who_can_make_html(
            index.who_can_make.get(design.id, []), index.match_makers, links.to
        ),
        rungs={rung.id: rung for rung in evidence.RUNGS},
        repair_score=repairability.score(data),
        criteria=repairability.CRITERIA,
        family=family,
    )
    toc = _headings(
        (2, "about", "About"),
        (2, "evidence", "Maturity and evidence"),
        (2, "makes", "Make reports") if makes else None,
        (2, "parts", "Parts and analysis"),
        *[(3, f"part-{p['data']['id']}", str(p["data"]["name"])) for p in parts],
        (2, "who-can-make", "Who can make it"),
        (2, "bill-of-materials", "Bill of materials") if data.get("bill_of_materials") else None,
        (2, "tools", "Tools") if data.get("tools") else None,
        (2, "instructions", "Instructions"),
        (2, "repair", "Repair"),
        (2, "safety", "Safety"),
        (2, "lineage", "Lineage") if family.parents or family.children else None,
        (2, "downloads", "Downloads"),
    )
    return Page(path, str(data.get("title", design.id)), str(data.get("summary", "")), html, toc)


def material_page(index: Index, material: Record) -> Page:
    data = _data(material)
    path = f"material/{material.id}.md"
    designs = index.designs_by_material.get(material.id, [])
    html = _render(
        "material.html",
        path,
        index,
        material=material,
        data=data,
        references=_reference_numbers(data),
        designs=[index.designs[d] for d in designs[:RELATED_LIMIT]],
        design_count=len(designs),
        makers=[index.makers[m] for m in index.makers_by_material.get(material.id, [])],
    )
    toc = _headings(
        (2, "about", "About"),
        (2, "properties", "Properties") if data.get("properties") else None,
        (2, "identification", "Identification") if data.get("identification") else None,
        (2, "preparation", "Preparation") if data.get("preparation") else None,
        (2, "processes", "Processes"),
        (2, "safety", "Safety"),
        (2, "designs", "Designs"),
        (2, "references", "References"),
    )
    return Page(path, str(data.get("name", material.id)), str(data.get("summary", "")), html, toc)


def process_page(index: Index, process: Record) -> Page:
    data = _data(process)
    path = f"process/{process.id}.md"
    designs = index.designs_by_process.get(process.id, [])
    html = _render(
        "process.html",
        path,
        index,
        process=process,
        data=data,
        references=_reference_numbers(data),
        materials=[index.materials[m] for m in index.materials_by_process.get(process.id, [])],
        designs=[index.designs[d] for d in designs[:RELATED_LIMIT]],
        design_count=len(designs),
        makers=[index.makers[m] for m in index.makers_by_process.get(process.id, [])],
    )
    toc = _headings(
        (2, "about", "About"),
        (2, "rules", "Design rules"),
        (2, "parameters", "Parameters") if data.get("parameters") else None,
        (2, "machines", "Machines") if data.get("machines") else None,
        (2, "safety", "Safety") if data.get("safety") else None,
        (2, "materials", "Materials"),
        (2, "designs", "Designs"),
        (2, "references", "References"),
    )
    return Page(path, str(data.get("name", process.id)), str(data.get("summary", "")), html, toc)


def maker_page(index: Index, maker: Record) -> Page:
    data = visible_maker(_data(maker))
    path = f"maker/{maker.id}.md"
    html = _render(
        "maker.html",
        path,
        index,
        maker=maker,
        data=data,
        references=_reference_numbers(data),
        designs=[index.designs[d] for d in index.designs_by_maker.get(maker.id, [])],
        makes=[index.makes[m] for m in index.makes_by_maker.get(maker.id, [])],
    )
    return Page(path, str(data.get("name", maker.id)), str(data.get("summary", "")), html)


def _reference_numbers(data: Mapping[str, Any]) -> dict[str, int]:
    return {
        r["id"]: n
        for n, r in enumerate(data.get("references") or [], start=1)
        if isinstance(r, dict) and "id" in r
    }


def home_page(index: Index) -> Page:
    path = "index.md"
    links = Links(path)
    newest = _newest_first(index.designs.values())[:NEWEST_COUNT]
    html = _render(
        "home.html",
        path,
        index,
        newest=[_card(index, d, links) for d in newest],
        pillar_counts={p: len(index.designs_by_pillar.get(p, [])) for p in PILLARS},
    )
    return Page(
        path,
        "MakeLocal",
        "Open materials and product designs for resilient local production.",
        html,
        in_nav=True,
        search=False,
    )


def gallery_page(index: Index) -> Page:
    path = "designs.md"
    links = Links(path)
    newest = _newest_first(index.designs.values())
    html = _render(
        "gallery.html",
        path,
        index,
        cards=[_card(index, d, links) for d in newest[:GALLERY_STATIC]],
        total=len(newest),
        facets=_facets(index),
    )
    return Page(path, "Designs", "Open designs to make locally.", html, in_nav=True, search=False)


def _facets(index: Index) -> dict[str, list[tuple[str, str]]]:
    """Filter choices of the gallery: (value, label), only values some design has."""
    return {
        "process": [(p, index.process_name(p)) for p in sorted(index.designs_by_process)],
        "material": [(m, index.material_name(m)) for m in sorted(index.designs_by_material)],
        "category": [(c, CATEGORIES[c]) for c in CATEGORIES if c in index.designs_by_category],
        "pillar": [(p, PILLARS[p].title) for p in PILLARS if p in index.designs_by_pillar],
        "maturity": [(m, MATURITY[m][0]) for m in MATURITY],
        "evidence": [(r.id, f"{r.name} or more") for r in evidence.RUNGS[1:]],
    }


def category_page(index: Index, category: str) -> Page:
    path = f"categories/{category}.md"
    designs = [index.designs[d] for d in sorted(index.designs_by_category.get(category, []))]
    html = _render("category.html", path, index, category=category, designs=designs)
    return Page(path, CATEGORIES[category], f"Designs: {CATEGORIES[category]}.", html, search=False)


def pillar_page(index: Index, pillar: str) -> Page:
    path = f"pillars/{pillar}.md"
    links = Links(path)
    designs = [index.designs[d] for d in index.designs_by_pillar.get(pillar, [])]
    html = _render(
        "pillar.html",
        path,
        index,
        pillar=pillar,
        cards=[_card(index, d, links) for d in designs[:RELATED_LIMIT]],
        total=len(designs),
    )
    return Page(path, PILLARS[pillar].title, PILLARS[pillar].text, html, search=False)


# Window settings that are not the temperature the material is processed at.
AUXILIARY_TEMPERATURES = ("mould", "bed", "drying", "feed")


def processing_temperature(window: Mapping[str, Any]) -> str | None:
    """The span of a process window's melt temperatures (nozzle, barrel, plate...)."""
    lows: list[float] = []
    highs: list[float] = []
    for key, entry in window.items():
        if entry.get("unit") != "°C" or any(word in key for word in AUXILIARY_TEMPERATURES):
            continue
        lows.append(entry.get("min", entry.get("value")))
        highs.append(entry.get("max", entry.get("value")))
    if not lows:
        return None
    low, high = min(lows), max(highs)
    return quantity(
        {"value": low, "unit": "°C"} if low == high else {"min": low, "max": high, "unit": "°C"}
    )


def comparison_rows(index: Index, materials: list[Record]) -> list[dict[str, Any]]:
    """One row per material for the comparison tables."""
    rows = []
    for material in materials:
        data = _data(material)
        properties = data.get("properties") or {}
        temperatures = [
            (index.process_name(entry["process"]), span)
            for entry in data.get("processes") or []
            if (span := processing_temperature(entry.get("window") or {}))
        ]
        melting = properties.get("melting_temperature")
        density = properties.get("density")
        rows.append(
            {
                "id": material.id,
                "name": data.get("name", material.id),
                "density": quantity(density) if density else "",
                "melting": quantity(melting) if melting else "",
                "temperatures": temperatures,
                "processes": [e["process"] for e in data.get("processes") or []],
                "regions": data.get("regions") or data.get("countries") or [],
                "do_not_heat": bool((data.get("safety") or {}).get("do_not_heat")),
            }
        )
    return rows


def materials_pages(index: Index) -> list[Page]:
    by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for material in sorted(index.materials.values(), key=lambda r: str(_data(r).get("name"))):
        by_kind.setdefault(str(_data(material).get("kind")), []).append(material)
    comparison = {kind: comparison_rows(index, records) for kind, records in by_kind.items()}
    pages = [
        Page(
            "materials.md",
            "Materials",
            "Biomaterials, recycled feedstocks and reference materials compared.",
            _render("materials.html", "materials.md", index, comparison=comparison),
            tuple(Heading(2, name, title) for name, title in KINDS.values()),
            in_nav=True,
            search=False,
        )
    ]
    for kind, (name, title) in KINDS.items():
        path = f"{name}.md"
        html = _render(
            "material_kind.html", path, index, kind=kind, rows=comparison[kind],
            intro=KIND_INTROS[kind],
        )  # fmt: skip
        pages.append(Page(path, title, KIND_INTROS[kind], html, in_nav=True, search=False))
    return pages


def processes_index(index: Index) -> Page:
    processes = sorted(index.processes.values(), key=lambda r: str(_data(r).get("name")))
    html = _render("processes.html", "processes.md", index, processes=processes)
    summary = "Ways of making parts locally."
    return Page("processes.md", "Processes", summary, html, in_nav=True, search=False)


def makers_index(index: Index) -> Page:
    makers = sorted(index.makers.values(), key=lambda r: str(_data(r).get("name")))
    shown = [(m, visible_maker(_data(m))) for m in makers]
    facets = {
        "country": sorted(
            ((c, country_name(c)) for c in {str(d.get("country")) for _, d in shown}),
            key=lambda item: item[1],
        ),
        "process": [(p, index.process_name(p)) for p in sorted(index.makers_by_process)],
        "material": [(m, index.material_name(m)) for m in sorted(index.makers_by_material)],
    }
    html = _render("makers.html", "makers.md", index, makers=shown, maker_facets=facets)
    return Page(
        "makers.md",
        "Makers",
        "Who makes what, where: find makers by country, process and material.",
        html,
        in_nav=True,
        search=False,
    )


def search_page(index: Index) -> Page:
    html = _render("search.html", "search.md", index)
    return Page(
        "search.md",
        "Search",
        "Search designs, materials, processes and makers.",
        html,
        in_nav=True,
        search=False,
    )


# Repository documents published as pages: file in the repository -> page of the site.
DOCUMENTS = {"CONTRIBUTING.md": "contribute.md", "CODE_OF_CONDUCT.md": "code-of-conduct.md"}


def document_pages(index: Index, documents: Mapping[str, str], settings: Settings) -> list[Page]:
    """The contributor guide (in the navigation, with a short note while it is missing)
    and the other repository documents that exist."""
    pages = []
    for name, path in DOCUMENTS.items():
        text = documents.get(name)
        if text is None and name != "CONTRIBUTING.md":
            continue
        body, headings, title = (
            markdown_document(text, lambda target, p=path: _repository_link(target, p, settings))
            if text
            else (Markup(""), [], "Contribute")
        )
        template = "contribute.html" if name == "CONTRIBUTING.md" else "document.html"
        html = _render(template, path, index, body=body, title=title, has_guide=bool(text))
        toc = tuple(
            Heading(level, anchor, words) for level, anchor, words in headings if level <= 3
        )
        description = (
            "How to add a material, a process, a maker or a design to MakeLocal."
            if name == "CONTRIBUTING.md"
            else f"{title}: MakeLocal."
        )
        pages.append(Page(path, title, description, html, toc, in_nav=name == "CONTRIBUTING.md"))
    return pages


def _repository_link(target: str, page: str, settings: Settings) -> str | None:
    """Where a relative link in a repository document leads on the site.

    Guides in docs/ and the documents above are pages of the site, record schemas are
    published under schemas/; other repository files link to the repository when its
    address is known, and lose their link otherwise.
    """
    path, _, fragment = target.partition("#")
    path = posixpath.normpath(path.removeprefix("./"))
    anchor = f"#{fragment}" if fragment else ""
    if path in DOCUMENTS:
        return relative(page, DOCUMENTS[path]) + anchor
    if path.startswith("docs/") and path.endswith(".md"):
        return relative(page, path.removeprefix("docs/")) + anchor
    if path.startswith("schemas/") and path.endswith(".json"):
        return relative(page, path)
    if settings.repo_url and not path.startswith(".."):
        return f"{settings.repo_url}/blob/{settings.branch}/{quote(path)}"
    return None


def what_can_i_make_page(index: Index) -> Page:
    assert index.match_catalogue is not None  # set by build_index
    html = render_match.page_html(index.match_catalogue, Links(render_match.PAGE).to)
    return Page(
        render_match.PAGE,
        render_match.TITLE,
        render_match.DESCRIPTION,
        html,
        in_nav=True,
        search=False,
    )


def repairability_page(index: Index) -> Page:
    body, headings, title = markdown_document(repairability.method_markdown(), lambda _: None)
    html = _render("document.html", "repairability.md", index, body=body, title=title)
    toc = tuple(Heading(level, anchor, text) for level, anchor, text in headings if level <= 3)
    return Page(
        "repairability.md",
        title,
        "How MakeLocal scores the repairability of a design.",
        html,
        toc,
    )


def open_data_page(index: Index) -> Page:
    html = _render("open_data.html", "open-data.md", index)
    return Page(
        "open-data.md",
        "Open data",
        "Every record and analysis as JSON, and an Open Know-How manifest per design.",
        html,
        in_nav=True,
    )


# --- data files -----------------------------------------------------------------------------


def _design_api(index: Index, design: Record) -> dict[str, Any]:
    data = dict(_data(design))
    base = f"design/{design.id}"
    parts = []
    for part in parts_of(data):
        item = dict(part)
        item["analysis"] = index.published_analysis(design.id, part["id"])
        if part.get("file"):
            item["download"] = f"{base}/{part['file']}"
        if (index.analysis(design.id, part["id"]) or {}).get(PREVIEW_KEY):
            item["preview"] = preview_file(design.id, part["id"])
        parts.append(item)
    data["parts"] = parts
    data["url"] = f"{base}.html"
    data["downloads"] = {"zip": f"{base}/{design.id}.zip", "okh": f"{base}/okh.toml"}
    return data


def api_files(index: Index) -> dict[str, str]:
    """site/api/*.json: every record, with the analysis of every part of every design."""

    def document(kind: str, items: list[dict[str, Any]]) -> str:
        return script_json({"type": kind, "count": len(items), "items": items}) + "\n"

    return {
        "api/materials.json": document(
            "material",
            [
                {**_data(m), "url": f"material/{m.id}.html",
                 "designs": index.designs_by_material.get(m.id, [])}
                for m in index.materials.values()
            ],
        ),
        "api/processes.json": document(
            "process",
            [
                {**_data(p), "url": f"process/{p.id}.html",
                 "designs": index.designs_by_process.get(p.id, [])}
                for p in index.processes.values()
            ],
        ),
        "api/makers.json": document(
            "maker",
            [
                {**visible_maker(_data(m)), "url": f"maker/{m.id}.html"}
                for m in index.makers.values()
            ],
        ),
        "api/designs.json": document(
            "design", [_design_api(index, d) for d in index.designs.values()]
        ),
    }  # fmt: skip


def script_data(index: Index) -> dict[str, str]:
    """Data for the gallery and for searching without a server, as classic scripts.

    Scripts (not fetched JSON) because browsers refuse fetch() on file:// pages.
    """
    designs = []
    for design in _newest_first(index.designs.values()):
        data = _data(design)
        thumb = thumb_path(design, index)
        designs.append(
            {
                "id": design.id,
                "t": data.get("title", design.id),
                "s": data.get("summary", ""),
                "c": data.get("category", ""),
                "y": data.get("maturity", ""),
                "e": evidence.LEVEL[index.ladders[design.id].rung],
                "el": index.ladders[design.id].label,
                "l": data.get("licence", ""),
                "p": design_processes(data),
                "m": design_materials(data),
                "g": data.get("pillars") or [],
                "k": data.get("tags") or [],
                "i": thumb or "",
            }
        )
    names = {
        "process": {p: index.process_name(p) for p in index.processes},
        "material": {m: index.material_name(m) for m in index.materials},
        "category": CATEGORIES,
        "pillar": {p: pillar.title for p, pillar in PILLARS.items()},
        "maturity": {m: label for m, (label, _) in MATURITY.items()},
    }
    catalogue = []
    for kind, records in (
        ("material", index.materials),
        ("process", index.processes),
        ("maker", index.makers),
    ):
        for record in records.values():
            data = visible_maker(_data(record)) if kind == "maker" else _data(record)
            catalogue.append(
                {
                    "id": record.id,
                    "type": kind,
                    "t": data.get("name", record.id),
                    "s": data.get("summary", ""),
                    "a": data.get("aliases") or [],
                    "p": [
                        e["process"] if isinstance(e, dict) else e
                        for e in data.get("processes") or []
                    ],
                    "m": data.get("materials") or [],
                    "x": data.get("country", ""),
                }
            )
    return {
        "assets/makelocal/data/designs.js": "window.MAKELOCAL_DESIGNS="
        + script_json({"names": names, "designs": designs, "levels": evidence.LEVEL})
        + ";\n",
        "assets/makelocal/data/catalogue.js": "window.MAKELOCAL_CATALOGUE="
        + script_json(catalogue)
        + ";\n",
    }


# --- Open Know-How ---------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A TOML value: strings as basic strings with every control character escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    text = str(value)
    escaped = "".join(
        {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(c)
        or (f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in text
    )
    return f'"{escaped}"'


def toml_document(top: Mapping[str, Any], tables: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """Keys with plain values, then sub-tables, then arrays of tables (TOML's required order)."""
    lines: list[str] = []

    def body(mapping: Mapping[str, Any], prefix: str) -> None:
        nested = {k: v for k, v in mapping.items() if isinstance(v, Mapping)}
        for key, value in mapping.items():
            if key not in nested and value is not None:
                lines.append(f"{key} = {toml_value(value)}")
        for key, value in nested.items():
            lines.extend(["", f"[{prefix}{key}]"])
            body(value, f"{prefix}{key}.")

    body(top, "")
    for name, items in tables.items():
        for item in items:
            lines.extend(["", f"[[{name}]]"])
            body(item, f"{name}.")
    return "\n".join(lines) + "\n"


def _dimensions(size: Any) -> dict[str, float] | None:
    if isinstance(size, list) and len(size) == 3:
        return {"width": size[0], "depth": size[1], "height": size[2]}
    return None


def okh_manifest(index: Index, design: Record, settings: Settings) -> str:
    """OKH-LOSH v1.0 manifest (okh.toml) of one design; paths are relative to it."""
    data = _data(design)
    parts = []
    tsdc: set[str] = set()
    for part in parts_of(data):
        process = index.processes.get(part.get("process", ""))
        category = _data(process).get("category") if process else None
        code = OKH_TSDC_BY_ID.get(part.get("process", "")) or OKH_TSDC.get(str(category))
        analysis = index.analysis(design.id, part["id"]) or {}
        materials = part.get("materials") or []
        entry: dict[str, Any] = {"name": part.get("name")}
        if part.get("source"):
            entry["source"] = part["source"]
        if part.get("file"):
            entry["export"] = part["file"]
        if code:
            entry["tsdc"] = code
            tsdc.add(code)
        if code == "3DP" and materials:
            entry["material"] = index.material_name(materials[0])
            entry["printing-process"] = "FDM"
        mass = _part_mass(analysis, materials)
        if mass is not None:
            entry["mass"] = mass
        dimensions = _dimensions(analysis.get("size_mm"))
        if dimensions:
            entry["outer-dimensions"] = dimensions
        if "source" in entry or "export" in entry:
            parts.append(entry)
    # Parts that are alternatives to each other (make one or the other) do not assemble.
    if len(alternatives.groups(parts_of(data))) > 1 or data.get("bill_of_materials"):
        tsdc.add("ASM")
    repo = (
        f"{settings.repo_url}/tree/{settings.branch}/designs/{design.id}"
        if settings.repo_url
        else None
    )
    top: dict[str, Any] = {
        "okhv": "OKH-LOSHv1.0",
        "name": data.get("title"),
        "repo": repo,
        "version": data.get("version"),
        "license": data.get("licence"),
        "licensor": [a["name"] for a in data.get("authors") or [] if isinstance(a, dict)],
        "function": data.get("summary"),
        "documentation-language": "en",
        "technology-readiness-level": OKH_OTRL.get(str(data.get("maturity"))),
        "documentation-readiness-level": "ODRL-2" if data.get("sources") else "ODRL-1",
        "tsdc": sorted(tsdc) or None,
        "source": [s["file"] for s in data.get("sources") or []] or None,
        "export": [p["file"] for p in parts_of(data) if p.get("file")] or None,
    }
    if data.get("release"):
        top["release"] = data["release"]
    return toml_document(top, {"part": parts})


def _part_mass(analysis: Mapping[str, Any], materials: list[str]) -> float | None:
    """Mass in g of the part in its first material, when the analysis gives it."""
    rows = analysis.get("materials")
    first = (
        next(
            (r for r in rows or [] if isinstance(r, Mapping) and r.get("material") == materials[0]),
            None,
        )
        if materials
        else None
    )
    grams = first.get("mass_g") if first else None
    return round(float(grams), 1) if isinstance(grams, int | float) else None


def design_archive(index: Index, design: Record, okh: str) -> Archive:
    """Every file of a design folder in one zip, under a folder named after it, plus its
    manifest. Symbolic links are left out (the validator reports them)."""
    listing = index.catalog.design_files.get(design.display, {})
    entries: list[tuple[str, Path | str]] = [
        (f"{design.id}/{name}", design.folder / name)
        for name, entry in sorted(listing.items())
        if not entry.symlink and name != "okh.toml"
    ]
    entries.append((f"{design.id}/okh.toml", okh))
    return Archive(tuple(entries))


# --- the whole site ---------------------------------------------------------------------------


def render_site(
    catalog: Catalog,
    analyses: Mapping[str, Mapping[str, Any]],
    settings: Settings,
    documents: Mapping[str, str] | None = None,
    schemas: Mapping[str, Path] | None = None,
) -> Site:
    """Every page and generated file of the site, from a validated catalogue.

    `analyses` maps "design-id/part-id" to the part's analysis; `documents` maps repository
    documents (CONTRIBUTING.md, CODE_OF_CONDUCT.md) to their text; `schemas` maps schema
    file names to their paths.
    """
    index = build_index(catalog, analyses)
    site = Site()
    site.copies.update({f"schemas/{name}": path for name, path in (schemas or {}).items()})
    site.pages.append(home_page(index))
    site.pages.append(gallery_page(index))
    site.pages.extend(materials_pages(index))
    site.pages.append(processes_index(index))
    site.pages.append(makers_index(index))
    site.pages.append(search_page(index))
    site.pages.extend(document_pages(index, documents or {}, settings))
    site.pages.append(open_data_page(index))
    site.pages.append(repairability_page(index))
    site.pages.append(what_can_i_make_page(index))
    site.pages.extend(category_page(index, c) for c in CATEGORIES if c in index.designs_by_category)
    site.pages.extend(pillar_page(index, p) for p in PILLARS)
    site.pages.extend(design_page(index, d, settings, site) for d in index.designs.values())
    site.pages.extend(material_page(index, m) for m in index.materials.values())
    site.pages.extend(process_page(index, p) for p in index.processes.values())
    site.pages.extend(maker_page(index, m) for m in index.makers.values())
    site.texts.update(api_files(index))
    site.texts.update(script_data(index))
    site.texts.update(render_match.script_data(index.match_catalogue))
    return site

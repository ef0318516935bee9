"""The catalogue with its cross references (designs by material, process, maker...), built
once for every page.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.analysis.results import PartAnalysis, PartResult, published
from generator.makeit import matching
from generator.makeit.inputs import Catalogue
from generator.makeit.needs import Candidate, NeedMatch, match_needs
from generator.makeit.notes import Note
from generator.records import evidence, lineage
from generator.records.catalog import Catalog, Record
from generator.records.facts import (
    data_of,
    design_materials,
    design_processes,
    parts_of,
    suited_processes,
    visible_maker,
)
from generator.web import match_page as render_match
from generator.web.links import thumb_file

if TYPE_CHECKING:  # the summary module reads the index
    from generator.web.summary import Summary


def created(record: Record) -> str:
    created = data_of(record).get("created")
    return created if isinstance(created, str) else ""


def newest_first(designs: Iterable[Record]) -> list[Record]:
    ordered = sorted(designs, key=lambda r: r.id)
    return sorted(ordered, key=created, reverse=True)


@dataclass
class Index:
    """The catalogue with its cross references, built once."""

    catalog: Catalog
    analyses: Mapping[str, PartResult]
    match_catalogue: Catalogue
    match_makers: dict[str, Mapping[str, Any]]
    as_of: datetime.date  # the build's date: which needs are open
    materials: dict[str, Record] = field(default_factory=dict)
    processes: dict[str, Record] = field(default_factory=dict)
    designs: dict[str, Record] = field(default_factory=dict)
    makers: dict[str, Record] = field(default_factory=dict)
    makes: dict[str, Record] = field(default_factory=dict)
    needs: dict[str, Record] = field(default_factory=dict)
    # Each need's state on the build's date and, if open, who can make it.
    need_matches: dict[str, NeedMatch] = field(default_factory=dict)
    # The open needs each maker's profile can make, and each design would answer.
    needs_by_maker: dict[str, list[tuple[str, Candidate]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    needs_by_design: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    makes_by_design: dict[str, dict[str, Any]] = field(default_factory=dict)
    makes_by_maker: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lineages: dict[str, lineage.Lineage] = field(default_factory=dict)
    ladders: dict[str, evidence.Ladder] = field(default_factory=dict)
    who_can_make: WhoCanMake = field(default_factory=dict)
    designs_by_material: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_maker: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    designs_by_category: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    makers_by_material: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    makers_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    materials_by_process: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Each design's summary (generator.web.summary), made when first asked for.
    summaries: dict[str, Summary] = field(default_factory=dict)

    def analysis(self, design: str, part: str) -> PartResult | None:
        return self.analyses.get(f"{design}/{part}")

    def published_analysis(self, design: str, part: str) -> dict[str, Any] | None:
        """The part's analysis as the site's data publishes it."""
        analysis = self.analysis(design, part)
        return published(analysis) if analysis is not None else None

    def preview(self, design: str, part: str) -> Path | None:
        """The picture of the part the analysis made, if it made one."""
        analysis = self.analysis(design, part)
        if isinstance(analysis, PartAnalysis) and analysis.preview_png:
            return Path(analysis.preview_png)
        return None

    def material_name(self, material_id: str) -> str:
        record = self.materials.get(material_id)
        return str(data_of(record).get("name", material_id)) if record else material_id

    def process_name(self, process_id: str) -> str:
        record = self.processes.get(process_id)
        return str(data_of(record).get("name", process_id)) if record else process_id


# Who can make each design: the makers' ids, and what each did not check.
WhoCanMake = dict[str, list[tuple[str, tuple[Note, ...]]]]


@dataclass(frozen=True)
class PerDesign:
    """What the index works out for each design on its own (from it, its parts' analyses
    and the records of other kinds), and most of the index's time: at 10,000 designs the
    index took 0.90 s, and 0.34 s with this taken from the last build (medians of 5).
    Kept from a served build for serve's preview, which works it out again for the edited
    designs alone when only designs were edited."""

    match_catalogue: Catalogue
    who_can_make: WhoCanMake
    ladders: dict[str, evidence.Ladder]


def build_index(
    catalog: Catalog,
    analyses: Mapping[str, PartResult],
    as_of: datetime.date,
    last: PerDesign | None = None,
    edited: Collection[str] = (),
) -> Index:
    """The index of `catalog`. With `last` (a build's PerDesign), only the `edited`
    designs' is worked out again: the caller's word that no other record changed, nor the
    analysis of another design's part."""
    match_catalogue, match_makers, who_can_make = _matching(catalog, analyses, last, edited)
    index = Index(catalog, analyses, match_catalogue, match_makers, as_of)
    tables = {
        "material": index.materials,
        "process": index.processes,
        "design": index.designs,
        "maker": index.makers,
        "make": index.makes,
        "need": index.needs,
    }
    for record in sorted(catalog.records, key=lambda r: (r.type, r.id)):
        if record.type in tables:
            tables[record.type][record.id] = record
    for design in newest_first(index.designs.values()):
        data = data_of(design)
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
    index.makes_by_design = evidence.makes_by_design(
        (m.id, data_of(m)) for m in index.makes.values()
    )
    index.lineages = lineage.lineages({d.id: data_of(d) for d in index.designs.values()})
    index.ladders = {
        d.id: last.ladders[d.id]
        if last is not None and d.id not in edited
        else evidence.ladder(data_of(d), index.makes_by_design.get(d.id, {}))
        for d in index.designs.values()
    }
    index.who_can_make = who_can_make
    for make in index.makes.values():
        by = data_of(make).get("by") or {}
        if isinstance(by, dict) and by.get("maker"):
            index.makes_by_maker[by["maker"]].append(make.id)
    for maker in index.makers.values():
        shown = visible_maker(data_of(maker))
        for material in shown.get("materials") or []:
            index.makers_by_material[material].append(maker.id)
        for process in shown.get("processes") or []:
            index.makers_by_process[process].append(maker.id)
    for material_record in index.materials.values():
        for process in sorted(suited_processes(data_of(material_record))):
            index.materials_by_process[process].append(material_record.id)
    _index_needs(index)
    return index


def _matching(
    catalog: Catalog,
    analyses: Mapping[str, PartResult],
    last: PerDesign | None,
    edited: Collection[str],
) -> tuple[Catalogue, dict[str, Mapping[str, Any]], WhoCanMake]:
    """What matching needs, and who can make each design: the `edited` designs' worked
    out, the others' taken from `last` when given."""
    if last is None:
        match_catalogue, makers = render_match.match_inputs(catalog, analyses, visible_maker)
        return match_catalogue, makers, matching.who_can_make(match_catalogue, makers)
    again, makers = render_match.match_inputs(catalog, analyses, visible_maker, edited)
    specs = {design.id: design for design in again.designs}
    designs = tuple(specs.get(d.id, d) for d in last.match_catalogue.designs)
    who_can_make = {**last.who_can_make, **matching.who_can_make(again, makers)}
    return replace(again, designs=designs), makers, who_can_make


def per_design(index: Index) -> PerDesign:
    return PerDesign(index.match_catalogue, index.who_can_make, index.ladders)


def _index_needs(index: Index) -> None:
    needs = {n.id: data_of(n) for n in index.needs.values()}
    for found in match_needs(index.match_catalogue, index.match_makers, needs, index.as_of):
        index.need_matches[found.need.id] = found
        if found.state != "open":
            continue
        for design_id in found.designs:
            index.needs_by_design[design_id].append(found.need.id)
        for candidate in found.candidates:
            index.needs_by_maker[candidate.maker].append((found.need.id, candidate))


def thumb_path(design: Record, index: Index) -> str | None:
    """Where the card image of a design is published, if it has one."""
    return thumb_file(design.id) if thumb_source(design, index) is not None else None


def thumb_source(design: Record, index: Index) -> Path | None:
    """The card image of a design: a preview of its first part, else its first photo."""
    for part in parts_of(data_of(design)):
        preview = index.preview(design.id, part.get("id", ""))
        if preview is not None:
            return preview
    images = data_of(design).get("images") or []
    return design.folder / images[0]["file"] if images else None

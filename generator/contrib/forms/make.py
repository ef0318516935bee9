"""The form "Report a make" made into a make report (catalog/makes/<id>.yml) and its
photos (catalog/makes/<id>/).

Its id is the design's, then where and when: `face-shield-headband-kampala-2026-12`
(the region, or else the country; the month), numbered on when that is taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.contrib.forms.form import Answers
from generator.contrib.forms.names import Names
from generator.contrib.forms.proposal import Catalogue, NewFile, Proposal
from generator.contrib.forms.records import (
    country,
    country_name,
    design_named,
    names_in,
    numbered_id,
    schema_choices,
)
from generator.contrib.forms.reply import Issue
from generator.contrib.forms.uploads import caption_of, collect, placed
from generator.contrib.inert_text import literal
from generator.records.loader import JsonPath


def make_proposal(
    answers: Answers, catalogue: Catalogue, folder: Path, issue: Issue
) -> Proposal | None:
    """The make report the answers describe, or None when a problem stops it."""
    design = design_named(answers, catalogue.names["design"])
    where = country(answers)
    region = answers.line("region")
    made = answers.date("date")
    outcome = answers.choice("outcome", schema_choices("make", "/properties/outcome"))
    data: dict[str, Any] = {
        "id": None,
        "design": design,
        "by": _by(answers, catalogue.names["maker"]),
        "country": where,
        "region": region,
        "date": made,
        "process": answers.choice("process", _process_options(catalogue.names["process"])),
        "materials": names_in(answers, "materials", catalogue.names["material"]) or None,
        "material_notes": answers.line("material_notes"),
        "machine": {"name": machine} if (machine := answers.line("machine")) else None,
        "quantity": answers.whole_number("quantity", 1, 10_000_000),
        "outcome": outcome,
        "summary": answers.line("summary"),
        "worked": answers.text("worked"),
        "changes": answers.text("changes", required=outcome == "worked-with-changes"),
        "failed": answers.text("failed", required=outcome == "failed"),
        "url": issue.url,
    }
    if not answers.ticked("consent"):
        answers.problem("consent", "is not ticked: the photos can only be published if you may.")
    if answers.problems or not (design and made and where):
        return None
    place = region or country_name(where)
    make_id = numbered_id(f"{design[:40]}-{place[:20]}", made[:7], catalogue.names["make"])
    data["id"] = make_id
    title = catalogue.names["design"].display(design)
    where = f"catalog/makes/{make_id}.yml"
    proposal = Proposal("make", make_id, f"{title}, made in {place}", where, data)
    files = collect(answers, folder, ("photos",))
    by_path = placed(answers, [p.upload for p in files.photos], "photos", "photos")
    photos = []
    for number, (path, upload) in enumerate(by_path.items(), start=1):
        photo = next(p for p in files.photos if p.upload is upload)
        name = path.removeprefix("photos/")
        photos.append({"file": name, "caption": caption_of(photo, title, number, len(by_path))})
        proposal.files.append(
            NewFile(f"catalog/makes/{make_id}/{name}", upload.data, upload.origin)
        )
    data["photos"] = photos or None
    proposal.data = {k: v for k, v in data.items() if v is not None}
    proposal.fields.update(_FIELDS)
    return None if answers.problems else proposal


_FIELDS: dict[JsonPath, str] = {
    ("design",): "design",
    ("by",): "by",
    ("by", "maker"): "maker",
    ("country",): "country",
    ("region",): "region",
    ("date",): "date",
    ("process",): "process",
    ("materials",): "materials",
    ("material_notes",): "material_notes",
    ("machine",): "machine",
    ("quantity",): "quantity",
    ("outcome",): "outcome",
    ("summary",): "summary",
    ("worked",): "worked",
    ("changes",): "changes",
    ("failed",): "failed",
    ("photos",): "photos",
}


def _process_options(processes: Names) -> dict[str, str]:
    return {name: record_id for record_id, name in processes.names.items()}


def _by(answers: Answers, makers: Names) -> dict[str, str] | None:
    name = answers.line("by")
    profile = answers.line("maker")
    maker = makers.find(profile) if profile else None
    if profile and maker is None:
        answers.problem(
            "maker", f"{literal(profile)} is not a maker profile on MakeLocal: leave it empty."
        )
    if name is None:
        return None
    return {"name": name, **({"maker": maker} if maker else {})}

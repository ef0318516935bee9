"""The form "Report a make" made into a make report (catalog/makes/<id>.yml) and its
photos (catalog/makes/<id>/).

Its id is the design's, then where and when: `face-shield-headband-kampala-2026-12`
(the region, or else the country; the month), numbered on when that is taken.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import pycountry

from generator.checks.schema_files import schema_documents
from generator.contrib.forms.form import Answers
from generator.contrib.forms.names import Names
from generator.contrib.forms.proposal import Catalogue, NewFile, Proposal
from generator.contrib.forms.records import names_in, schema_choices, slug
from generator.contrib.forms.uploads import caption_of, collect, placed
from generator.contrib.inert_text import literal
from generator.records.loader import JsonPath

_DESIGN_PAGE = re.compile(r"/designs?/([a-z0-9]+(?:-[a-z0-9]+)*)(?:[/.#?]|$)")


def make_proposal(
    answers: Answers, catalogue: Catalogue, folder: Path, issue_url: str | None
) -> Proposal | None:
    """The make report the answers describe, or None when a problem stops it."""
    design = _design(answers, catalogue.names["design"])
    country = _country(answers)
    region = answers.line("region")
    made = answers.date("date")
    outcome = answers.choice("outcome", schema_choices("make", "/properties/outcome"))
    data: dict[str, Any] = {
        "id": None,
        "design": design,
        "by": _by(answers, catalogue.names["maker"]),
        "country": country,
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
        "url": issue_url,
    }
    if not answers.ticked("consent"):
        answers.problem("consent", "is not ticked: the photos can only be published if you may.")
    if answers.problems or not (design and made and (region or country)):
        return None
    make_id = _make_id(design, region or _country_name(country or ""), made, catalogue)
    data["id"] = make_id
    title = catalogue.names["design"].display(design)
    place = region or _country_name(country or "")
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


def _design(answers: Answers, designs: Names) -> str | None:
    """The design named by its id, title or the address of its page."""
    written = answers.line("design")
    if written is None:
        return None
    page = _DESIGN_PAGE.search(written)
    found = designs.find(page.group(1) if page else written)
    if found is None:
        answers.problem(
            "design",
            f"{literal(written)} is not a design on MakeLocal."
            f"{designs.hint(written, by_name=True)} Give its name as its page shows it, or "
            "the page's address.",
        )
    return found


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


def _allowed_countries() -> list[str]:
    return list(schema_documents()["common"]["$defs"]["country"]["enum"])


def _country(answers: Answers) -> str | None:
    """The ISO code of the country written as its name or its code."""
    written = answers.line("country")
    if written is None:
        return None
    try:
        code = str(pycountry.countries.lookup(written.strip()).alpha_2)
    except LookupError:
        code = ""
    if code in _allowed_countries():
        return code
    names = {str(c.name): str(c.alpha_2) for c in pycountry.countries}
    close = difflib.get_close_matches(written.strip().title(), list(names), n=1, cutoff=0.75)
    hint = f" Did you mean {literal(close[0])}?" if close else ""
    answers.problem("country", f"{literal(written)} is not a country's name or code.{hint}")
    return None


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))


def _make_id(design: str, place: str, made: str, catalogue: Catalogue) -> str:
    """`<design>-<place>-<YYYY-MM>`, numbered when taken; within the id's 64 characters."""
    when = made[:7]
    taken = catalogue.names["make"].names
    stem = f"{design[: 64 - len(when) - 4]}-{slug(place)[:20]}".strip("-")
    made_id = slug(f"{stem}-{when}")
    number = 1
    while made_id in taken:
        number += 1
        made_id = slug(f"{stem}-{when}-{number}")
    return made_id

"""The form "Post a need" made into a need (catalog/needs/<id>.yml).

Its id is what, where and when: `face-shields-for-the-maternity-ward-kampala-2026-12`
(the region, or else the country; the month it was posted), numbered when taken. A maker
answers through one of three public routes (the issue itself, the organisation's public
page, or a maker profile): the form offers only those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.contrib.forms.form import Answers
from generator.contrib.forms.proposal import Catalogue, Proposal
from generator.contrib.forms.records import (
    country,
    country_name,
    design_named,
    names_in,
    numbered_id,
    schema_choices,
)
from generator.contrib.forms.reply import Issue
from generator.contrib.inert_text import literal
from generator.records.loader import JsonPath

# The routes the form offers, by the words each option starts with.
ROUTES = {
    "By commenting on this issue": "issues",
    "Through our public web page or contact form": "url",
    "Through our maker profile on the site": "maker",
}


def need_proposal(
    answers: Answers, catalogue: Catalogue, folder: Path, issue: Issue
) -> Proposal | None:
    """The need the answers describe, or None when a problem stops it."""
    title = answers.line("title")
    design = design_named(answers, catalogue.names["design"], required=False)
    # A need's categories are a design's: a need asks for a kind of design.
    category = answers.choice("category", schema_choices("design", "/properties/category"))
    if not (design or category or answers.has_problem("design")):
        answers.problem("design", "is empty, and so is the kind of product: give one of them.")
    where = country(answers)
    region = answers.line("region")
    data: dict[str, Any] = {
        "id": None,
        "title": title,
        "design": design,
        "category": None if design else category,
        "quantity": answers.whole_number("quantity", 1, 10_000_000),
        "materials": names_in(answers, "materials", catalogue.names["material"]) or None,
        "requested_by": answers.line("by"),
        "country": where,
        "region": region,
        "posted": issue.posted,
        "needed_by": answers.date("needed_by"),
        "contact": _contact(answers, catalogue),
        "description": answers.text("description"),
    }
    if data["needed_by"] and data["needed_by"] < issue.posted:
        answers.problem(
            "needed_by", "is before the day this was posted: give the last day it is of use."
        )
    if not answers.ticked("consent"):
        answers.problem("consent", "is not ticked: a need is public, so it must be meant to be.")
    if answers.problems or not (title and where):
        return None
    place = region or country_name(where)
    need_id = numbered_id(f"{title[:40]}-{place[:20]}", issue.posted[:7], catalogue.names["need"])
    data["id"] = need_id
    proposal = Proposal("need", need_id, title, f"catalog/needs/{need_id}.yml", data)
    proposal.data = {k: v for k, v in data.items() if v is not None}
    proposal.fields.update(_FIELDS)
    return proposal


_FIELDS: dict[JsonPath, str] = {
    ("title",): "title",
    ("design",): "design",
    ("category",): "category",
    ("quantity",): "quantity",
    ("materials",): "materials",
    ("requested_by",): "by",
    ("country",): "country",
    ("region",): "region",
    ("needed_by",): "needed_by",
    ("contact",): "contact",
    ("description",): "description",
}


def _contact(answers: Answers, catalogue: Catalogue) -> dict[str, Any] | None:
    """The public route makers answer through."""
    route = answers.choice("contact_route", ROUTES)
    given = answers.line("contact")
    if route is None:
        return None
    if route == "issues":
        return {"issues": True}
    if given is None:
        answers.problem("contact", "is empty: give the page's address or the maker profile's name.")
        return None
    if route == "url":
        if "@" in given and "://" not in given:
            answers.problem(
                "contact",
                f"{literal(given)} looks like an e-mail address: everything here is published, "
                "so give a public page, or choose to be reached through this issue.",
            )
            return None
        if not given.startswith("https://") or " " in given:
            answers.problem(
                "contact", f"{literal(given)} is not a web address starting with https://."
            )
            return None
        return {"url": given}
    maker = catalogue.names["maker"].find(given)
    if maker is None:
        answers.problem(
            "contact",
            f"{literal(given)} is not a maker profile on MakeLocal."
            f"{catalogue.names['maker'].hint(given, by_name=True)}",
        )
        return None
    return {"maker": maker}

"""Answers that several forms share, made into record values: a new record's id, people,
the records a form names (materials, designs), and what a design was based on."""

from __future__ import annotations

import difflib
import functools
import gettext
import re
from typing import Any

import pycountry

from generator.checks.licences import OPEN_LICENCES
from generator.checks.schema_files import choices, followed, schema_documents, schema_node
from generator.contrib.forms.form import Answers
from generator.contrib.forms.names import Names, key
from generator.contrib.inert_text import literal
from generator.records.file_names import WINDOWS_DEVICE

MAX_ID = 64  # the schemas' slug
_URL = re.compile(r"https://[^\s<>()\[\]]+")
_SEPARATORS = re.compile(r"[,;\n]|\band\b", re.IGNORECASE)
_DESIGN_PAGE = re.compile(r"/designs?/([a-z0-9]+(?:-[a-z0-9]+)*)(?:[/.#?]|$)")


def schema_choices(record_type: str, pointer: str) -> dict[str, Any]:
    """The values a field allows, by the title the schema gives each (the words a form's
    option starts with); by the value itself where the schema gives none. A field that
    refers to a shared definition (`common.schema.json#/$defs/category`) has its values."""
    node = schema_node(*followed(record_type, pointer))
    return {str(choice.title or choice.value): choice.value for choice in choices(node)}


def slug(text: str) -> str:
    """An id made from a title: `Face-shield headband` -> `face-shield-headband`."""
    made = key(text)[:MAX_ID].strip("-")
    return f"{made}-1" if WINDOWS_DEVICE.fullmatch(made) else made


def new_id(
    answers: Answers, field_id: str, title: str | None, taken: Names, where: str
) -> str | None:
    """The id of a new record: the one given in `field_id`, else made from its title; a
    problem when it is not an id or a record of that id exists (`where` shows its file)."""
    given = answers.line(field_id)
    made = slug(given or title or "")
    if given is not None and made != given:
        answers.problem(
            field_id,
            f"{literal(given)} cannot be a short name: use lower-case letters, digits and "
            f"single hyphens, such as {literal(made or 'my-design')}.",
        )
        return None
    if not made:
        return None
    if made in taken.names:
        answers.problem(
            field_id if given else "title",
            f"gives the short name {literal(made)}, which {literal(where.format(made))} has "
            "already: choose another title, or give another short name.",
        )
        return None
    return made


def authors(answers: Answers, field_id: str) -> list[dict[str, str]] | None:
    """People, one a line, each with their web page if the line holds an https address."""
    people = []
    for line in answers.lines(field_id):
        url = _URL.search(line)
        name = " ".join(_URL.sub(" ", line).split()).strip(" ,;-()")
        if not name:
            answers.problem(field_id, f"{literal(line)} gives an address but no name.")
            continue
        people.append({"name": name[:300], **({"url": url.group(0)} if url else {})})
    return people or None


def names_in(answers: Answers, field_id: str, known: Names, *, required: bool = True) -> list[str]:
    """The ids of the records a field names, separated by commas, `;`, `and` or lines."""
    text = answers.text(field_id, required=required) or ""
    found: list[str] = []
    for piece in _SEPARATORS.split(text):
        written = piece.strip(" \t-*.")
        if not written:
            continue
        record_id = known.find(written)
        if record_id is None:
            answers.problem(
                field_id,
                f"{literal(written)} is not a {known.kind} MakeLocal describes yet."
                f"{known.hint(written)} "
                f"The known ones are listed on the site; a new {known.kind} is proposed "
                "with its own form first.",
            )
        elif record_id not in found:
            found.append(record_id)
    return found


def licence_id(written: str) -> str:
    """A licence as SPDX writes it: an open licence however it was spelt (`cc by 4.0`),
    anything else with its spaces made hyphens (`CC BY-NC 4.0` -> `CC-BY-NC-4.0`), so
    that the licence rules can judge it."""
    for licence in OPEN_LICENCES:
        if key(licence) == key(written):
            return licence
    return "-".join(written.split())


def derived_from(answers: Answers, field_id: str, designs: Names) -> list[dict[str, str]]:
    """What a design is based on, one a line: a MakeLocal design by its name or id, or an
    outside design as `name, address, licence`."""
    based = []
    for line in answers.lines(field_id):
        url = _URL.search(line)
        if url is None:
            design = designs.find(line)
            if design is None:
                answers.problem(
                    field_id,
                    f"{literal(line)} is neither a MakeLocal design nor has an address "
                    "(https://...): give the original's name, address and licence.",
                )
            else:
                based.append({"design": design})
            continue
        pieces = [p.strip(" -:") for p in re.split(r"[,;|]", _URL.sub(" ", line))]
        title, *rest = [" ".join(p.split()) for p in pieces if p.strip(" -:")] or [""]
        if not title:
            answers.problem(
                field_id, f"{literal(line)} gives an address but not the design's name."
            )
            continue
        entry = {"title": title[:300], "url": url.group(0)}
        based.append(entry | ({"licence": licence_id(rest[0])[:200]} if rest else {}))
    return based


def numbered_id(what: str, when: str, taken: Names) -> str:
    """`<what>-<when>`, as an id within 64 characters, numbered when taken (`-2`, `-3`)."""
    stem = slug(what)[: MAX_ID - len(when) - 4].strip("-")
    made = slug(f"{stem}-{when}")
    number = 1
    while made in taken.names:
        number += 1
        made = slug(f"{stem}-{when}-{number}")
    return made


def design_named(answers: Answers, designs: Names, *, required: bool = True) -> str | None:
    """The design named by its id, title or the address of its page."""
    written = answers.line("design", required=required)
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


def _allowed_countries() -> list[str]:
    return list(schema_documents()["common"]["$defs"]["country"]["enum"])


@functools.cache
def _names_in(language: str) -> dict[str, str]:
    """Each country's name in a language (its ISO 3166 translation, which pycountry
    ships), folded to lower case, to its code: `ouganda` -> UG, `sénégal` -> SN."""
    translation = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    found = {}
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            found[translation.gettext(name).casefold()] = str(country.alpha_2)
    return found


def country(answers: Answers) -> str | None:
    """The ISO code of the country written as its name (in English or French) or its code."""
    written = answers.line("country")
    if written is None:
        return None
    try:
        code = str(pycountry.countries.lookup(written.strip()).alpha_2)
    except LookupError:
        code = _names_in("fr").get(written.strip().casefold(), "")
    if code in _allowed_countries():
        return code
    names = {str(c.name): str(c.alpha_2) for c in pycountry.countries}
    close = difflib.get_close_matches(written.strip().title(), list(names), n=1, cutoff=0.75)
    hint = f" Did you mean {literal(close[0])}?" if close else ""
    answers.problem("country", f"{literal(written)} is not a country's name or code.{hint}")
    return None


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))

"""The page templates (Jinja2, autoescaped, strict about undefined names) and what they
are given: filters for readers' numbers, the labels, links and design cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.records.catalog import Record
from generator.records.facts import CHECKED_RULES, data_of, design_materials, design_processes
from generator.web.index import Index, thumb_path
from generator.web.labels import (
    ANALYSIS_MODELS,
    CATEGORIES,
    EVIDENCE,
    FASTENERS,
    HAZARDS,
    KINDS,
    MATURITY,
    NEED_STATUS,
    ORIGINS,
    OUTCOMES,
    PILLARS,
    PROPERTY_NAMES,
    REPAIR_TOOLS,
    RULE_NAMES,
    RUNG_MEANINGS,
    SKILL,
    SOURCE_FORMATS,
    STATUS_NAMES,
    VERDICT_MEANINGS,
    VERDICTS,
    parameter_name,
)
from generator.web.links import Links
from generator.web.markup import markdown, safe_url
from generator.web.site import Heading
from generator.web.summary import summary
from generator.web.words import (
    country_name,
    figures,
    keyword,
    licence_name,
    licence_url,
    minutes,
    number,
    quantity,
)


def environment() -> Environment:
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
    env.globals["figures"] = figures
    env.filters["country"] = country_name
    env.filters["keyword"] = keyword
    env.globals.update(
        CATEGORIES=CATEGORIES,
        MATURITY=MATURITY,
        VERDICTS=VERDICTS,
        VERDICT_MEANINGS=VERDICT_MEANINGS,
        CHECKED_RULES=CHECKED_RULES,
        RUNG_MEANINGS=RUNG_MEANINGS,
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
        SOURCE_FORMATS=SOURCE_FORMATS,
        OUTCOMES=OUTCOMES,
        NEED_STATUS=NEED_STATUS,
        parameter_name=parameter_name,
        PILLARS=PILLARS,
        KINDS=KINDS,
        licence_name=licence_name,
        country_name=country_name,
        licence_url=licence_url,
    )
    return env


ENVIRONMENT = environment()


def render_template(template: str, page: str, index: Index, **context: Any) -> str:
    return ENVIRONMENT.get_template(template).render(
        links=Links(page), index=index, root="../" * page.count("/"), **context
    )


def card(index: Index, design: Record, links: Links) -> dict[str, Any]:
    data = data_of(design)
    thumb = thumb_path(design, index)
    figures = summary(index, design)
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
        "rung": index.ladders[design.id].rung,
        "verdict": figures.verdict,
        "grams": figures.grams,
        "minutes": figures.minutes,
        "licence": data.get("licence", ""),
        "category": data.get("category", ""),
    }


def reference_numbers(data: Mapping[str, Any]) -> dict[str, int]:
    """Each reference's number in a record's list, by its id, for [n] marks."""
    return {
        r["id"]: n
        for n, r in enumerate(data.get("references") or [], start=1)
        if isinstance(r, dict) and "id" in r
    }


def headings(*items: tuple[int, str, str] | None) -> tuple[Heading, ...]:
    return tuple(Heading(*item) for item in items if item)

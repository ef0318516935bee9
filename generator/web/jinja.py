"""The page templates (Jinja2, autoescaped, strict about undefined names) and what they
are given: filters for readers' numbers, the labels, links and design cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.records.catalog import Record
from generator.records.facts import CHECKED_RULES, data_of, design_materials, design_processes
from generator.web import i18n
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
    REASON_LEVELS,
    REPAIR_TOOLS,
    RULE_NAMES,
    RUNG_MEANINGS,
    RUNG_NAMES,
    SKILL,
    SOURCE_FORMATS,
    STATUS_NAMES,
    VERDICT_MEANINGS,
    VERDICTS,
    ladder_label,
    parameter_name,
)
from generator.web.links import Links
from generator.web.markup import markdown, safe_url
from generator.web.said import said_text
from generator.web.site import Heading
from generator.web.summary import summary
from generator.web.translated import EnglishText, plain
from generator.web.words import (
    country_name,
    day,
    figures,
    fixed,
    keyword,
    licence_name,
    licence_url,
    minutes,
    number,
    quantity,
    with_unit,
)


def english_block(html: Markup) -> Markup:
    """HTML still in English on a page in another language, in a block marked so, in words
    too."""
    note = i18n._("Not translated yet; in English:")
    return Markup('<p class="ml-en-note">%s</p><div lang="en" class="ml-en-block">%s</div>') % (
        note,
        html,
    )


def reader_markdown(text: str | None) -> Markup:
    """A record's Markdown as safe HTML; text still in English on a page in another
    language (generator.web.translated.EnglishText) marked so."""
    html = markdown(text)
    return english_block(html) if isinstance(text, EnglishText) and html else html


def template_gettext(message: str, /, **variables: Any) -> Markup:
    """`message` in the language being written, as Jinja's newstyle gettext gives it to an
    autoescaped template: markup, its %(name)s filled with `variables`, escaped."""
    translated = Markup(i18n.gettext(message))
    # Most messages have nothing to fill in or unescape: formatting would copy them.
    return translated % variables if variables or "%" in translated else translated


def template_ngettext(singular: str, plural: str, count: int, /, **variables: Any) -> Markup:
    """The form for `count`, which is %(num)s unless `variables` give a num of their own."""
    variables.setdefault("num", count)
    return Markup(i18n.ngettext_plain(singular, plural, count)) % variables


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.web", "templates/pages"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        # Compiled once for every build, as the theme's are (generator.web.theme); apart
        # from them, for their environment compiles them differently.
        bytecode_cache=FileSystemBytecodeCache(pattern="makelocal-pages-%s.cache"),
    )
    # The words of the templates, in the language being written (generator.web.i18n);
    # `{% trans %}` blocks are trimmed of the line breaks inside them, as the catalogue is.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext_plain, newstyle=True, pgettext=i18n.pgettext
    )
    # The extension's callables, and its `_`, go through the render context two or three
    # times a call; a design page makes 136 to 214 calls (1.4 million for 10,000 designs).
    # These do what its newstyle callables do in an autoescaped environment, directly
    # (pgettext, which no template uses, stays the extension's).
    env.globals.update(
        _=template_gettext,
        gettext=template_gettext,
        ngettext=template_ngettext,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.filters["md"] = reader_markdown
    env.filters["plain"] = plain
    env.filters["https"] = safe_url
    env.filters["quantity"] = quantity
    env.filters["number"] = number
    env.filters["minutes"] = minutes
    env.filters["fixed"] = fixed
    env.filters["unit"] = with_unit
    env.filters["day"] = day
    env.filters["english"] = i18n.english
    env.filters["said"] = said_text
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
        RUNG_NAMES=RUNG_NAMES,
        REASON_LEVELS=REASON_LEVELS,
        ladder_label=ladder_label,
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
        "evidence": ladder_label(index.ladders[design.id]),
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

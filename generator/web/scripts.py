"""Data for the site's scripts, as classic scripts: the gallery's and the search's without
a server, and the words of every script, in the language of the site being written."""

from __future__ import annotations

from typing import Any

from generator.records import evidence
from generator.records.facts import data_of, design_materials, design_processes, visible_maker
from generator.web import words
from generator.web.i18n import _, current, script_messages
from generator.web.index import Index, newest_first, thumb_path
from generator.web.labels import (
    CATEGORIES,
    MATURITY,
    PILLARS,
    RUNG_MEANINGS,
    VERDICT_MEANINGS,
    VERDICTS,
    ladder_label,
)
from generator.web.markup import script_json
from generator.web.summary import summary
from generator.web.translated import LanguageView

WORDS = "assets/makelocal/data/words.js"


def script_data(index: Index, view: LanguageView | None = None) -> dict[str, str]:
    """Data for the gallery and for searching without a server, as classic scripts.

    Scripts (not fetched JSON) because browsers refuse fetch() on file:// pages. In another
    language's site (`view`), a record with no page there is flagged `en`: its page is
    the English site's.
    """
    designs = []
    for design in newest_first(index.designs.values()):
        data = data_of(design)
        thumb = thumb_path(design, index)
        figures = summary(index, design)
        designs.append(
            _flagged(view, "design", design.id)
            | {
                "id": design.id,
                "t": data.get("title", design.id),
                "s": data.get("summary", ""),
                "c": data.get("category", ""),
                "y": data.get("maturity", ""),
                "e": evidence.LEVEL[index.ladders[design.id].rung],
                "el": ladder_label(index.ladders[design.id]),
                "l": data.get("licence", ""),
                "p": design_processes(data),
                "m": design_materials(data),
                "g": data.get("pillars") or [],
                "k": data.get("tags") or [],
                "i": thumb or "",
                # The card's figures: verdict, evidence rung, grams and minutes per product.
                "v": figures.verdict or "",
                "r": index.ladders[design.id].rung,
                "f": words.figures(figures.grams, figures.minutes),
            }
        )
    names = {
        "process": {p: index.process_name(p) for p in index.processes},
        "material": {m: index.material_name(m) for m in index.materials},
        "category": dict(CATEGORIES),
        "pillar": {p: pillar.title for p, pillar in PILLARS.items()},
        "maturity": {m: label for m, (label, _) in MATURITY.items()},
        "verdict": dict(VERDICTS),
        # What the badges mean, shown on hover as on the pages.
        "verdictMeaning": {v: m.capitalize() for v, m in VERDICT_MEANINGS.items()},
        "rungMeaning": {r: m.capitalize() for r, m in RUNG_MEANINGS.items()},
    }
    catalogue = []
    for kind, records in (
        ("material", index.materials),
        ("process", index.processes),
        ("maker", index.makers),
    ):
        for record in records.values():
            data = visible_maker(data_of(record)) if kind == "maker" else data_of(record)
            catalogue.append(
                _flagged(view, kind, record.id)
                | {
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
    catalogue += _need_items(index, view)
    return {
        "assets/makelocal/data/designs.js": "window.MAKELOCAL_DESIGNS="
        + script_json({"names": names, "designs": designs, "levels": evidence.LEVEL})
        + ";\n",
        "assets/makelocal/data/catalogue.js": "window.MAKELOCAL_CATALOGUE="
        + script_json(catalogue)
        + ";\n",
    }


def _flagged(view: LanguageView | None, record_type: str, record_id: str) -> dict[str, Any]:
    """`{"en": 1}` for a record whose page is the English site's, else nothing."""
    english = view is not None and view.translation(record_type, record_id) is None
    return {"en": 1} if english else {}


def _need_items(index: Index, view: LanguageView | None) -> list[dict[str, Any]]:
    """Needs as the search without a server finds them: title, what and where."""
    items = []
    for match in index.need_matches.values():
        need = data_of(index.needs[match.need.id])
        country = str(need.get("country", ""))
        items.append(
            _flagged(view, "need", match.need.id)
            | {
                "id": match.need.id,
                "type": "need",
                "t": match.need.title,
                "s": _(
                    "%(quantity)s needed in %(country)s, by %(day)s",
                    quantity=words.number(match.need.quantity),
                    country=words.country_name(country),
                    day=words.day(match.need.needed_by),
                ),
                "a": [str(need.get("requested_by", ""))],
                "p": need.get("processes") or [],
                "m": need.get("materials") or [],
                "x": country,
            }
        )
    return items


def words_data(view: LanguageView | None) -> dict[str, str]:
    """The words of the site's scripts in the language being written (assets/words.js
    reads them): the catalogue's translations of the messages the scripts use, each plural
    message as its forms, in the order of the language's plural categories; where the
    language's site is in the English one, and the way back; and which English pages it
    has in its language."""
    language = current()
    translated = (
        sorted(f"{record_type}/{record_id}.html" for record_type, record_id in view.translations)
        if view is not None
        else []
    )
    data = {
        "messages": script_messages(language.code),
        "plural": list(language.plural_categories),
        "folder": f"{language.folder}/" if language.folder else "",
        "shared": "../" * (language.folder.count("/") + 1) if language.folder else "",
        "translated": translated,
    }
    return {WORDS: "window.MAKELOCAL_WORDS=" + script_json(data) + ";\n"}

"""Data for the gallery and for searching without a server, as classic scripts."""

from __future__ import annotations

from typing import Any

from generator.records import evidence
from generator.records.facts import data_of, design_materials, design_processes, visible_maker
from generator.web import words
from generator.web.index import Index, newest_first, thumb_path
from generator.web.labels import (
    CATEGORIES,
    MATURITY,
    PILLARS,
    RUNG_MEANINGS,
    VERDICT_MEANINGS,
    VERDICTS,
)
from generator.web.markup import script_json
from generator.web.summary import summary


def script_data(index: Index) -> dict[str, str]:
    """Data for the gallery and for searching without a server, as classic scripts.

    Scripts (not fetched JSON) because browsers refuse fetch() on file:// pages.
    """
    designs = []
    for design in newest_first(index.designs.values()):
        data = data_of(design)
        thumb = thumb_path(design, index)
        figures = summary(index, design)
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
                # The card's figures: verdict, evidence rung, grams and minutes per product.
                "v": figures.verdict or "",
                "r": index.ladders[design.id].rung,
                "f": words.figures(figures.grams, figures.minutes),
            }
        )
    names = {
        "process": {p: index.process_name(p) for p in index.processes},
        "material": {m: index.material_name(m) for m in index.materials},
        "category": CATEGORIES,
        "pillar": {p: pillar.title for p, pillar in PILLARS.items()},
        "maturity": {m: label for m, (label, _) in MATURITY.items()},
        "verdict": VERDICTS,
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
    catalogue += _need_items(index)
    return {
        "assets/makelocal/data/designs.js": "window.MAKELOCAL_DESIGNS="
        + script_json({"names": names, "designs": designs, "levels": evidence.LEVEL})
        + ";\n",
        "assets/makelocal/data/catalogue.js": "window.MAKELOCAL_CATALOGUE="
        + script_json(catalogue)
        + ";\n",
    }


def _need_items(index: Index) -> list[dict[str, Any]]:
    """Needs as the search without a server finds them: title, what and where."""
    items = []
    for match in index.need_matches.values():
        need = data_of(index.needs[match.need.id])
        country = str(need.get("country", ""))
        items.append(
            {
                "id": match.need.id,
                "type": "need",
                "t": match.need.title,
                "s": f"{words.number(match.need.quantity)} needed in {words.country_name(country)}"
                f", by {match.need.needed_by.isoformat()}",
                "a": [str(need.get("requested_by", ""))],
                "p": need.get("processes") or [],
                "m": need.get("materials") or [],
                "x": country,
            }
        )
    return items

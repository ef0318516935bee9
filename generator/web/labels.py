"""Labels readers see for the records' coded values (categories, maturity, verdicts...).

Where a schema defines the values, the labels are its titles and descriptions (read once,
when this module is imported), so a value added to a schema has its label there too; the
tables here hold only what no schema defines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checks.schema_files import labels as _labels
from generator.checks.schema_files import schema_node
from generator.records import evidence


def _field_titles(record_type: str, pointer: str) -> dict[str, str]:
    """The title of each field of an object (material properties, design rules)."""
    fields = schema_node(record_type, pointer)["properties"]
    return {name: field["title"] for name, field in fields.items()}


# Each kind of material has a page named after the kind, in the plural.
KINDS = {
    kind: (f"{kind}s", title) for kind, title in _labels("material", "/properties/kind").items()
}


KIND_INTROS = {
    "biomaterial": "Fibres, crop residues, fungal and starch materials that grow where they "
    "are used.",
    "recycled-feedstock": "Plastics recovered from local waste, with how to identify, clean "
    "and process them.",
    "reference-material": "Common virgin materials, listed so that local alternatives can be "
    "compared with them.",
}


CATEGORIES = _labels("common", "/$defs/category")


_MEANINGS = _labels("design", "/properties/maturity", descriptions=True)
# The home page's last path by equipment: the processes that need no powered machine.
HAND_TOOLS = "only hand tools"

MATURITY = {
    value: (title, _MEANINGS[value])
    for value, title in _labels("design", "/properties/maturity").items()
}


VERDICTS = {
    "ready": "Ready to make",
    "needs-attention": "Needs attention",
    "not-printable": "Cannot be made as it is",
    "unreadable": "The file cannot be read",
    "not-analysed": "Not analysed",
}


# What each verdict badge means, shown on hover and in "How to read this page".
VERDICT_MEANINGS = {
    "ready": "the checks of its files found nothing that stops making it with its process",
    "needs-attention": "the checks of its files found something to look at before making it",
    "not-printable": "the checks of its files found something that stops making it as drawn",
    "unreadable": "a file of it cannot be read",
    "not-analysed": "its files were not checked",
}
# What each evidence rung means, by its id (shown on hover).
RUNG_MEANINGS = {rung.id: rung.meaning for rung in evidence.RUNGS}


EVIDENCE = _labels("design", "/properties/evidence/items/properties/type")
FASTENERS = _labels("design", "/properties/repair/properties/fasteners")
REPAIR_TOOLS = _labels("design", "/properties/repair/properties/tools")
SKILL = _labels("design", "/properties/repair/properties/skill")
ORIGINS = _labels("material", "/properties/origin/properties/type")
PROPERTY_NAMES = _field_titles("material", "/properties/properties")
RULE_NAMES = _field_titles("process", "/properties/design_rules")
ANALYSIS_MODELS = _labels("process", "/properties/analysis", descriptions=True)
# The verdicts of moisture sensitivity, biodegradability and food contact.
STATUS_NAMES = {
    value: title
    for field in ("moisture_sensitivity", "biodegradability", "food_contact")
    for value, title in _labels("material", f"/properties/{field}/properties/status").items()
}
HAZARDS = _labels("material", "/properties/safety/properties/hazards/items")
SOURCE_FORMATS = _labels("design", "/properties/sources/items/properties/format")
OUTCOMES = _labels("make", "/properties/outcome")
NEED_STATUS = _labels("need", "/properties/status")

# Abbreviations in the names of process parameters and material windows, which records
# name freely (`plate_temperature_hdpe`, `cutting_speed_plywood_3mm`).
_ABBREVIATIONS = {"abs", "hdpe", "ldpe", "pe", "pet", "petg", "pla", "pp", "ps", "pvc", "uv"}
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|m|g|kg|s|min|h)$")


def parameter_name(key: str) -> str:
    """A parameter's name as a reader reads it: `plate_temperature_hdpe` is "Plate
    temperature, HDPE", `melting_time_12mm_sheet` "Melting time, 12 mm sheet". Names of
    fields the schemas define come from their titles (PROPERTY_NAMES, RULE_NAMES)."""
    words = []
    for word in key.split("_"):
        size = _SIZE.match(word)
        words.append(
            word.upper() if word in _ABBREVIATIONS else f"{size[1]} {size[2]}" if size else word
        )
    # What the rest is for follows a comma: a material, or a size and what has it.
    split = next(
        (i for i, w in enumerate(words) if i and (w.isupper() or w[:1].isdigit())), len(words)
    )
    name = " ".join(words[:split])
    rest = " ".join(words[split:])
    name = name[:1].upper() + name[1:]
    return f"{name}, {rest}" if rest else name


@dataclass(frozen=True)
class Pillar:
    title: str
    text: str
    links: tuple[tuple[str, str], ...]  # (page, label)


# What each pillar's page says, and the pages it links to.
_PILLAR_PAGES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "flexibility": (
        "Designs that can be made by more than one process, in more than one material, "
        "on the machines a workshop already has.",
        (("processes.md", "Processes and their design rules"), ("designs.md", "All designs")),
    ),
    "collaboration": (
        "Open records anyone can correct and extend, and makers who can make a design nearby.",
        (("contribute.md", "How to contribute"), ("makers.md", "Makers")),
    ),
    "local-materials": (
        "Materials that grow or are thrown away where they are needed: fibres, crop "
        "residues and plastic waste.",
        (
            ("biomaterials.md", "Biomaterials"),
            ("recycled-feedstocks.md", "Recycled feedstocks"),
        ),
    ),
    "human-potential": (
        "Know-how people can learn and use: step-by-step instructions and the makers who "
        "already do it.",
        (("makers.md", "Makers and their stories"), ("contribute.md", "Share what you know")),
    ),
    "retention-of-value": (
        "Products that can be repaired, with spare parts to print, from materials that "
        "keep their value when recycled.",
        (("recycled-feedstocks.md", "Recycled feedstocks"), ("designs.md", "All designs")),
    ),
    "transparency-and-visibility": (
        "Every value with its source, every analysis shown, and all data open for other "
        "tools to read.",
        (("open-data.md", "Open data and manifests"), ("materials.md", "Sourced material data")),
    ),
}


PILLARS = {
    value: Pillar(title, *_PILLAR_PAGES[value])
    for value, title in _labels("design", "/properties/pillars/items").items()
}

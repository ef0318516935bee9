"""Labels readers see for the records' coded values (categories, maturity, verdicts...).

Where a schema defines the values, the labels are its titles and descriptions (read once,
when this module is imported), so a value added to a schema has its label there too; the
tables here hold only what no schema defines. Every table holds the English, and gives
each label in the language being written (generator.web.i18n.Labels): the catalogue finds
the schemas' words through `schema_messages`, the others where they are marked N_().
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.checks.schema_files import labels as _labels
from generator.checks.schema_files import schema_node
from generator.records import evidence
from generator.web.i18n import N_, Labels, _, gettext, ngettext


def _field_titles(record_type: str, pointer: str) -> dict[str, str]:
    """The title of each field of an object (material properties, design rules)."""
    fields = schema_node(record_type, pointer)["properties"]
    return {name: field["title"] for name, field in fields.items()}


def _pair(pair: tuple[str, str]) -> tuple[str, str]:
    return gettext(pair[0]), gettext(pair[1])


def _page_and_title(pair: tuple[str, str]) -> tuple[str, str]:
    return pair[0], gettext(pair[1])


# Each kind of material has a page named after the kind, in the plural: (page, title).
KINDS = Labels(
    {kind: (f"{kind}s", title) for kind, title in _labels("material", "/properties/kind").items()},
    _page_and_title,
)


KIND_INTROS = Labels(
    {
        "biomaterial": N_(
            "Fibres, crop residues, fungal and starch materials that grow where they are used."
        ),
        "recycled-feedstock": N_(
            "Plastics recovered from local waste, with how to identify, clean and process them."
        ),
        "reference-material": N_(
            "Common virgin materials, listed so that local alternatives can be compared with them."
        ),
    }
)


CATEGORIES = Labels(_labels("common", "/$defs/category"))


_MEANINGS = _labels("design", "/properties/maturity", descriptions=True)
# The home page's last path by equipment: the processes that need no powered machine.
HAND_TOOLS = N_("only hand tools")

# (title, meaning) of each maturity.
MATURITY = Labels(
    {
        value: (title, _MEANINGS[value])
        for value, title in _labels("design", "/properties/maturity").items()
    },
    _pair,
)


VERDICTS = Labels(
    {
        "ready": N_("Ready to make"),
        "needs-attention": N_("Needs attention"),
        "not-printable": N_("Cannot be made as it is"),
        "unreadable": N_("The file cannot be read"),
        "not-analysed": N_("Not analysed"),
    }
)


# What each verdict badge means, shown on hover and in "How to read this page".
VERDICT_MEANINGS = Labels(
    {
        "ready": N_("the checks of its files found nothing that stops making it with its process"),
        "needs-attention": N_(
            "the checks of its files found something to look at before making it"
        ),
        "not-printable": N_(
            "the checks of its files found something that stops making it as drawn"
        ),
        "unreadable": N_("a file of it cannot be read"),
        "not-analysed": N_("its files were not checked"),
    }
)
# What each evidence rung means, by its id (shown on hover).
RUNG_MEANINGS = Labels({rung.id: rung.meaning for rung in evidence.RUNGS})
RUNG_NAMES = Labels({rung.id: rung.name for rung in evidence.RUNGS})


def ladder_label(ladder: evidence.Ladder) -> str:
    """What a card shows of how far a design is proven (evidence.Ladder.label, in the
    language being written): `Made independently by 3 others`."""
    if ladder.rung == "made-independently":
        return ngettext(
            "Made independently by %(num)s other",
            "Made independently by %(num)s others",
            ladder.independent,
        )
    if ladder.rung == "tested-to-standard":
        standards = sorted({s.standard for s in ladder.supports if s.standard})
        return _("Tested against %(standards)s", standards=", ".join(standards))
    return RUNG_NAMES[ladder.rung]


# How much an analysis's reason weighs (generator.analysis.results.Level).
REASON_LEVELS = Labels({"info": N_("info"), "attention": N_("attention"), "blocker": N_("blocker")})


EVIDENCE = Labels(_labels("design", "/properties/evidence/items/properties/type"))
FASTENERS = Labels(_labels("design", "/properties/repair/properties/fasteners"))
REPAIR_TOOLS = Labels(_labels("design", "/properties/repair/properties/tools"))
SKILL = Labels(_labels("design", "/properties/repair/properties/skill"))
ORIGINS = Labels(_labels("material", "/properties/origin/properties/type"))
PROPERTY_NAMES = Labels(_field_titles("material", "/properties/properties"))
RULE_NAMES = Labels(_field_titles("process", "/properties/design_rules"))
ANALYSIS_MODELS = Labels(_labels("process", "/properties/analysis", descriptions=True))
# The verdicts of moisture sensitivity, biodegradability and food contact.
STATUS_NAMES = Labels(
    {
        value: title
        for field in ("moisture_sensitivity", "biodegradability", "food_contact")
        for value, title in _labels("material", f"/properties/{field}/properties/status").items()
    }
)
HAZARDS = Labels(_labels("material", "/properties/safety/properties/hazards/items"))
SOURCE_FORMATS = Labels(_labels("design", "/properties/sources/items/properties/format"))
OUTCOMES = Labels(_labels("make", "/properties/outcome"))
NEED_STATUS = Labels(_labels("need", "/properties/status"))

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

    def translated(self) -> Pillar:
        return replace(
            self,
            title=gettext(self.title),
            text=gettext(self.text),
            links=tuple((page, gettext(label)) for page, label in self.links),
        )


# What each pillar's page says, and the pages it links to.
_PILLAR_PAGES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "flexibility": (
        N_(
            "Designs that can be made by more than one process, in more than one material, "
            "on the machines a workshop already has."
        ),
        (
            ("processes.md", N_("Processes and their design rules")),
            ("designs.md", N_("All designs")),
        ),
    ),
    "collaboration": (
        N_("Open records anyone can correct and extend, and makers who can make a design nearby."),
        (("contribute.md", N_("How to contribute")), ("makers.md", N_("Makers"))),
    ),
    "local-materials": (
        N_(
            "Materials that grow or are thrown away where they are needed: fibres, crop "
            "residues and plastic waste."
        ),
        (
            ("biomaterials.md", N_("Biomaterials")),
            ("recycled-feedstocks.md", N_("Recycled feedstocks")),
        ),
    ),
    "human-potential": (
        N_(
            "Know-how people can learn and use: step-by-step instructions and the makers who "
            "already do it."
        ),
        (
            ("makers.md", N_("Makers and their stories")),
            ("contribute.md", N_("Share what you know")),
        ),
    ),
    "retention-of-value": (
        N_(
            "Products that can be repaired, with spare parts to print, from materials that "
            "keep their value when recycled."
        ),
        (("recycled-feedstocks.md", N_("Recycled feedstocks")), ("designs.md", N_("All designs"))),
    ),
    "transparency-and-visibility": (
        N_(
            "Every value with its source, every analysis shown, and all data open for other "
            "tools to read."
        ),
        (
            ("open-data.md", N_("Open data and manifests")),
            ("materials.md", N_("Sourced material data")),
        ),
    ),
}


PILLARS = Labels(
    {
        value: Pillar(title, *_PILLAR_PAGES[value])
        for value, title in _labels("design", "/properties/pillars/items").items()
    },
    Pillar.translated,
)


def schema_messages() -> Iterator[tuple[str, str]]:
    """The words these tables take from the schemas, as (message, schema it is from), for
    the catalogue (generator/web/catalogue.py); the rest are marked where they are written."""
    tables: list[tuple[str, Labels[str]]] = [
        ("common", CATEGORIES),
        ("design", EVIDENCE),
        ("design", FASTENERS),
        ("design", REPAIR_TOOLS),
        ("design", SKILL),
        ("material", ORIGINS),
        ("material", PROPERTY_NAMES),
        ("process", RULE_NAMES),
        ("process", ANALYSIS_MODELS),
        ("material", STATUS_NAMES),
        ("material", HAZARDS),
        ("design", SOURCE_FORMATS),
        ("make", OUTCOMES),
        ("need", NEED_STATUS),
    ]
    for schema, table in tables:
        yield from ((message, schema) for message in table.english.values())
    for title, meaning in MATURITY.english.values():
        yield from ((title, "design"), (meaning, "design"))
    yield from ((title, "material") for _, title in KINDS.english.values())
    yield from ((pillar.title, "design") for pillar in PILLARS.english.values())

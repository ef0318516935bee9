"""Repairability score of a design, out of 10, from its `repair` information and parts.

The method keeps the French repairability index's structure (criteria scored out of 20,
summed, shown out of 10 with one decimal; documentation and disassembly weighted inside
their criteria) and scores the parameters of EN 45554 that apply to made, non-electronic
products: disassembly depth, fasteners, tools, spare parts, repair information and skill
level. Diagnostics, software and data transfer do not apply; the French index's spare-part
price criterion is left out because spare parts here are made from open files, not bought.

A limiting-factor rule, proposed by TU Delft's evaluation of repair scores because
scorecards rarely score low when repair is in fact infeasible, caps the score when one
criterion blocks repair outright.

Everything the method page says comes from the tables below, so the page and the code
cannot drift: `method_markdown()` writes the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from generator.checks.schema_files import labels
from generator.makeit.notes import Note, note
from generator.records.alternatives import groups

_REPAIR = "/properties/repair/properties"
# What readers read for the coded values: the schema's titles and descriptions.
FASTENER_LABELS = labels("design", f"{_REPAIR}/fasteners")
FASTENER_MEANINGS = labels("design", f"{_REPAIR}/fasteners", descriptions=True)
TOOL_LABELS = labels("design", f"{_REPAIR}/tools")
TOOL_MEANINGS = labels("design", f"{_REPAIR}/tools", descriptions=True)
SKILL_LABELS = labels("design", f"{_REPAIR}/skill")
SKILL_MEANINGS = labels("design", f"{_REPAIR}/skill", descriptions=True)

MAX_POINTS = 20  # per criterion, as in the French index
# The top of the French index's red band (0-1.9): a blocked repair never scores above it.
CAP = Fraction(19, 10)

# Disassembly depth: steps to reach the part that fails most. The bands are those of the
# EU repairability index for phones (Regulation (EU) 2023/1669), 1-5 points times 4.
DEPTH_BANDS: tuple[tuple[int, int], ...] = ((2, 20), (5, 16), (10, 12), (15, 8))
DEPTH_BEYOND = 4
# Fasteners (EN 45554 classes). Reusable 5, removable 1 point in the EU index, times 4;
# a single part needs none.
FASTENER_POINTS = {"none-needed": 20, "reusable": 20, "removable": 4, "permanent": 0}
# Tools (EN 45554 classes, easiest first), evenly spaced.
TOOL_POINTS = {
    "none": 20,
    "basic": 15,
    "commercially-available": 10,
    "specialised": 5,
    "not-possible": 0,
}
# Skill level needed (EN 45554), evenly spaced; not stated scores 0.
SKILL_POINTS = {"layperson": 20, "generalist": 15, "expert": 10, "manufacturer": 0}
# Inside the disassembly criterion, as in the French index: depth x1, tools and
# fasteners x0.5 each.
DISASSEMBLY_WEIGHTS = {"depth": Fraction(1), "fasteners": Fraction(1, 2), "tools": Fraction(1, 2)}
# Documentation, 20 points: what a repairer needs to read.
DOCUMENTATION_POINTS = {
    "instructions": 4,  # steps to make and assemble it
    "disassembly": 4,  # how to take it apart
    "common_failures": 4,  # what breaks first
    "sources": 8,  # editable source of each part, so a spare can be adapted (pro rata)
}
# Why a design lost the points of a documentation item.
DOCUMENTATION_MISSING = {
    "instructions": "no steps to make it",
    "disassembly": "no disassembly steps",
    "common_failures": "no common failures listed",
}
# Why a design lost other points ({name}: a number, or a label the site translates).
LOSSES = {
    "no-source": "{missing} of {parts} parts have no editable source",
    "step": "{count} step to reach the part that fails most",
    "steps": "{count} steps to reach the part that fails most",
    "no-depth": "steps to take it apart not stated",
    "no-fasteners": "no fasteners needed",
    "fasteners": "{fasteners} fasteners",
    "no-fastener-kind": "fasteners not stated",
    "no-tools": "tools not stated",
    "no-spare": "{missing} of {parts} parts are not spare parts that can be remade",
    "skill": "repair needs {skill}",
    "no-skill": "skill level not stated",
}
CRITERIA = {
    "documentation": "Documentation",
    "disassembly": "Taking it apart",
    "spare_parts": "Spare parts",
    "skill": "Skill",
}
# The criteria's points add up to MAX_POINTS x 4; the score is shown out of 10.
OUT_OF_10 = Fraction(10, MAX_POINTS * len(CRITERIA))
BLOCKERS = {
    "permanent": "parts are held by permanent fasteners (glued or welded) and must be "
    "taken apart to reach the part that fails",
    "not-possible": "the repair is not possible with any tool",
    "no-spares": "no part can be remade from the design's own files",
    "manufacturer": "only the manufacturer can repair it",
}


@dataclass(frozen=True)
class Loss:
    criterion: str
    reason: Note
    points: Fraction  # taken off the score out of 10

    @property
    def shown(self) -> str:
        return f"-{_decimal(self.points, '0.01')}"


@dataclass(frozen=True)
class Score:
    criteria: dict[str, Fraction]  # each out of 20
    total: Fraction  # out of 80
    uncapped: Decimal  # out of 10, one decimal
    score: Decimal  # out of 10, one decimal, after the limiting factors
    losses: tuple[Loss, ...]  # largest first
    blockers: tuple[str, ...]  # texts of the limiting factors that apply

    @property
    def capped(self) -> bool:
        return self.score < self.uncapped


def _decimal(value: Fraction, step: str = "0.1") -> Decimal:
    """Rounded half up, as a reader rounds by hand (not to even, as `round` does)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(step), rounding=ROUND_HALF_UP)


def depth_points(depth: int) -> int:
    return next((points for limit, points in DEPTH_BANDS if depth <= limit), DEPTH_BEYOND)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def spare_parts(design: Mapping[str, Any]) -> list[str]:
    """Ids of parts meant to be replaced that can be remade from the design's own files
    (an STL or an editable source): listed in `repair.spare_parts` or marked `spare`."""
    repair = _mapping(design.get("repair"))
    listed = {s for s in _list(repair.get("spare_parts")) if isinstance(s, str)}
    return [
        p["id"]
        for p in _list(design.get("parts"))
        if isinstance(p, dict)
        and isinstance(p.get("id"), str)
        and (p["id"] in listed or p.get("spare") is True)
        and (_text(p.get("file")) or _text(p.get("source")))
    ]


@dataclass(frozen=True)
class _Marked:
    """One criterion of one design: its points out of MAX_POINTS, the points it lost (out of
    MAX_POINTS) with why, and the limiting factors it found."""

    points: Fraction
    lost: tuple[tuple[Note, Fraction], ...]
    blockers: tuple[str, ...] = ()


def _documentation(
    design: Mapping[str, Any], repair: Mapping[str, Any], parts: list[dict[str, Any]]
) -> _Marked:
    present = {
        "instructions": bool(_list(design.get("instructions"))),
        "disassembly": _text(repair.get("disassembly")),
        "common_failures": bool(_list(repair.get("common_failures"))),
    }
    points = Fraction(sum(DOCUMENTATION_POINTS[item] for item, given in present.items() if given))
    lost = [
        (note(DOCUMENTATION_MISSING[item]), Fraction(DOCUMENTATION_POINTS[item]))
        for item, given in present.items()
        if not given
    ]
    with_source = sum(1 for p in parts if _text(p.get("source")))
    share = Fraction(with_source, len(parts)) if parts else Fraction(0)
    points += DOCUMENTATION_POINTS["sources"] * share
    lost.append(
        (
            note(LOSSES["no-source"], missing=len(parts) - with_source, parts=len(parts)),
            DOCUMENTATION_POINTS["sources"] * (1 - share),
        )
    )
    return _Marked(points, tuple(lost))


def _steps(depth: int) -> Note:
    return note(LOSSES["step" if depth == 1 else "steps"], count=depth)


def _fasteners(fasteners: str) -> Note:
    if fasteners == "none-needed":
        return note(LOSSES["no-fasteners"])
    return note(
        LOSSES["fasteners"], "fasteners", fasteners=FASTENER_LABELS.get(fasteners, fasteners)
    )


def _disassembly(repair: Mapping[str, Any]) -> _Marked:
    depth = repair.get("disassembly_depth")
    fasteners = repair.get("fasteners")
    tools = repair.get("tools")
    sub = {
        "depth": Fraction(depth_points(depth)) if isinstance(depth, int) else Fraction(0),
        "fasteners": Fraction(
            FASTENER_POINTS.get(fasteners, 0) if isinstance(fasteners, str) else 0
        ),
        "tools": Fraction(TOOL_POINTS.get(tools, 0) if isinstance(tools, str) else 0),
    }
    reasons = {
        "depth": _steps(depth) if isinstance(depth, int) else note(LOSSES["no-depth"]),
        "fasteners": _fasteners(fasteners)
        if isinstance(fasteners, str)
        else note(LOSSES["no-fastener-kind"]),
        "tools": note("{tools}", "tools", tools=TOOL_LABELS.get(tools, tools))
        if isinstance(tools, str)
        else note(LOSSES["no-tools"]),
    }
    weight_sum = sum(DISASSEMBLY_WEIGHTS.values(), Fraction(0))
    blockers = []
    if fasteners == "permanent" and depth != 0:
        blockers.append(BLOCKERS["permanent"])
    if tools == "not-possible":
        blockers.append(BLOCKERS["not-possible"])
    return _Marked(
        sum((sub[k] * w for k, w in DISASSEMBLY_WEIGHTS.items()), Fraction(0)) / weight_sum,
        tuple(
            (reasons[k], (MAX_POINTS - sub[k]) * w / weight_sum)
            for k, w in DISASSEMBLY_WEIGHTS.items()
        ),
        tuple(blockers),
    )


def _spare_parts(design: Mapping[str, Any], parts: list[dict[str, Any]]) -> _Marked:
    """A part and the parts that can replace it (`alternative_to`) count once, as a spare
    if one of them is: a spare replaces whichever of them was made."""
    spares = spare_parts(design)
    sets = groups(parts)
    covered = sum(any(parts[i].get("id") in spares for i in group) for group in sets)
    points = MAX_POINTS * (Fraction(covered, len(sets)) if sets else Fraction(0))
    reason = note(LOSSES["no-spare"], missing=len(sets) - covered, parts=len(sets))
    return _Marked(
        points, ((reason, MAX_POINTS - points),), () if spares else (BLOCKERS["no-spares"],)
    )


def _skill(repair: Mapping[str, Any]) -> _Marked:
    skill = repair.get("skill")
    points = Fraction(SKILL_POINTS.get(skill, 0)) if isinstance(skill, str) else Fraction(0)
    reason = (
        note(LOSSES["skill"], "skill", skill=SKILL_LABELS.get(skill, skill))
        if isinstance(skill, str)
        else note(LOSSES["no-skill"])
    )
    blockers = (BLOCKERS["manufacturer"],) if skill == "manufacturer" else ()
    return _Marked(points, ((reason, MAX_POINTS - points),), blockers)


def score(design: Mapping[str, Any]) -> Score:
    """The score of one design's data (robust to a record that failed its schema)."""
    repair = _mapping(design.get("repair"))
    parts = [p for p in _list(design.get("parts")) if isinstance(p, dict)]
    marked = {
        "documentation": _documentation(design, repair, parts),
        "disassembly": _disassembly(repair),
        "spare_parts": _spare_parts(design, parts),
        "skill": _skill(repair),
    }
    criteria = {name: m.points for name, m in marked.items()}
    total = sum(criteria.values(), Fraction(0))
    uncapped = _decimal(total * OUT_OF_10)
    blockers = tuple(blocker for m in marked.values() for blocker in m.blockers)
    losses = sorted(
        (
            Loss(name, reason, points * OUT_OF_10)
            for name, m in marked.items()
            for reason, points in m.lost
            if points > 0
        ),
        key=lambda loss: (-loss.points, loss.criterion, loss.reason.english),
    )
    final = min(uncapped, _decimal(CAP)) if blockers else uncapped
    return Score(criteria, total, uncapped, final, tuple(losses), blockers)


# --- the method page ------------------------------------------------------------------------

REFERENCES = (
    (
        "French repairability index: five criteria of 20 points, total divided by 10 and "
        "rounded to one decimal",
        "https://coda.io/@parkpoom-kometsopha/rcth-r-score/3-existing-initiatives-review-5",
    ),
    (
        "French repairability index: colour bands, red up to 1.9",
        "https://yaroos.com/gadgets/repairability-index-two-years-after-its-implementation-a-"
        "first-critical-assessment/",
    ),
    (
        "EU repairability index for phones (Regulation (EU) 2023/1669): parameter weights, "
        "disassembly-depth bands and fastener points",
        "https://dhirubhai.net/pulse/eus-reparability-index-how-work-runar-bjorhovde-affte",
    ),
    (
        "Commission Delegated Regulation (EU) 2023/1669, Official Journal L 214, 31 August 2023",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ%3AL%3A2023%3A214%3AFULL",
    ),
    (
        "TU Delft, Empirical evaluation of reparability scoring systems for validity and "
        "reliability (proposes a limiting factor approach)",
        "https://repository.tudelft.nl/record/uuid:2770ade0-47d4-4237-b032-ffd8bd8d55c8",
    ),
)


def _points(value: Fraction | int) -> str:
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


# The method page, as lines of Markdown with {fields} (str.format's) that method_markdown()
# fills in from the tables above, so that the page says what the code does. It is written
# for a reader who never saw a record: no field names, no coded values.
METHOD_PAGE = (
    "# How the repairability score is worked out",
    "",
    "Every design on MakeLocal has a repairability score from 0 to 10. It says how easy it "
    "is to keep the product working when a part breaks: to find out how, take it apart, "
    "get a new part and put it back. A 10 means the design explains its repair, anyone "
    "can take it apart by hand in a step or two, and every part can be made again from "
    "the design's own files. The score is worked out from what the design says about its "
    "repair and from its parts, the same way for every design; nobody rates a design by "
    "hand.",
    "",
    "## What is scored",
    "",
    "Four things, each worth up to {max_points} points:",
    "",
    "- **Documentation**: does the design tell a repairer what they need to know?",
    "- **Taking it apart**: how many steps to reach the part that breaks, what holds the "
    "parts together, and which tools are needed.",
    "- **Spare parts**: how many of its parts can be made again from the design's files.",
    "- **Skill**: who can do the repair.",
    "",
    "## How the points become a score",
    "",
    "The four criteria are added up (at most {total} points) and divided by {divisor}, so "
    "the score is out of 10. It is rounded to one decimal, halves up: 7.25 becomes 7.3.",
    "",
    "**What blocks a repair.** If one of these is true, the score is at most {cap}, "
    "however well the rest does:",
    "",
    "{blockers}",
    "",
    "Permanent fasteners do not block a repair when nothing has to be taken apart to "
    "reach the part. Without such a rule a design could score well on paper while it "
    "cannot be repaired at all, as TU Delft's evaluation of repair scores found.",
    "",
    "**Reading the score.** A score of {cap} or less means the repair is blocked, or "
    "close to it. Above it, the higher the better; each design's page shows its points "
    "for each criterion and, under *Where points are lost*, what took points off the "
    "score out of 10 and how many, largest first.",
    "",
    "## Documentation",
    "",
    "Points for each thing the design explains:",
    "",
    "{documentation}",
    "",
    "## Taking it apart",
    "",
    "Three things count here, the number of steps twice as much as each of the others: "
    "the points for the steps, plus half the points for the fasteners, plus half the "
    "points for the tools, divided by {weight_sum}.",
    "",
    "**Steps** to reach the part that fails most often: each screw undone, each cover "
    "lifted, each part pulled off counts as one.",
    "",
    "{depth}",
    "",
    "**Fasteners**: what holds the parts together.",
    "",
    "{fasteners}",
    "",
    "**Tools** needed to take it apart and put it back.",
    "",
    "{tools}",
    "",
    "## Spare parts",
    "",
    "The points are shared out over the parts: {max_points} times the parts that can be "
    "made again, divided by all the parts. A part counts when the design marks it as one "
    "that is meant to be replaced and gives its file to print or cut, or its editable "
    "source, so anyone with the machine can make a new one. Where the design offers two "
    "ways to make the same part (printed, or cut from a pressed sheet), they count as one "
    "part.",
    "",
    "## Skill",
    "",
    "Who can do the repair. A design that does not say scores 0 here.",
    "",
    "{skill}",
    "",
    "## Where the method comes from",
    "",
    "The method follows the French repairability index: criteria scored out of 20, "
    "added up and shown out of 10. It scores the points of the European standard EN "
    "45554 that apply to made products without electronics: steps to take it apart, "
    "fasteners, tools, spare parts, repair information and skill. Diagnostics, software "
    "and data transfer do not apply. The French index's criterion on the price of spare "
    "parts is left out, because spare parts here are made from the design's open files, "
    "not bought. The steps and the fasteners are scored in the bands of the EU "
    "repairability index for phones (1 to 5 points there, times 4 here), and the rule on "
    "what blocks a repair follows TU Delft's evaluation of repair scores.",
    "",
    "## Sources",
    "",
    "{references}",
    "",
)
# What each documentation item is, in the words of the method page.
DOCUMENTATION_SHOWN = {
    "instructions": "steps to make and assemble it",
    "disassembly": "how to take it apart",
    "common_failures": "what breaks or wears first",
    "sources": "an editable source file for every part (shared out: sources for half the "
    "parts give half the points)",
}


def _table(header: str, rows: Mapping[str, int | str]) -> str:
    lines = [f"| {header} | points |", "| --- | --- |"]
    return "\n".join(lines + [f"| {label} | {points} |" for label, points in rows.items()])


def _classes(
    header: str, points: Mapping[str, int], titles: Mapping[str, str], meanings: Mapping[str, str]
) -> str:
    """The table of a class's values, each by its label and what it means."""
    return _table(
        header,
        {
            titles[value] + (f" ({meanings[value]})" if value in meanings else ""): p
            for value, p in points.items()
        },
    )


def method_markdown() -> str:
    """The published method, written from the tables this module scores with."""
    bands = {}
    low = 0
    for limit, points in DEPTH_BANDS:
        bands[f"{low} to {limit}"] = points
        low = limit + 1
    bands[f"more than {DEPTH_BANDS[-1][0]}"] = DEPTH_BEYOND
    return "\n".join(METHOD_PAGE).format(
        max_points=MAX_POINTS,
        total=MAX_POINTS * len(CRITERIA),
        divisor=_points(1 / OUT_OF_10),
        weight_sum=_points(sum(DISASSEMBLY_WEIGHTS.values())),
        cap=_decimal(CAP),
        blockers="\n".join(f"- {text}" for text in BLOCKERS.values()),
        documentation=_table(
            "the design gives", {DOCUMENTATION_SHOWN[k]: p for k, p in DOCUMENTATION_POINTS.items()}
        ),
        depth=_table("steps", bands),
        fasteners=_classes("fasteners", FASTENER_POINTS, FASTENER_LABELS, FASTENER_MEANINGS),
        tools=_classes("tools", TOOL_POINTS, TOOL_LABELS, TOOL_MEANINGS),
        skill=_classes("who can repair it", SKILL_POINTS, SKILL_LABELS, SKILL_MEANINGS),
        references="\n".join(f"- [{title}]({url})" for title, url in REFERENCES),
    )

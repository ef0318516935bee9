"""The evidence ladder: how far a design has been proven, computed from records only.

Rungs, lowest first: untested; made by its author; made independently by others; tested
against a standard; reviewed by an expert. A design stands on the highest rung that a
record supports: an entry in the design's own `evidence` list, or a make report
(catalog/makes/). Every rung reached lists the records that put it there, and records
that do not count (a failed make, a lab test that names no standard) say why, so nothing
moves a design up without a record that says why.

Pure: takes record data, returns data. The site, the validator and `makelocal match`
call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rung:
    id: str
    name: str
    meaning: str


RUNGS: tuple[Rung, ...] = (
    Rung("untested", "Untested", "no record says it was made"),
    Rung("made-by-author", "Made by its author", "its author made it and says how it went"),
    Rung(
        "made-independently",
        "Made independently",
        "someone other than its author made it, and it worked",
    ),
    Rung(
        "tested-to-standard",
        "Tested against a standard",
        "a test against a named standard is on record",
    ),
    Rung("expert-reviewed", "Reviewed by an expert", "an expert review is on record"),
)
LEVEL = {rung.id: index for index, rung in enumerate(RUNGS)}

# The least rung each self-declared `maturity` needs (the validator warns when it is
# claimed without records; "made in numbers" cannot be checked from records).
MATURITY_NEEDS = {
    "concept": "untested",
    "prototype": "made-by-author",
    "tested": "made-independently",
    "production": "made-independently",
}
WORKED = ("worked", "worked-with-changes")


@dataclass(frozen=True)
class Support:
    """One record, and the rung it supports (or would, if it counted)."""

    rung: str
    by: str
    date: str
    summary: str
    make: str | None = None  # id of the make report, or None for an entry of `evidence`
    evidence: int | None = None  # index in the design's `evidence` list
    standard: str | None = None
    why_not: str | None = None  # set when the record does not move the design up


@dataclass(frozen=True)
class Ladder:
    rung: str  # the highest rung reached
    independent: int  # how many others made it (distinct names)
    supports: tuple[Support, ...]  # the records that count, lowest rung first
    not_counted: tuple[Support, ...]  # the records that do not, each with why

    @property
    def level(self) -> int:
        return LEVEL[self.rung]

    @property
    def label(self) -> str:
        """What the card shows: `Made independently by 3 others`."""
        if self.rung == "made-independently":
            return f"Made independently by {self.independent} other{'s' * (self.independent != 1)}"
        if self.rung == "tested-to-standard":
            standards = sorted({s.standard for s in self.supports if s.standard})
            return "Tested against " + ", ".join(standards)
        return RUNGS[self.level].name


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _authors(design: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    makers: set[str] = set()
    for author in _list(design.get("authors")):
        if isinstance(author, dict):
            names.add(_key(_text(author.get("name"))))
            if isinstance(author.get("maker"), str):
                makers.add(author["maker"])
    return names, makers


def _from_evidence(index: int, entry: Mapping[str, Any], authors: set[str]) -> Support:
    kind = entry.get("type")
    by = _text(entry.get("by"))
    standard = entry.get("standard") if isinstance(entry.get("standard"), str) else None
    rung, why_not = "untested", None
    if kind == "self-tested" or (kind == "independently-made" and _key(by) in authors):
        rung = "made-by-author"
    elif kind == "independently-made":
        rung = "made-independently"
    elif kind == "lab-tested":
        rung = "tested-to-standard"
        if standard is None:
            why_not = "the lab test names no standard (add `standard`)"
    elif kind == "expert-reviewed":
        rung = "expert-reviewed"
    else:
        why_not = f"unknown kind of evidence {kind!r}"
    return Support(
        rung,
        by,
        _text(entry.get("date")),
        _text(entry.get("summary")),
        evidence=index,
        standard=standard,
        why_not=why_not,
    )


def _from_make(make_id: str, make: Mapping[str, Any], names: set[str], makers: set[str]) -> Support:
    given = make.get("by")
    by = given if isinstance(given, dict) else {}
    name = _text(by.get("name"))
    maker = by.get("maker")
    own = _key(name) in names or (isinstance(maker, str) and maker in makers)
    return Support(
        "made-by-author" if own else "made-independently",
        name,
        _text(make.get("date")),
        _text(make.get("summary")),
        make=make_id,
        why_not=None if make.get("outcome") in WORKED else "the make failed",
    )


def ladder(design: Mapping[str, Any], makes: Mapping[str, Mapping[str, Any]]) -> Ladder:
    """The ladder of one design, from its `evidence` and its make reports (id -> data)."""
    names, makers = _authors(design)
    records = [
        _from_evidence(i, entry, names)
        for i, entry in enumerate(_list(design.get("evidence")))
        if isinstance(entry, dict)
    ]
    records += [_from_make(make_id, make, names, makers) for make_id, make in makes.items()]
    records.sort(key=lambda s: (LEVEL[s.rung], s.date, s.make or "", s.evidence or 0))
    counted = tuple(s for s in records if s.why_not is None)
    top = max((LEVEL[s.rung] for s in counted), default=0)
    independent = {_key(s.by) for s in counted if s.rung == "made-independently"}
    return Ladder(
        RUNGS[top].id,
        len(independent),
        counted,
        tuple(s for s in records if s.why_not is not None),
    )


def makes_by_design(makes: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Make reports (id, data) grouped by the design they report on."""
    grouped: dict[str, dict[str, Any]] = {}
    for make_id, make in sorted(makes, key=lambda item: item[0]):
        if isinstance(make, dict) and isinstance(make.get("design"), str):
            grouped.setdefault(make["design"], {})[make_id] = make
    return grouped


def maturity_problem(design: Mapping[str, Any], reached: Ladder) -> str | None:
    """Why the design's declared maturity claims more than its records show, if it does."""
    maturity = design.get("maturity")
    needed = MATURITY_NEEDS.get(maturity) if isinstance(maturity, str) else None
    if needed is None or reached.level >= LEVEL[needed]:
        return None
    return (
        f"maturity {maturity!r} needs a record of the rung {RUNGS[LEVEL[needed]].name!r} "
        f"(an `evidence` entry or a make report); the records show {reached.label!r}"
    )

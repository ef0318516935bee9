"""Sentences the analysis says to people (a part's reasons), as typed messages: an English
template with %(name)s where its values go, and the values themselves, typed, so that each
language writes the sentence its own way when it is shown.

- Figure: a number and how many digits it is written with; each language writes it with
  its own decimal mark (`0,45` in French).
- Term: a word or phrase of the analysis's own (a unit's name, a note on a material's
  figures, a joining word); translated like the templates.
- Name: an id, a material's name, a rule as the record writes it: shown as it is.
- Clause: a sentence inside the sentence, with its own template and values.
- Series: values joined by a Term (`, `, ` or `).

The templates are the messages of the findings' catalogue in context `reason`, the terms
in context `reason word` (generator/findings/locale, brought up to date from the calls of
`say` and `term` by `python -m generator.findings.catalogue`). The English sentence is kept
beside the typed one in the results (Reason.message), for readers of the JSON.

Pure data and formatting: no numpy, no catalogue.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

# How a figure is written: Python's format specification for it (`g`: as few digits as
# it needs; `,.0f`: whole, thousands grouped as the language groups them).
Style = Literal["g", ".0f", ".3g", ",.0f"]


# Each value has the name of its placeholder in the sentence that holds it ("" for a
# sentence on its own, and for the items of a series).


@dataclass(frozen=True, kw_only=True, slots=True)
class Figure:
    name: str = ""
    number: float
    style: Style = "g"


@dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    name: str = ""
    term: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Name:
    name: str = ""
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Clause:
    name: str = ""
    template: str
    values: tuple[Value, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Series:
    name: str = ""
    items: tuple[Value, ...]
    joiner: Term


Value = Figure | Term | Name | Clause | Series


def say(template: str, /, **values: Value | float | str) -> Clause:
    """A sentence: its English template and its values by placeholder (a float or int is a
    Figure written with `g`, a str a Name)."""
    return Clause(
        template=template,
        values=tuple(dataclasses.replace(_value(v), name=key) for key, v in values.items()),
    )


def term(english: str) -> Term:
    """A word of the analysis's own, which each language translates."""
    return Term(term=english)


def measured(number: float | None) -> Figure | Name:
    """A figure that may not have been measured: `?` where it was not."""
    return Name(text="?") if number is None else Figure(number=number)


def term_words(english: str) -> str:
    """Words the results keep as text (why a material's figure is missing, how pieces are
    laid out), which a sentence quotes as a Term: marked here for the catalogue."""
    return english


def series(items: Sequence[Value], joiner: str) -> Series:
    return Series(items=tuple(items), joiner=term(joiner))


def _value(value: Value | float | str) -> Value:
    if isinstance(value, str):
        return Name(text=value)
    if isinstance(value, int | float):
        return Figure(number=float(value))
    return value


class Words(Protocol):
    """How a language writes a sentence's parts."""

    def template(self, english: str) -> str: ...

    def term(self, english: str) -> str: ...

    def number(self, figure: Figure) -> str: ...


class English:
    """The words as the code writes them."""

    def template(self, english: str) -> str:
        return english

    def term(self, english: str) -> str:
        return english

    def number(self, figure: Figure) -> str:
        return format(figure.number, figure.style)


def written(value: Value, words: Words | None = None) -> str:
    """A sentence (or a value of one) in the language of `words` (English by default)."""
    chosen = words or English()
    match value:
        case Figure():
            return chosen.number(value)
        case Term():
            return chosen.term(value.term)
        case Name():
            return value.text
        case Series():
            return chosen.term(value.joiner.term).join(written(v, chosen) for v in value.items)
        case Clause():
            filled = {item.name: written(item, chosen) for item in value.values}
            return chosen.template(value.template) % filled

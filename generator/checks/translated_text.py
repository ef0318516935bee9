"""What a translated text must keep of its English: its numbers, their units, its links and
its `code`. Pure functions on two strings.

Numbers are read as each language writes them: `1,000.5` or `1 000.5` in English;
`1 000,5` (the groups of thousands joined by a space, non-breaking or not) or `0.5` in
French. A number
is compared by value, so `0.8 mm` and `0,8 mm` agree and `0,8 mm` and `8 mm` do not.
Numbers and units are compared as sets, since a translation may say a unit once where the
English repeats it (`15 to 20 %`), or the other way round; a number that carries a unit in
both texts must carry the same one. Link targets and code spans stay as they are, and the
numbers inside them are not read as quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Unit symbols as the catalogue writes them, longest first so that `mm` is not read as
# `m`; words (`hours`, `heures`) are words, not units. `in` is left out: it is mostly the
# preposition ("1:1 in mm").
_UNITS = (
    "kWh",
    "g/cm3",
    "g/cm³",
    "kg/m3",
    "kg/m³",
    "g/m2",
    "g/m²",
    "mm/s",
    "rpm",
    "MPa",
    "GPa",
    "kPa",
    "gsm",
    "bar",
    "deg",
    "min",
    "kg",
    "mg",
    "µm",
    "μm",
    "um",
    "mm",
    "cm",
    "km",
    "nm",
    "m3",
    "m³",
    "m2",
    "m²",
    "cm3",
    "cm³",
    "cm2",
    "cm²",
    "ml",
    "mL",
    "kW",
    "kN",
    "Wh",
    "Hz",
    "°C",
    "°F",
    "%",
    "°",
    "L",
    "l",
    "g",
    "m",
    "h",
    "s",
    "t",
    "W",
    "V",
    "N",
    "K",
)
_UNIT_ALIASES = {
    "g/cm³": "g/cm3",
    "kg/m³": "kg/m3",
    "g/m²": "g/m2",
    "gsm": "g/m2",
    "μm": "µm",
    "um": "µm",
    "m³": "m3",
    "m²": "m2",
    "cm³": "cm3",
    "cm²": "cm2",
    "mL": "ml",
    "L": "l",
    "°": "deg",
}
_SPACE = "[ \u00a0\u202f]"
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# A unit ends where no letter follows, nor an apostrophe: in "code 7 s'applique" the s
# is a word cut short (French elision), not seconds.
_AFTER_UNIT = r"(?![^\W\d_]|['\u2019])"
# Groups of thousands joined by a space (`10 000`, as SI writes them in either language),
# in English also by a comma (`10,000`).
_GROUPS = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])"
_NUMBER = {
    "en": rf"{_GROUPS}(?:\.[0-9]+)?|[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?",
    "fr": rf"{_GROUPS}(?:,[0-9]+)?|[0-9]+(?:[,.][0-9]+)?",
}
_QUANTITY = {
    language: re.compile(
        rf"(?<![0-9])(?P<number>{number})(?:{_SPACE}?(?P<unit>{_UNIT}){_AFTER_UNIT})?"
    )
    for language, number in _NUMBER.items()
}
# Link targets (Markdown links and images, autolinks, bare addresses) and code spans.
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)[^)]*\)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_BARE_ADDRESS = re.compile(r"(?<![(<\w])https?://[^\s)>\]]+")
_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# A French decimal point before a unit (`0.8 mm`), which French writes with a comma.
_FRENCH_DECIMAL_POINT = re.compile(
    rf"(?<![0-9.])([0-9]+\.[0-9]+)({_SPACE}?(?:{_UNIT}){_AFTER_UNIT})"
)


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str | None
    text: str  # as written
    offset: int  # where in the text it starts


def _value(number: str, language: str) -> Decimal:
    grouped = re.sub(r"[ \u00a0\u202f]", "", number)
    if language == "en":
        return Decimal(grouped.replace(",", ""))
    return Decimal(grouped.replace(",", "."))


def references(text: str) -> list[tuple[str, int]]:
    """The link targets and code spans of a text, with where each starts."""
    if not any(sign in text for sign in _REFERENCE_SIGNS):
        return []
    found = [(m.group(2).strip(), m.start()) for m in _CODE.finditer(text)]
    prose = _masked(text, _CODE)
    for pattern in (_MARKDOWN_TARGET, _AUTOLINK):
        found += [(m.group(1), m.start(1)) for m in pattern.finditer(prose)]
        prose = _masked(prose, pattern)
    found += [(m.group(0).rstrip(".,;:"), m.start()) for m in _BARE_ADDRESS.finditer(prose)]
    return found


def _masked(text: str, pattern: re.Pattern[str]) -> str:
    """The text with every match of `pattern` blanked out, its length and lines kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


# Text without these holds no link nor code span: it is read as it is (most fields).
_REFERENCE_SIGNS = ("`", "](", "<", "http")


def quantities(text: str, language: str) -> list[Quantity]:
    """The numbers of a text (outside links and code), with the unit each carries."""
    if not any(character.isdigit() for character in text):
        return []
    prose = text
    if any(sign in text for sign in _REFERENCE_SIGNS):
        for pattern in (_CODE, _MARKDOWN_TARGET, _AUTOLINK, _BARE_ADDRESS):
            prose = _masked(prose, pattern)
    found = []
    for match in _QUANTITY[language].finditer(prose):
        unit = match["unit"]
        found.append(
            Quantity(
                _value(match["number"], language),
                _UNIT_ALIASES.get(unit, unit) if unit else None,
                re.sub(_SPACE, " ", match.group(0)),
                match.start(),
            )
        )
    return found


@dataclass(frozen=True)
class Departure:
    """Something a translated text does not keep of its English: what, and where in the
    translated text (0 when it is something the translation lacks)."""

    kind: str  # "number", "unit" or "reference"
    message: str
    offset: int = 0


def _number_departures(english: str, translated: str, language: str) -> list[Departure]:
    ours, theirs = quantities(english, "en"), quantities(translated, language)
    english_values = {q.value for q in ours}
    translated_values = {q.value for q in theirs}
    departures = [
        Departure("number", f"has {q.text.strip()}, which the English does not", q.offset)
        for q in _first_of_each(theirs)
        if q.value not in english_values
    ]
    missing = [q.text.strip() for q in _first_of_each(ours) if q.value not in translated_values]
    if missing:
        departures.append(Departure("number", f"leaves out {_listed(missing)} of the English"))
    english_units = {q.unit for q in ours if q.unit}
    for q in _first_of_each(theirs, by_unit=True):
        units = {o.unit for o in ours if o.value == q.value and o.unit}
        if q.unit and q.unit not in english_units:
            departures.append(
                Departure("unit", f"has {q.text}, a unit the English does not use", q.offset)
            )
        elif q.unit and units and q.unit not in units:
            departures.append(
                Departure(
                    "unit", f"has {q.text.strip()} where the English has {_listed(units)}", q.offset
                )
            )
    return departures


def _first_of_each(found: list[Quantity], *, by_unit: bool = False) -> list[Quantity]:
    """The first quantity of each value (or of each value and unit)."""
    seen: set[object] = set()
    first = []
    for quantity in found:
        key = (quantity.value, quantity.unit) if by_unit else quantity.value
        if key not in seen:
            seen.add(key)
            first.append(quantity)
    return first


def _listed(items: list[str] | set[str]) -> str:
    return ", ".join(sorted(items) if isinstance(items, set) else items)


def departures(english: str, translated: str, language: str) -> list[Departure]:
    """What the translated text changes of the English's numbers, units, links and code."""
    found = _number_departures(english, translated, language)
    ours = {target for target, _ in references(english)}
    theirs = references(translated)
    seen: set[str] = set()
    for target, offset in theirs:
        if target not in ours and target not in seen:
            seen.add(target)
            found.append(
                Departure("reference", f"has {target!r}, which the English does not", offset)
            )
    missing = sorted(ours - {target for target, _ in theirs})
    if missing:
        found.append(Departure("reference", f"leaves out {', '.join(map(repr, missing))}"))
    return found


def decimal_points(translated: str, english: str = "") -> list[tuple[str, int]]:
    """Numbers before a unit written with a decimal point, in French text; not one joined
    to its unit exactly as the English writes it, which is a name (the print profile
    `0.20mm QUALITY`), not a quantity."""
    return [
        (m.group(1), m.start())
        for m in _FRENCH_DECIMAL_POINT.finditer(translated)
        if m.group(2)[0].isspace() or m.group(0) not in english
    ]

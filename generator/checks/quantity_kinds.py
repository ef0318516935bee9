"""The kinds of quantity records give, with their units and plausible ranges, read from
generator/checks/data/quantity_kinds.yml (where each range has its reason and source),
and the unit conversions that name the value a slipped unit meant.

The file is read with the records' own safe loader and checked as it is read: a kind
without units, a bound citing no source it lists, or a conversion by zero is an error at
once, not a wrong finding later.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

from generator.records.loader import parse

KINDS_FILE = Path(__file__).resolve().parent / "data" / "quantity_kinds.yml"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    says: str


@dataclass(frozen=True)
class Bound:
    value: float
    open: bool  # the value itself is outside the range
    why: str
    source: Source | None  # None: the bound holds by definition

    def admits(self, value: float, *, low: bool) -> bool:
        if self.open:
            return value > self.value if low else value < self.value
        return value >= self.value if low else value <= self.value


@dataclass(frozen=True)
class Kind:
    name: str
    fields: tuple[str, ...]  # patterns of the names of its quantities, `*` for any text
    units: tuple[str, ...]  # the first is the unit of its range
    claims: bool  # a quantity in one of its units is of this kind, whatever its name
    low: Bound | None
    high: Bound | None

    @property
    def unit(self) -> str:
        return self.units[0]

    def admits(self, value: float) -> bool:
        return (self.low is None or self.low.admits(value, low=True)) and (
            self.high is None or self.high.admits(value, low=False)
        )

    def range_text(self) -> str:
        """`0.00016-22.59 g/cm3`, `above 0 mm`, `-273.15 to 3422 °C`."""
        low, high = self.low, self.high
        if low is not None and high is not None:
            if low.open:
                return f"above {low.value:g}, up to {high.value:g} {self.unit}"
            joiner = " to " if low.value < 0 else "-"
            return f"{low.value:g}{joiner}{high.value:g} {self.unit}"
        if low is not None:
            return f"{'above' if low.open else 'at least'} {low.value:g} {self.unit}"
        if high is not None:
            return f"{'below' if high.open else 'at most'} {high.value:g} {self.unit}"
        return f"any value in {self.unit}"

    def why_text(self) -> str:
        """Why the range ends where it does: `the lightest solid ... to osmium ...`."""
        reasons = [b.why for b in (self.low, self.high) if b is not None]
        if len(reasons) == 2 and reasons[0] != reasons[1]:
            return f"from {reasons[0]}, to {reasons[1]}"
        return reasons[0] if reasons else "no bound"


@dataclass(frozen=True)
class Conversion:
    source_unit: str
    target_unit: str
    factor: float


@dataclass(frozen=True)
class QuantityKinds:
    kinds: tuple[Kind, ...]
    conversions: tuple[Conversion, ...]
    sources: tuple[Source, ...]

    def kind_of(self, field: str, unit: object) -> Kind | None:
        """The kind of a quantity by its field name, else by its unit; None if neither
        says."""
        for kind in self.kinds:
            if any(fnmatchcase(field, pattern) for pattern in kind.fields):
                return kind
        for kind in self.kinds:
            if kind.claims and unit in kind.units:
                return kind
        return None

    def convert(self, value: float, source_unit: str, target_unit: str) -> float | None:
        for conversion in self.conversions:
            if conversion.source_unit == source_unit and conversion.target_unit == target_unit:
                return value * conversion.factor
        return None

    def meant(self, kind: Kind, value: float) -> list[tuple[float, str]]:
        """The values in the kind's unit that `value` would be had it been written in
        another unit by mistake, each with that unit: 1180 g/cm3 -> [(1.18, 'kg/m3')]."""
        found = []
        for conversion in self.conversions:
            if conversion.target_unit == kind.unit:
                converted = value * conversion.factor
                if kind.admits(converted):
                    found.append((converted, conversion.source_unit))
        return found


class KindsFileError(ValueError):
    """quantity_kinds.yml is not as its header describes."""


def _number(node: dict[str, Any], key: str, where: str) -> float:
    value = node.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise KindsFileError(f"{where}: `{key}` must be a finite number")
    return float(value)


def _text(node: dict[str, Any], key: str, where: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KindsFileError(f"{where}: `{key}` must be text")
    return value


def _bound(node: Any, where: str, sources: dict[str, Source]) -> Bound | None:
    if node is None:
        return None
    if not isinstance(node, dict) or set(node) - {"value", "open", "why", "source"}:
        raise KindsFileError(f"{where}: a bound has value, open, why and source only")
    source_id = node.get("source")
    if source_id is not None and source_id not in sources:
        raise KindsFileError(f"{where}: source {source_id!r} is not under `sources`")
    return Bound(
        _number(node, "value", where),
        node.get("open") is True,
        _text(node, "why", where),
        sources[source_id] if source_id is not None else None,
    )


_KIND_KEYS = ("kind", "fields", "units", "claims", "low", "high")


def _kind(node: Any, index: int, sources: dict[str, Source]) -> Kind:
    where = f"kinds[{index}]"
    if not isinstance(node, dict) or set(node) - {*_KIND_KEYS}:
        raise KindsFileError(f"{where}: a kind has {', '.join(_KIND_KEYS)} only")
    fields, units = node.get("fields"), node.get("units")
    for key, value in (("fields", fields), ("units", units)):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise KindsFileError(f"{where}: `{key}` must be a list of text")
    kind = Kind(
        _text(node, "kind", where),
        tuple(fields),  # type: ignore[arg-type]
        tuple(units),  # type: ignore[arg-type]
        node.get("claims") is True,
        _bound(node.get("low"), f"{where}.low", sources),
        _bound(node.get("high"), f"{where}.high", sources),
    )
    if kind.low and kind.high and kind.low.value >= kind.high.value:
        raise KindsFileError(f"{where}: `low` must be below `high`")
    return kind


def read_kinds(text: bytes, where: Path = KINDS_FILE) -> QuantityKinds:
    """The kinds, conversions and sources in a quantity_kinds.yml, checked."""
    data = parse(text, where).data
    if (
        not isinstance(data, dict)
        or set(data) != {"sources", "kinds", "conversions"}
        or not isinstance(data["sources"], dict)
        or not all(isinstance(node, dict) for node in data["sources"].values())
        or not isinstance(data["kinds"], list)
        or not isinstance(data["conversions"], list)
        or not all(isinstance(node, dict) for node in data["conversions"])
    ):
        raise KindsFileError(
            f"{where}: expected sources (a mapping of mappings), kinds and conversions (lists)"
        )
    sources = {
        key: Source(
            key,
            *(_text(node, f, f"sources.{key}") for f in ("title", "publisher", "url", "says")),
        )
        for key, node in data["sources"].items()
    }
    kinds = tuple(_kind(node, i, sources) for i, node in enumerate(data["kinds"]))
    conversions = []
    for i, node in enumerate(data["conversions"]):
        at = f"conversions[{i}]"
        factor = _number(node, "factor", at)
        if factor <= 0:
            raise KindsFileError(f"{at}: `factor` must be above 0")
        conversions.append(Conversion(_text(node, "from", at), _text(node, "to", at), factor))
    used = {b.source.id for k in kinds for b in (k.low, k.high) if b and b.source}
    if set(sources) - used:
        raise KindsFileError(f"{where}: sources no bound cites: {sorted(set(sources) - used)}")
    return QuantityKinds(kinds, tuple(conversions), tuple(sources.values()))


@cache
def quantity_kinds() -> QuantityKinds:
    """The project's table, read once."""
    return read_kinds(KINDS_FILE.read_bytes())

"""The table of plausible ranges (generator/checks/data/quantity_kinds.yml): it covers every
quantity the schemas and the catalogue give, agrees with the schemas' units, names the
value a slipped unit meant, and refuses a table that is not as its header says."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.plausibility import quantities
from generator.checks.quantity_kinds import KINDS_FILE, KindsFileError, quantity_kinds, read_kinds
from generator.checks.schema_files import fixed_units
from generator.records.catalog import RECORD_PLACES, load_catalog

ROOT = Path(__file__).resolve().parents[2]


def test_every_quantity_the_schemas_fix_has_a_kind_in_that_unit() -> None:
    table = quantity_kinds()
    for record_type in RECORD_PLACES:
        for path, unit in fixed_units(record_type).items():
            kind = table.kind_of(path[-1], unit)
            assert kind is not None, f"{record_type}: {'.'.join(path)} has no kind"
            assert unit in kind.units, f"{'.'.join(path)} is in {unit}, {kind.name} in {kind.units}"
            # Its range can be checked in the schema's unit.
            assert unit == kind.unit or table.convert(1.0, unit, kind.unit) is not None


def test_every_quantity_in_the_catalogue_has_a_kind() -> None:
    """A quantity no kind matches would be checked against nothing."""
    table = quantity_kinds()
    unchecked = sorted(
        f"{record.display}: {name} ({quantity.get('unit')})"
        for record in load_catalog(ROOT).records
        for _, name, quantity in quantities(record.data)
        if table.kind_of(name, quantity.get("unit")) is None
    )
    assert unchecked == []


def test_a_name_decides_the_kind_before_a_unit() -> None:
    table = quantity_kinds()
    assert table.kind_of("fill_density", "%").name == "share of the whole"  # type: ignore[union-attr]
    assert table.kind_of("filament_density", "g/cm3").name == "density"  # type: ignore[union-attr]
    assert table.kind_of("areal_density", "g/m2").name == "areal density"  # type: ignore[union-attr]
    # No kind by name: the unit claims it.
    assert table.kind_of("plate_heat", "°C").name == "temperature"  # type: ignore[union-attr]
    assert table.kind_of("something_else", "%") is None


def test_the_value_meant_is_named() -> None:
    table = quantity_kinds()
    density = table.kind_of("density", "g/cm3")
    modulus = table.kind_of("tensile_modulus", "GPa")
    assert density is not None and modulus is not None
    assert not density.admits(1180) and density.admits(1.18)
    assert [(round(v, 6), u) for v, u in table.meant(density, 1180)] == [(1.18, "kg/m3")]
    assert [(round(v, 6), u) for v, u in table.meant(modulus, 3500)] == [(3.5, "MPa")]


def test_every_bound_from_outside_says_where() -> None:
    for kind in quantity_kinds().kinds:
        for bound in (kind.low, kind.high):
            if bound is not None and bound.source is not None:
                assert bound.source.url.startswith("https://")


GOOD = KINDS_FILE.read_text("utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("source: guinness-osmium}", "source: guinness-iridium}"), "'guinness-iridium' is not"),
        (("high: {value: 22.59", "high: {value: 0.0001"), "`low` must be below `high`"),
        (
            (
                "  - {from: kg/m3, to: g/cm3, factor: 0.001}",
                "  - {from: kg/m3, to: g/cm3, factor: 0}",
            ),
            "above 0",
        ),
        (
            (
                "    claims: true\n    low: {value: 0.00016",
                "    claim: true\n    low: {value: 0.00016",
            ),
            "a kind has",
        ),
        (("    units: [g/cm3]\n", "    units: []\n"), "`units` must be a list of text"),
    ],
)
def test_a_malformed_table_is_refused(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(KindsFileError, match=message):
        read_kinds(GOOD.replace(old, new, 1).encode())

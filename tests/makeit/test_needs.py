"""Needs matched to makers on the make-it-here catalogue (tests/makeit/conftest.py), with
every answer worked out by hand: who can make a need, narrowed to the processes and
materials it allows, and whether the capacity a maker states covers the quantity by the
date, as products a week x weeks left."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from generator.makeit.inputs import Catalogue
from generator.makeit.needs import (
    Capacity,
    NeedMatch,
    capacities,
    coverage,
    match_needs,
    rate,
)
from generator.records.catalog import Catalog
from generator.records.facts import data_of, visible_maker
from generator.web.match_page import match_inputs
from tests.makeit.conftest import ANALYSES

AS_OF = datetime.date(2026, 12, 6)
FOUR_WEEKS = "2027-01-03"  # 28 days after AS_OF
TWO_WEEKS = "2026-12-20"


def need(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Hooks",
        "quantity": 100,
        "needed_by": FOUR_WEEKS,
        "requested_by": "A clinic",
        "country": "UG",
        "posted": "2026-12-01",
        "contact": {"issues": True},
        **fields,
    }


def matched(
    match_catalog: Catalog,
    needs: dict[str, dict[str, Any]],
    stated: dict[str, list[dict[str, Any]]],
    as_of: datetime.date = AS_OF,
) -> dict[str, NeedMatch]:
    """The needs matched to the fixture's makers, each given the capacity in `stated`
    and read as it may be shown (visible_maker), as the site does."""
    cat, _ = match_inputs(match_catalog, ANALYSES, visible_maker)
    makers = {}
    for maker_id, record in match_catalog.makers.items():
        data = dict(data_of(record))
        if maker_id in stated:
            data["capacity"] = [{**entry, "stated": "2026-11-20"} for entry in stated[maker_id]]
        makers[maker_id] = visible_maker(data)
    return {m.need.id: m for m in match_needs(cat, makers, needs, as_of)}


def covered(result: NeedMatch) -> list[tuple[str, int | None, bool | None]]:
    return [
        (
            c.maker,
            c.coverage.by_date if c.coverage else None,
            c.coverage.enough if c.coverage else None,
        )
        for c in result.candidates
    ]


def test_capacity_by_design_by_process_and_hidden(match_catalog: Catalog) -> None:
    # hook-kit: a printed base (1 a product) and a hook, moulded or printed (2 a product).
    # print-shop: 60 printed parts a week / 3 printed parts a product = 20 a week; x 4
    # weeks = 80 < 100. mould-shop: 30 hook kits a week x 4 = 120 >= 100. hidden-shop
    # states 1000 a week, but shows no capacity (visible: []), so it is not known.
    result = matched(
        match_catalog,
        {"hooks": need(design="hook-kit")},
        {
            "print-shop": [{"process": "printing", "per_week": 60}],
            "mould-shop": [{"design": "hook-kit", "per_week": 30}],
            "hidden-shop": [{"design": "hook-kit", "per_week": 1000}],
        },
    )["hooks"]
    assert (result.state, result.days_left, result.designs) == ("open", 28, ("hook-kit",))
    assert covered(result) == [
        ("mould-shop", 120, True),
        ("print-shop", 80, False),
        ("hidden-shop", None, None),
    ]
    print_shop = result.candidates[1]
    assert print_shop.coverage is not None
    assert print_shop.coverage.rate.basis == "process"
    assert print_shop.coverage.rate.per_week == pytest.approx(20)
    assert result.candidates[0].unchecked  # mould-shop states no materials or machines


def test_the_slowest_process_sets_the_pace(inputs: tuple[Catalogue, Any]) -> None:
    # mould-shop's hook kit by process: the hook's set takes the moulded hook first (its
    # process has a rate): 2 moulded a product at 50 a week = 25 a week; the base, 1
    # printed at 100 a week = 100 a week. Moulding is slowest: 25 a week, 100 in 28 days,
    # exactly enough.
    cat, _ = inputs
    hook_kit = next(d for d in cat.designs if d.id == "hook-kit")
    stated = (
        Capacity(50, "process", "moulding", "2026-11-20"),
        Capacity(100, "process", "printing", "2026-11-20"),
    )
    found = rate(hook_kit, stated)
    assert found is not None
    assert (found.per_week, found.basis, found.slowest) == (25, "process", "moulding")
    assert coverage(found, 100, 28) == coverage(found, 100, 28)
    assert (coverage(found, 100, 28).by_date, coverage(found, 100, 28).enough) == (100, True)
    assert coverage(found, 101, 28).enough is False
    # Without a rate for every process a product needs, the rate cannot be told.
    assert rate(hook_kit, (Capacity(50, "process", "moulding", "2026-11-20"),)) is None


def test_a_design_rate_wins_over_a_category_rate_over_process_rates(
    inputs: tuple[Catalogue, Any],
) -> None:
    cat, _ = inputs
    rod = next(d for d in cat.designs if d.id == "rod")
    by_process = Capacity(500, "process", "printing", "2026-11-20")
    by_category = Capacity(7, "category", "household", "2026-11-20")
    by_design = Capacity(3, "design", "rod", "2026-11-20")
    assert rate(rod, (by_process, by_category, by_design)).per_week == 3  # type: ignore[union-attr]
    assert rate(rod, (by_process, by_category)).per_week == 7  # type: ignore[union-attr]
    assert rate(rod, (by_process,)).per_week == 500  # type: ignore[union-attr]
    # 7 a week: 14 in 14 days, 9 in 9 days (whole products, rounded down).
    found = rate(rod, (by_category,))
    assert found is not None
    assert coverage(found, 10, 14).by_date == 14
    assert (coverage(found, 10, 9).by_date, coverage(found, 10, 9).enough) == (9, False)
    assert coverage(found, 10, -3).by_date == 0


def test_a_need_narrows_the_design_to_its_materials_and_processes(
    match_catalog: Catalog,
) -> None:
    results = matched(
        match_catalog,
        {
            # print-shop has plastic A only; the others state no materials.
            "clips-b": need(design="my-clip", materials=["plastic-b"]),
            # my-clip is printed: allowing moulding only leaves no way to make it.
            "clips-moulded": need(design="my-clip", processes=["moulding"]),
        },
        {},
    )
    assert [c.maker for c in results["clips-b"].candidates] == ["hidden-shop", "mould-shop"]
    assert results["clips-moulded"].designs == ()
    assert results["clips-moulded"].candidates == ()


def test_a_category_need_takes_each_makers_best_covered_design(match_catalog: Catalog) -> None:
    # Household designs anyone could make: strap is printed from fibre, which no printing
    # takes, so it is out. print-shop makes hook-kit, my-clip and rod: rod at 70 a week
    # (its own rate) makes 140 in two weeks; my-clip at 10 printed parts a week makes 20.
    result = matched(
        match_catalog,
        {"anything": need(category="household", needed_by=TWO_WEEKS)},
        {
            "print-shop": [
                {"design": "rod", "per_week": 70},
                {"process": "printing", "per_week": 10},
            ]
        },
    )["anything"]
    assert result.designs == ("bag", "band", "box", "hook-kit", "my-clip", "rod")
    first = result.candidates[0]
    assert (first.maker, first.designs[0]) == ("print-shop", "rod")
    assert set(first.designs) == {"hook-kit", "my-clip", "rod"}
    assert first.coverage is not None and (first.coverage.by_date, first.coverage.enough) == (
        140,
        True,
    )


def test_states_on_the_build_date(match_catalog: Catalog) -> None:
    results = matched(
        match_catalog,
        {
            "past": need(design="rod", needed_by="2026-11-02"),
            "today": need(design="rod", needed_by="2026-12-06"),
            "met": need(design="rod", status="met"),
            "withdrawn": need(design="rod", status="withdrawn"),
            "unreadable": need(design="rod", needed_by="soon"),
        },
        {"print-shop": [{"design": "rod", "per_week": 70}]},
    )
    assert set(results) == {"past", "today", "met", "withdrawn"}
    assert (results["past"].state, results["past"].days_left) == ("expired", -34)
    assert results["past"].candidates == ()  # an expired need asks no one
    assert (results["today"].state, results["today"].days_left) == ("open", 0)
    # Due today: nothing more can be made for it; a known rate still comes before none.
    assert covered(results["today"])[0] == ("print-shop", 0, False)
    assert results["met"].state == "met" and results["met"].candidates == ()
    assert results["withdrawn"].state == "withdrawn"


def test_capacity_entries_that_count_nothing_or_two_things_are_left_out() -> None:
    stated = capacities(
        {
            "capacity": [
                {"design": "rod", "process": "printing", "per_week": 5, "stated": "2026-11-20"},
                {"per_week": 5, "stated": "2026-11-20"},
                {"process": "printing", "per_week": 0},
                {"process": "printing", "per_week": True},
                "not an entry",
                {"process": "printing", "per_week": 12, "stated": "2026-11-20"},
            ]
        }
    )
    assert stated == (Capacity(12, "process", "printing", "2026-11-20"),)
    assert capacities({"capacity": "lots"}) == ()

"""Matching on the constructed catalogue (see conftest.py), answers worked out by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cli
from generator.analysis.fit import AS_EXPORTED, QUARTER_TURN, placement
from generator.makeit.inputs import Catalogue, Have, maker_have
from generator.makeit.matching import (
    ChoiceError,
    choose,
    have_notes,
    match,
    report,
    warnings,
    who_can_make,
)
from generator.records.catalog import load_catalog
from generator.records.facts import visible_maker
from generator.web import sources
from generator.web.match_page import match_inputs
from tests.makeit.conftest import ANALYSES

ROOT = Path(__file__).resolve().parents[2]

Inputs = tuple[Catalogue, dict[str, Any]]


def by_id(results: list[Any]) -> dict[str, Any]:
    return {r.design: r for r in results}


# --- fitting one part ---------------------------------------------------------------------------


def test_straight_and_quarter_turn() -> None:
    assert placement((50, 20, 10), (100, 100, 100)) == AS_EXPORTED
    assert placement((20, 90, 10), (100, 30, 100)) == QUARTER_TURN
    # The exact bed size fits: an STL exported for the bed is not rejected by rounding.
    assert placement((250, 30, 12), (250, 30, 12)) == AS_EXPORTED
    # Taller than the machine: turning about z cannot help, and parts are never tipped.
    assert placement((20, 20, 101), (300, 300, 100)) is None


def test_diagonal_fit_worked_by_hand() -> None:
    # 120 x 10 on a 100 x 100 bed. The long side's extent along the bed is
    # d cos(theta - phi) with d = hypot(120, 10) = 120.416 and phi = atan(10/120) = 4.764 deg;
    # it reaches 100 at theta = phi + acos(100 / 120.416) = 4.764 + 33.855 = 38.62 deg.
    # Across the bed: 120 sin(38.62) + 10 cos(38.62) = 74.91 + 7.81 = 82.72 <= 100: fits.
    assert placement((120, 10, 10), (100, 100, 100)) == "turned 39°, diagonally"
    # 130 x 20: theta = 8.746 + 40.51 = 49.26 deg; across 130 sin + 20 cos = 98.5 + 13.1
    # = 111.5 > 100: no angle fits.
    assert placement((130, 20, 10), (100, 100, 100)) is None
    # A 180 mm bed takes a 200 x 20 band diagonally (theta = 32.1 deg, across 123.2 mm),
    # not a 260 x 20 one (theta = 50.7 deg, across 214 mm).
    assert placement((200, 20, 5), (180, 180, 180)) == "turned 32°, diagonally"
    assert placement((260, 20, 5), (180, 180, 180)) is None
    # Too wide across (30 > 29) at every angle, though short enough along.
    assert placement((40, 30, 5), (100, 29, 100)) is None


def _fits_at_some_angle(x: float, y: float, bed_x: float, bed_y: float, slack: float) -> bool:
    for step in range(9001):  # every 0.01 degree from 0 to 90
        angle = math.radians(step / 100)
        along = x * math.cos(angle) + y * math.sin(angle)
        across = x * math.sin(angle) + y * math.cos(angle)
        if along <= bed_x + slack and across <= bed_y + slack:
            return True
    return False


sides = st.floats(min_value=1, max_value=400, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(sides, sides, sides, sides)
def test_placement_agrees_with_trying_every_angle(x: float, y: float, bx: float, by: float) -> None:
    found = placement((x, y, 1), (bx, by, 10)) is not None
    # A 0.01-degree search can miss an exact fit by a hair, so compare with a little slack
    # each way: whatever the search finds with margin to spare, the formula must find, and
    # whatever the formula accepts, the search must accept within 0.05 mm.
    if _fits_at_some_angle(x, y, bx, by, slack=-0.05):
        assert found
    if found:
        assert _fits_at_some_angle(x, y, bx, by, slack=0.05)


# --- whole designs ------------------------------------------------------------------------------


def test_print_shop_worked_by_hand(inputs: Inputs) -> None:
    """print-shop: printing on the small printer (100 mm cube), plastic A only."""
    cat, makers = inputs
    have = maker_have(makers["print-shop"], cat.profiles)
    assert have == Have(
        frozenset({"printing"}),
        (cat.profiles["small-printer"],),
        frozenset({"plastic-a"}),
    )
    results = by_id(match(cat, have))
    assert {d for d, r in results.items() if r.status == "can-make"} == {
        "hook-kit",
        "my-clip",
        "rod",
    }
    # No moulding here, but the printed hook can replace the moulded one.
    assert [(p.part, p.made) for p in results["hook-kit"].parts] == [
        ("base", True),
        ("moulded-hook", False),
        ("printed-hook", True),
    ]
    assert results["my-clip"].parts[0].machines == (("Small printer", AS_EXPORTED),)
    assert results["my-clip"].parts[0].materials == ("plastic-a",)
    assert results["rod"].parts[0].machines == (("Small printer", "turned 39°, diagonally"),)
    needs = {d: [n.message for n in r.needs] for d, r in results.items() if r.needs}
    assert needs == {
        "band": [
            "needs Plastic B for Printing",
            "needs a machine for Printing that fits Band (250 x 30 x 12 mm)",
        ],
        "bag": ["needs the process Sewing", "needs Fibre for Sewing"],
        # The body (90 mm cube) fits the small printer; only the lid's process is missing.
        "box": ["needs the process Moulding"],
        # Fibre's record does not list printing, so no material can make the strap.
        "strap": ["none of its listed materials suits Printing"],
        "test-clip": ["needs the process Test printing", "needs Test plastic for Test printing"],
    }
    assert all(r.status == "near-miss" for d, r in results.items() if d in needs)
    assert all(r.unchecked == () for r in results.values())


def test_report_orders_near_misses_by_what_they_lack(inputs: Inputs) -> None:
    cat, makers = inputs
    have = maker_have(makers["print-shop"], cat.profiles)
    answer = report(cat, match(cat, have), have)
    assert [d["design"] for d in answer["can_make"]] == ["hook-kit", "my-clip", "rod"]
    assert [d["design"] for d in answer["near_misses"]] == [
        "box",
        "strap",
        "bag",
        "band",
        "test-clip",
    ]
    assert answer["out_of_reach"] == 0
    assert answer["have"]["materials"] == ["plastic-a"]


def test_unstated_materials_and_machines_are_not_checked_but_said(inputs: Inputs) -> None:
    """mould-shop lists processes only: nothing else is checked, and the answer says so
    once, not under every design."""
    cat, makers = inputs
    have = maker_have(makers["mould-shop"], cat.profiles)
    results = by_id(match(cat, have))
    can = {d for d, r in results.items() if r.status == "can-make"}
    assert can == {"my-clip", "band", "box", "rod", "hook-kit"}
    assert results["box"].unchecked == ()
    assert tuple(n.english for n in have_notes(cat, have)) == (
        "materials not checked: none given",
        "sizes for Moulding not checked: no machine of known size given",
        "sizes for Printing not checked: no machine of known size given",
    )
    assert report(cat, match(cat, have), have)["unchecked"] == [
        n.english for n in have_notes(cat, have)
    ]
    # A maker's page lists what was not checked for the processes the design uses.
    (entry,) = [u for m, u in who_can_make(cat, makers)["rod"] if m == "mould-shop"]
    assert tuple(n.english for n in entry) == (
        "materials not checked: none given",
        "sizes for Printing not checked: no machine of known size given",
    )
    assert [n.message for n in results["bag"].needs] == ["needs the process Sewing"]
    assert [n.message for n in results["strap"].needs] == [
        "none of its listed materials suits Printing"
    ]


def test_hidden_profile_fields_are_not_used(inputs: Inputs) -> None:
    """hidden-shop has a 10 mm printer and plastic B but shows neither: matching must not
    use them (it would say the band does not fit), only say they were not checked."""
    cat, makers = inputs
    assert "machines" not in makers["hidden-shop"] and "materials" not in makers["hidden-shop"]
    results = by_id(match(cat, maker_have(makers["hidden-shop"], cat.profiles)))
    assert results["band"].status == "can-make"


def test_who_can_make_each_design(inputs: Inputs) -> None:
    cat, makers = inputs
    found = who_can_make(cat, makers)
    assert {d: [m for m, _ in entries] for d, entries in found.items()} == {
        "bag": [],
        "band": ["hidden-shop", "mould-shop"],
        "box": ["mould-shop"],
        # hidden-shop and print-shop print the hook; mould-shop could make either.
        "hook-kit": ["hidden-shop", "mould-shop", "print-shop"],
        "my-clip": ["hidden-shop", "mould-shop", "print-shop"],
        "rod": ["hidden-shop", "mould-shop", "print-shop"],
        "strap": [],
        # The base fixture's maker: test printing on its 200 mm fixture printer.
        "test-clip": ["test-maker"],
    }
    assert dict(found["my-clip"])["print-shop"] == ()


def test_a_bed_size_is_a_machine_for_each_chosen_process(inputs: Inputs) -> None:
    cat, makers = inputs
    have = choose(cat, makers, processes=["printing"], materials=["plastic-b"], bed=(250, 30, 12))
    results = by_id(match(cat, have))
    assert results["band"].status == "can-make"
    assert results["band"].parts[0].machines == (("your machine (250 x 30 x 12 mm)", AS_EXPORTED),)
    one_less = choose(
        cat, makers, processes=["printing"], materials=["plastic-b"], bed=(249, 30, 12)
    )
    assert [n.message for n in by_id(match(cat, one_less))["band"].needs] == [
        "needs a machine for Printing that fits Band (250 x 30 x 12 mm)"
    ]


def test_a_machine_brings_its_process_and_adds_to_a_maker(inputs: Inputs) -> None:
    cat, makers = inputs
    have = choose(
        cat, makers, maker="print-shop", machines=["big-printer"], materials=["plastic-b"]
    )
    assert have.all_processes == {"printing"}
    assert have.materials == {"plastic-a", "plastic-b"}
    results = by_id(match(cat, have))
    assert results["band"].parts[0].machines == (("Big printer", AS_EXPORTED),)
    assert results["band"].status == "can-make"


def test_alternatives_worked_by_hand(inputs: Inputs) -> None:
    """hook-kit: a printed base, and a hook moulded or printed (the printed one second)."""
    cat, makers = inputs
    # mould-shop states processes only: every part can be made, alternatives too.
    kit = by_id(match(cat, maker_have(makers["mould-shop"], cat.profiles)))["hook-kit"]
    assert (kit.status, kit.needs, kit.alternatives) == ("can-make", (), ())
    assert [(p.part, p.made, p.alternatives) for p in kit.parts] == [
        ("base", True, ()),
        ("moulded-hook", True, ("printed-hook",)),
        ("printed-hook", True, ("moulded-hook",)),
    ]
    # A press and plastic A: the moulded hook fits the press (200 x 200 x 50 mm), the base
    # needs printing. The printed hook needs printing too, but it is not counted: it only
    # replaces a hook that can be made.
    have = choose(cat, makers, machines=["press"], materials=["plastic-a"])
    kit = by_id(match(cat, have))["hook-kit"]
    assert [(n.message, n.parts) for n in kit.needs] == [("needs the process Printing", ("base",))]
    assert kit.parts[1].machines == (("Test press", AS_EXPORTED),)
    assert (kit.status, kit.alternatives) == ("near-miss", ())
    # Sewing and plastic A: no hook can be made. The moulded one lacks moulding, the
    # printed one printing, which the base needs anyway: the printed hook adds nothing, so
    # the needs are counted for it, though it is listed second. One thing is missing, not
    # two (printing and moulding).
    have = choose(cat, makers, processes=["sewing"], materials=["plastic-a"])
    kit = by_id(match(cat, have))["hook-kit"]
    assert [(n.message, n.parts) for n in kit.needs] == [
        ("needs the process Printing", ("base", "printed-hook"))
    ]
    assert kit.alternatives == (
        "what is missing is counted for Printed hook; Moulded hook would do in its place",
    )
    assert (kit.status, kit.unchecked) == ("near-miss", ())
    # Moulding and fibre: the base lacks printing and plastic A for printing. The moulded
    # hook lacks plastic A for moulding (one more need), the printed hook plastic A or B
    # for printing (one more need too): on a tie, the first listed counts. Three needs:
    # out of reach.
    have = choose(cat, makers, processes=["moulding"], materials=["fibre"])
    kit = by_id(match(cat, have))["hook-kit"]
    assert [n.message for n in kit.needs] == [
        "needs the process Printing",
        "needs Plastic A for Printing",
        "needs Plastic A for Moulding",
    ]
    assert kit.alternatives == (
        "what is missing is counted for Moulded hook; Printed hook would do in its place",
    )
    assert kit.unchecked == ()
    assert tuple(n.english for n in have_notes(cat, have)) == (
        "sizes for Moulding not checked: no machine of known size given",
    )
    assert kit.status == "out-of-reach"


def test_the_test_specimens_are_printed_or_pressed() -> None:
    """The knowledge base's specimen designs: a printer or a sheet press makes them."""
    catalog = load_catalog(ROOT)
    cat, makers = match_inputs(catalog, {}, visible_maker)
    have = choose(cat, makers, processes=["sheet-pressing"], materials=["recycled-hdpe"])
    results = by_id(match(cat, have))
    for design in ("tensile-test-specimen", "flexural-impact-test-bar"):
        assert results[design].status == "can-make"
        assert [p.made for p in results[design].parts] == [False, True]
    have = choose(cat, makers, machines=["prusa-mini"], materials=["pla"])
    results = by_id(match(cat, have))
    for design in ("tensile-test-specimen", "flexural-impact-test-bar"):
        assert results[design].status == "can-make"
        assert [p.made for p in results[design].parts] == [True, False]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"maker": "print-shap"}, "no maker 'print-shap'; did you mean 'print-shop'?"),
        ({"processes": ["moulding", "weaving"]}, "no process 'weaving'"),
        ({"machines": ["small"]}, "no machine profile 'small'"),
        ({"materials": ["plastic-c"]}, "no material 'plastic-c'; did you mean"),
        ({"bed": (100.0, 100.0, 100.0)}, "a bed size needs a process"),
        ({"processes": ["printing"], "bed": (100.0, math.nan, 100.0)}, "three positive numbers"),
        ({"processes": ["printing"], "bed": (100.0, 0.0, 100.0)}, "three positive numbers"),
    ],
)
def test_choices_that_name_nothing_say_so(inputs: Inputs, choice: Any, message: str) -> None:
    cat, makers = inputs
    with pytest.raises(ChoiceError, match=message.replace("?", r"\?")):
        choose(cat, makers, **choice)


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def known_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "analyse", lambda catalog, root: ANALYSES)


def run(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(repo), "match", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("known_sizes")
def test_makelocal_match_gives_the_same_answer_as_json(
    match_repo: Path, inputs: Inputs, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(match_repo, capsys, "--maker", "print-shop")
    assert code == 0, err
    cat, makers = inputs
    have = maker_have(makers["print-shop"], cat.profiles)
    assert json.loads(out) == json.loads(json.dumps(report(cat, match(cat, have), have)))
    code, out, _ = run(
        match_repo,
        capsys,
        "--process",
        "printing",
        "--material",
        "plastic-b",
        "--bed",
        "250",
        "30",
        "12",
    )
    answer = json.loads(out)
    assert code == 0
    assert [d["design"] for d in answer["can_make"]] == ["band", "my-clip"]
    assert answer["can_make"][0]["parts"][0]["machines"] == [
        {"machine": "your machine (250 x 30 x 12 mm)", "placement": "as exported"}
    ]


@pytest.mark.usefixtures("known_sizes")
def test_makelocal_match_errors_are_one_line_and_exit_2(
    match_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(match_repo, capsys, "--machine", "big-printr")
    assert (code, out) == (2, "")
    assert err == "makelocal match: no machine profile 'big-printr'; did you mean 'big-printer'?\n"


def test_makelocal_match_refuses_a_catalogue_with_errors(
    match_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (match_repo / "catalog/makers/print-shop.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/maker.schema.json\nid: print-shop\n"
    )
    code, out, err = run(match_repo, capsys, "--maker", "print-shop")
    assert (code, out) == (2, "")
    assert "the records have errors" in err and "print-shop.yml" in err


def test_a_material_that_must_never_be_heated_beside_a_heating_process_is_a_danger(
    inputs: Inputs,
) -> None:
    cat, makers = inputs
    printing = choose(cat, makers, processes=["printing", "moulding"], materials=["never-heat"])
    assert warnings(cat, printing) == (
        "Never-heat plastic must never be heated, and Moulding and Printing would heat it: "
        "read its safety notes before anything else",
    )
    assert report(cat, match(cat, printing), printing)["warnings"] == list(warnings(cat, printing))
    # Sewing does not heat; and a material not ticked is no danger.
    assert warnings(cat, choose(cat, makers, processes=["sewing"], materials=["never-heat"])) == ()
    assert warnings(cat, choose(cat, makers, processes=["printing"], materials=["plastic-a"])) == ()

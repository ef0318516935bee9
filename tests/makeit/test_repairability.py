"""The repairability score on designs whose score is worked out by hand here.

score = (D + A + S + K) / 8, each criterion out of 20, rounded half up to one decimal;
A = (depth x 1 + fasteners x 0.5 + tools x 0.5) / 2. See docs of generator/repairability.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from generator.makeit.repairability import (
    BLOCKERS,
    CRITERIA,
    DEPTH_BANDS,
    FASTENER_LABELS,
    FASTENER_POINTS,
    SKILL_LABELS,
    SKILL_POINTS,
    TOOL_LABELS,
    TOOL_POINTS,
    method_markdown,
    score,
)


def design(**repair: Any) -> dict[str, Any]:
    """Two printed parts, both spare parts with sources: everything at full marks."""
    data: dict[str, Any] = {
        "instructions": [{"step": "Print both parts."}],
        "parts": [
            {"id": "a", "file": "parts/a.stl", "source": "src/a.scad"},
            {"id": "b", "file": "parts/b.stl", "source": "src/b.scad"},
        ],
        "repair": {
            "disassembly": "Unclip a from b.",
            "disassembly_depth": 1,
            "fasteners": "reusable",
            "tools": "none",
            "spare_parts": ["a", "b"],
            "common_failures": ["The clip wears."],
            "skill": "layperson",
        },
    }
    data["repair"].update(repair)
    return data


def test_full_marks() -> None:
    # D = 4 + 4 + 4 + 8 = 20; A = (20 + 20 x 0.5 + 20 x 0.5) / 2 = 20; S = 20 x 2/2 = 20;
    # K = 20. (20 + 20 + 20 + 20) / 8 = 10.0
    result = score(design())
    assert result.score == Decimal("10.0")
    assert result.losses == () and result.blockers == ()


def test_a_middling_design_worked_by_hand() -> None:
    data = design(
        disassembly_depth=4,  # 3-5 steps: 16 points
        fasteners="removable",  # 4 points
        tools="basic",  # 15 points
        skill="generalist",  # 15 points
        spare_parts=["a"],
        common_failures=[],
    )
    data["parts"].append({"id": "c", "file": "parts/c.stl"})  # a third part, without source
    result = score(data)
    # D = instructions 4 + disassembly 4 + common failures 0 + sources 8 x 2/3 = 40/3
    # A = (16 x 1 + 4 x 0.5 + 15 x 0.5) / 2 = (16 + 2 + 7.5) / 2 = 12.75
    # S = 20 x 1/3 = 20/3;  K = 15
    # total = 40/3 + 12.75 + 20/3 + 15 = 20 + 27.75 = 47.75;  47.75 / 8 = 5.96875 -> 6.0
    assert result.criteria == {
        "documentation": Fraction(40, 3),
        "disassembly": Fraction(51, 4),
        "spare_parts": Fraction(20, 3),
        "skill": Fraction(15),
    }
    assert result.total == Fraction(191, 4)
    assert result.score == Decimal("6.0")
    # What lowers it, in points out of 10, largest first:
    # spare parts (20 - 20/3) / 8 = 1.67; fasteners (20 - 4) x 0.5 / 2 / 8 = 0.5;
    # common failures 4 / 8 = 0.5; skill (20 - 15) / 8 = 0.625; sources (8/3) / 8 = 0.33;
    # depth (20 - 16) x 1 / 2 / 8 = 0.25; tools (20 - 15) x 0.5 / 2 / 8 = 0.16
    assert [(loss.reason.english, loss.shown) for loss in result.losses] == [
        ("2 of 3 parts are not spare parts that can be remade", "-1.67"),
        ("repair needs a handy person", "-0.63"),
        ("removable fasteners", "-0.50"),
        ("no common failures listed", "-0.50"),
        ("1 of 3 parts have no editable source", "-0.33"),
        ("4 steps to reach the part that fails most", "-0.25"),
        ("basic tools", "-0.16"),
    ]
    assert sum(loss.points for loss in result.losses) == 10 - result.total / 8


def test_rounding_is_half_up_as_by_hand() -> None:
    data = design(common_failures=[])  # loses 4
    data["parts"] += [
        {"id": "c", "file": "parts/c.stl", "source": "src/c.scad"},
        {"id": "d", "file": "parts/d.stl"},  # no source: loses 8 x 1/4 = 2
    ]
    data["repair"]["spare_parts"] = ["a", "b", "c", "d"]
    # total = 80 - 4 - 2 = 74;  74 / 8 = 9.25 -> 9.3 (rounding to even would give 9.2)
    assert score(data).total == 74
    assert score(data).score == Decimal("9.3")


@pytest.mark.parametrize(
    ("repair", "uncapped", "blocker"),
    [
        # A = (20 + 10 + 0) / 2 = 15; total 75; 75 / 8 = 9.375 -> 9.4, capped at 1.9
        ({"tools": "not-possible"}, "9.4", "not-possible"),
        # A = (16 + 0 + 10) / 2 = 13; total 73; 9.125 -> 9.1, capped
        ({"fasteners": "permanent", "disassembly_depth": 3}, "9.1", "permanent"),
        # S = 0; total 60; 7.5, capped
        ({"spare_parts": []}, "7.5", "no-spares"),
        # K = 0; total 60; 7.5, capped
        ({"skill": "manufacturer"}, "7.5", "manufacturer"),
    ],
)
def test_one_blocking_criterion_caps_the_score(
    repair: dict[str, Any], uncapped: str, blocker: str
) -> None:
    result = score(design(**repair))
    assert result.uncapped == Decimal(uncapped)
    assert result.score == Decimal("1.9")
    assert result.capped and result.blockers == (BLOCKERS[blocker],)


def test_permanent_fasteners_do_not_block_when_nothing_is_taken_apart() -> None:
    result = score(design(fasteners="permanent", disassembly_depth=0))
    # A = (20 + 0 + 10) / 2 = 15; total 75 -> 9.4, not capped
    assert (result.score, result.blockers) == (Decimal("9.4"), ())


def test_a_spare_part_needs_a_file_or_source_to_be_remade() -> None:
    data = design()
    for part in data["parts"]:
        del part["file"], part["source"]
    result = score(data)
    assert result.criteria["spare_parts"] == 0
    assert BLOCKERS["no-spares"] in result.blockers
    # A part marked `spare: true` counts as a spare part too.
    data = design(spare_parts=[])
    data["parts"][0]["spare"] = True
    assert score(data).criteria["spare_parts"] == 10


def test_a_part_and_its_alternatives_count_as_one_part() -> None:
    # a, plus b or its alternative b2 (listed as a spare, unlike b): two parts, both spares.
    data = design(spare_parts=["a", "b2"])
    data["parts"].append(
        {"id": "b2", "file": "parts/b2.stl", "source": "src/b2.scad", "alternative_to": "b"}
    )
    assert score(data).criteria["spare_parts"] == 20
    # Without a: one of the two parts (a; b or b2) is a spare: S = 20 x 1/2 = 10.
    data["repair"]["spare_parts"] = ["b2"]
    result = score(data)
    assert result.criteria["spare_parts"] == 10
    assert ("1 of 2 parts are not spare parts that can be remade", "-1.25") in [
        (loss.reason.english, loss.shown) for loss in result.losses
    ]


def test_a_record_without_repair_information_scores_zero_not_a_crash() -> None:
    result = score({"parts": "not a list"})
    assert result.score == Decimal("0.0")
    assert result.blockers == (BLOCKERS["no-spares"],)
    # More than 15 steps: 4 points; A = (4 + 20 x 0.5 + 20 x 0.5) / 2 = 12
    assert score(design(disassembly_depth=40)).criteria["disassembly"] == 12


@pytest.mark.parametrize("wrong", [["reusable"], {"kind": "reusable"}, 3])
def test_repair_values_of_the_wrong_type_score_zero_not_a_crash(wrong: Any) -> None:
    result = score(design(fasteners=wrong, tools=wrong, skill=wrong))
    # A = (20 x 1 + 0 + 0) / 2 = 10; K = 0
    assert result.criteria["disassembly"] == 10 and result.criteria["skill"] == 0
    reasons = {loss.reason.english for loss in result.losses}
    assert {"fasteners not stated", "tools not stated", "skill level not stated"} <= reasons


def test_the_method_page_shows_every_number_the_code_uses() -> None:
    page = method_markdown()
    for labels, points in (
        (FASTENER_LABELS, FASTENER_POINTS),
        (TOOL_LABELS, TOOL_POINTS),
        (SKILL_LABELS, SKILL_POINTS),
    ):
        for key, value in points.items():
            assert re.search(rf"\| {re.escape(labels[key])}( \([^|]*\))? \| {value} \|", page)
    for limit, points in DEPTH_BANDS:
        assert f" to {limit} | {points} |" in page
    assert "added up (at most 80 points) and divided by 8" in page
    assert "plus half the points for the fasteners, plus half the points for the tools" in page
    assert "at most 1.9" in page
    assert all(text in page for text in BLOCKERS.values())
    # Each criterion, as a design page names it, has its section.
    assert all(f"\n## {label}\n" in page for label in CRITERIA.values())


def test_the_method_page_is_in_plain_words() -> None:
    """No field of a record, no coded value: the page is for readers who never saw one."""
    page = method_markdown()
    assert "`" not in page
    assert not re.search(r"\b[a-z]+[._][a-z_]+\b", page.split("## Sources")[0])
    # The coded values that are not also the words of their labels.
    for coded in ("none-needed", "commercially-available", "not-possible", "layperson",
                  "generalist"):  # fmt: skip
        assert coded not in page


def test_what_lowers_a_score_is_said_with_the_labels() -> None:
    data = design(fasteners="permanent", tools="commercially-available", skill="expert")
    reasons = {loss.reason.english for loss in score(data).losses}
    assert {"permanent fasteners", "commercially available tools", "repair needs an expert"} <= (
        reasons
    )

"""The evidence ladder: computed from records, and only from records that say why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.checks.validate import validate_catalog
from generator.records.catalog import load_catalog
from generator.records.evidence import ladder, makes_by_design, maturity_problem

DESIGN: dict[str, Any] = {
    "id": "clip",
    "maturity": "concept",
    "authors": [{"name": "Ada Maker", "maker": "ada-workshop"}, {"name": "Second Author"}],
}


def make(by: str, outcome: str = "worked", maker: str | None = None, **more: Any) -> dict[str, Any]:
    who: dict[str, Any] = {"name": by}
    if maker:
        who["maker"] = maker
    return {"design": "clip", "by": who, "date": "2026-12-01", "outcome": outcome,
            "summary": f"Made by {by}.", **more}  # fmt: skip


def evidence(kind: str, by: str, **more: Any) -> dict[str, Any]:
    return {"type": kind, "date": "2026-11-01", "by": by, "summary": "Done.", **more}


def test_no_record_means_untested() -> None:
    result = ladder(DESIGN, {})
    assert (result.rung, result.level, result.label) == ("untested", 0, "Untested")
    assert result.supports == () and result.not_counted == ()


def test_made_by_its_author_by_name_or_maker_profile() -> None:
    by_profile = ladder(DESIGN, {"m1": make("Someone at Ada's", maker="ada-workshop")})
    by_name = ladder(DESIGN, {"m1": make("  second   AUTHOR ")})
    self_tested = ladder({**DESIGN, "evidence": [evidence("self-tested", "Ada Maker")]}, {})
    for result in (by_profile, by_name, self_tested):
        assert (result.rung, result.label) == ("made-by-author", "Made by its author")
        assert result.independent == 0


def test_independent_makers_are_counted_once_each() -> None:
    design = {**DESIGN, "evidence": [evidence("independently-made", "Kampala Makerspace")]}
    makes = {
        "m1": make("Lagos Lab"),
        "m2": make("lagos  lab"),  # the same maker again
        "m3": make("Kampala Makerspace"),  # already counted from `evidence`
        "m4": make("Lusaka Works", outcome="failed", failed="Cracked."),
        "m5": make("Ada Maker"),  # the author
    }
    result = ladder(design, makes)
    assert result.rung == "made-independently"
    assert result.independent == 2
    assert result.label == "Made independently by 2 others"
    assert [s.make for s in result.supports] == ["m5", None, "m1", "m2", "m3"]
    assert [(s.make, s.why_not) for s in result.not_counted] == [("m4", "the make failed")]
    assert ladder(design, {}).label == "Made independently by 1 other"


def test_a_lab_test_counts_only_with_a_standard() -> None:
    without = {**DESIGN, "evidence": [evidence("lab-tested", "Test Lab")]}
    result = ladder(without, {})
    assert result.rung == "untested"
    assert result.not_counted[0].why_not == "the lab test names no standard (add `standard`)"
    with_standard = {**DESIGN, "evidence": [evidence("lab-tested", "Test Lab", standard="EN 166")]}
    result = ladder(with_standard, {"m1": make("Lagos Lab")})
    assert (result.rung, result.label) == ("tested-to-standard", "Tested against EN 166")


def test_expert_review_is_the_top_rung() -> None:
    design = {**DESIGN, "evidence": [evidence("expert-reviewed", "Dr Reviewer")]}
    assert ladder(design, {}).label == "Reviewed by an expert"


def test_makes_are_grouped_by_design_and_malformed_ones_skipped() -> None:
    grouped = makes_by_design(
        [("b", make("X")), ("a", make("Y")), ("c", {"design": 7}), ("d", "not a mapping")]
    )
    assert list(grouped) == ["clip"] and list(grouped["clip"]) == ["a", "b"]


def test_maturity_claims_need_records() -> None:
    claimed = {**DESIGN, "maturity": "tested"}
    problem = maturity_problem(claimed, ladder(claimed, {"m1": make("Ada Maker")}))
    assert problem is not None and "'Made independently'" in problem
    assert maturity_problem(claimed, ladder(claimed, {"m1": make("Lagos Lab")})) is None
    prototype = {**DESIGN, "maturity": "prototype"}
    assert maturity_problem(prototype, ladder(prototype, {})) is not None


def test_the_validator_warns_where_records_do_not_back_a_claim(match_repo: Path) -> None:
    repo = match_repo
    design = repo / "designs/test-clip/design.yml"
    text = design.read_text().replace("maturity: concept", "maturity: tested")
    text += (
        "evidence:\n"
        "  - type: lab-tested\n"
        "    date: '2026-11-01'\n"
        "    by: Test Lab\n"
        "    summary: Pulled ten clips.\n"
    )
    design.write_text(text)
    makes = repo / "catalog/makes"
    makes.mkdir(parents=True)
    (makes / "clip-by-author.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/make.schema.json\n"
        "id: clip-by-author\n"
        "design: test-clip\n"
        "by: {name: Fixture author}\n"
        "country: UG\n"
        "date: '2026-12-01'\n"
        "process: moulding\n"  # not the process of the design's parts, yet "worked"
        "materials: [test-plastic]\n"
        "outcome: worked\n"
        "summary: Moulded instead of printed.\n"
    )
    found = {(f.file, f.code, f.line) for f in validate_catalog(load_catalog(repo))}
    assert ("designs/test-clip/design.yml", "ML502", 12) in found  # maturity: tested
    assert ("designs/test-clip/design.yml", "ML501", 39) in found  # lab test, no standard
    assert ("catalog/makes/clip-by-author.yml", "ML504", 7) in found
    # The author made it, so `prototype` would be backed: no ML502 then.
    design.write_text(text.replace("maturity: tested", "maturity: prototype"))
    found = {(f.file, f.code) for f in validate_catalog(load_catalog(repo))}
    assert ("designs/test-clip/design.yml", "ML502") not in found

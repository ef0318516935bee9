"""Lineage both ways: what a design derives from, and what derives from it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.catalog import load_catalog
from generator.lineage import Origin, circles, lineages
from generator.validate import validate_catalog


def designs(**parents: list[Any]) -> dict[str, dict[str, Any]]:
    return {
        design_id: {"derived_from": [{"design": p} if isinstance(p, str) else p for p in listed]}
        for design_id, listed in parents.items()
    }


def test_both_directions_and_the_whole_chain() -> None:
    outside = {
        "title": "Prusa Face Shield",
        "url": "https://example.org/shield",
        "licence": "CC-BY-4.0",
    }
    # shield <- band <- thick-band, slim-band <- slimmer; band also credits an outside design
    found = lineages(
        designs(
            shield=[],
            band=["shield", outside],
            **{"thick-band": ["band"], "slim-band": ["band"], "slimmer": ["slim-band"]},
        )
    )
    assert found["band"].parents == (
        Origin("shield", None, None, None, None),
        Origin(None, "Prusa Face Shield", "https://example.org/shield", "CC-BY-4.0", None),
    )
    assert found["shield"].children == ("band",)
    assert found["band"].children == ("slim-band", "thick-band")
    assert found["shield"].descendants == ("band", "slim-band", "thick-band", "slimmer")
    assert found["slimmer"].ancestors == ("slim-band", "band", "shield")
    assert found["shield"].ancestors == () and found["slimmer"].children == ()


def test_unknown_parents_and_self_links_are_left_out_of_the_chain() -> None:
    found = lineages(designs(a=["a", "gone", "b"], b=[]))
    assert found["a"].ancestors == ("b",)
    assert found["b"].children == ("a",)
    assert [o.design for o in found["a"].parents] == ["a", "gone", "b"]  # as written


def test_circles_are_found_with_their_chain() -> None:
    assert circles(designs(a=["b"], b=["c"], c=["a"], d=["a"])) == {
        ("a", "b"): ["b", "c", "a"],
        ("b", "c"): ["c", "a", "b"],
        ("c", "a"): ["a", "b", "c"],
    }
    assert circles(designs(a=["b"], b=[])) == {}
    # A circle does not make the chain endless.
    assert lineages(designs(a=["b"], b=["a"]))["a"].ancestors == ("b",)


def test_a_long_chain_is_no_problem() -> None:
    chain = designs(**{f"d{i}": [f"d{i + 1}"] for i in range(5000)}, d5000=["d0"])
    assert len(circles(chain)) == 5001
    assert (
        len(
            lineages(designs(**{f"d{i}": [f"d{i + 1}"] for i in range(5000)}, d5000=[]))[
                "d0"
            ].ancestors
        )
        == 5000
    )


def test_the_validator_reports_a_circle(repo: Path) -> None:
    text = (repo / "designs/test-clip/design.yml").read_text()
    for me, other in (("clip-a", "clip-b"), ("clip-b", "clip-a")):
        folder = repo / "designs" / me
        shutil.copytree(repo / "designs/test-clip", folder)
        (folder / "design.yml").write_text(
            text.replace("id: test-clip", f"id: {me}") + f"derived_from:\n  - design: {other}\n"
        )
    messages = {
        (f.file, f.code, f.message)
        for f in validate_catalog(load_catalog(repo))
        if f.code == "ML503"
    }
    assert messages == {
        (
            "designs/clip-a/design.yml",
            "ML503",
            "deriving from 'clip-b' closes a circle: clip-a -> clip-b -> clip-a "
            "(each derives from the next)",
        ),
        (
            "designs/clip-b/design.yml",
            "ML503",
            "deriving from 'clip-a' closes a circle: clip-b -> clip-a -> clip-b "
            "(each derives from the next)",
        ),
    }

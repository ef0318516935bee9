"""Lineage both ways: what a design derives from, and what derives from it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.checks.validate import validate_catalog
from generator.records.catalog import load_catalog
from generator.records.lineage import CHAIN_LIMIT, CIRCLE_SHOWN, Circle, Origin, circles, lineages


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
        ("a", "b"): Circle(3, ("b", "c", "a")),
        ("b", "c"): Circle(3, ("c", "a", "b")),
        ("c", "a"): Circle(3, ("a", "b", "c")),
    }
    assert circles(designs(a=["b"], b=[])) == {}
    # A circle does not make the chain endless.
    assert lineages(designs(a=["b"], b=["a"]))["a"].ancestors == ("b",)


def test_a_long_chain_stays_linear() -> None:
    chain = designs(**{f"d{i}": [f"d{i + 1}"] for i in range(5000)}, d5000=[])
    found = lineages(chain)
    # Nearest first, at most CHAIN_LIMIT each way, so 5,001 pages do not list 5,000 each.
    assert found["d0"].ancestors == tuple(f"d{i}" for i in range(1, CHAIN_LIMIT + 1))
    assert found["d5000"].descendants[:2] == ("d4999", "d4998")
    chain["d5000"] = {"derived_from": [{"design": "d0"}]}
    found_circles = circles(chain)
    # Too big a circle to spell out: every link in it is reported with the circle's size.
    assert len(found_circles) == 5001
    assert found_circles[("d5000", "d0")] == Circle(5001, None)


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


def test_the_validator_gives_the_size_of_a_big_circle(repo: Path) -> None:
    text = (repo / "designs/test-clip/design.yml").read_text()
    size = CIRCLE_SHOWN + 1
    for i in range(size):
        folder = repo / "designs" / f"ring-{i}"
        shutil.copytree(repo / "designs/test-clip", folder)
        (folder / "design.yml").write_text(
            text.replace("id: test-clip", f"id: ring-{i}")
            + f"derived_from:\n  - design: ring-{(i + 1) % size}\n"
        )
    found = [f for f in validate_catalog(load_catalog(repo)) if f.code == "ML503"]
    assert len(found) == size
    assert (
        found[0].message
        == f"deriving from 'ring-1' closes a circle: {size} designs derive from each other"
    )

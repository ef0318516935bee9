"""A list written in a record must reach the page as a list (ML408): a folded block (`>`)
joins its lines, and items written on one line run together."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.text_rules import folded_list_line, text_findings
from generator.records.catalog import load_catalog
from tests.conftest import make_repo


def lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n"))


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("  Steps:\n  1. Cut.\n  2. Sew.", 1),
        ("  Tools:\n  - a spanner\n  - pliers", 1),
        ("  Wash the flakes\n  * twice", 1),
        # A line after a blank one, or indented more, keeps its break: Markdown sees a list.
        ("  Steps:\n\n  1. Cut.", None),
        ("  Steps:\n    - a spanner\n    - pliers", None),
        ("  Steps:\n    more indented\n  - joined to nothing folded", None),
        # Prose: a dash or a number inside a line, or a first line that is an item.
        ("  Heat it - gently - to 200 °C,\n  and 2 or 3 times more.", None),
        ("  - only one item", None),
    ],
)
def test_a_folded_block_that_joins_a_list_item_is_found(block: str, expected: int | None) -> None:
    assert folded_list_line(lines(block)) == expected


def _design(repo: Path, disassembly: str) -> list[str]:
    path = repo / "designs/test-clip/design.yml"
    text = path.read_text("utf-8").replace(
        "  disassembly: Pull the clip off.\n", f"  disassembly: |\n{disassembly}"
    )
    path.write_text(text, "utf-8")
    design = load_catalog(repo).designs["test-clip"]
    return [f"{f.code} {f.line}" for f in text_findings(design)]


def test_items_on_one_line_are_found_where_they_are(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    assert _design(repo, "    Open it.\n    1. Pull the clip off. 2. Take out the band.\n") == [
        "ML408 34"
    ]


@pytest.mark.parametrize(
    "disassembly",
    [
        "    1. Pull the clip off.\n    2. Take out the band.\n",
        "    Pull the clip off (about 2. 5 mm). Version 1. 2 of the clip.\n",
        "    1. Pull the clip off. 3. Not the next number.\n",
    ],
)
def test_lists_written_as_lists_pass(tmp_path: Path, disassembly: str) -> None:
    assert _design(make_repo(tmp_path / "repo"), disassembly) == []

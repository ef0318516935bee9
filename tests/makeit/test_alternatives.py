"""Parts that are alternatives (`alternative_to`): how they group, and how the design page,
the JSON API and the Open Know-How manifest show them."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from generator.makeit.inputs import NAMED_ALTERNATIVES, named_alternatives
from generator.records.alternatives import groups
from generator.records.catalog import load_catalog
from generator.web.match_page import SCRIPT_DATA
from generator.web.render import render_site
from generator.web.site import Settings
from tests.makeit.conftest import ANALYSES


def test_links_group_parts_either_way_and_through_chains() -> None:
    parts = [
        {"id": "a"},
        {"id": "b", "alternative_to": "d"},
        {"id": "c"},
        {"id": "d"},
        {"id": "e", "alternative_to": "b"},
    ]
    # b and e name d through b; c stands alone. Groups in the order of their first part.
    assert groups(parts) == [[0], [1, 3, 4], [2]]


def test_links_to_nothing_or_to_itself_join_nothing() -> None:
    parts = [
        {"id": "a", "alternative_to": "a"},
        {"id": "b", "alternative_to": "x"},
        {"id": "c", "alternative_to": ["a"]},
        {"alternative_to": "a"},
    ]
    assert groups(parts) == [[0, 3], [1], [2]]
    assert groups([]) == []


def test_a_long_chain_is_one_group() -> None:
    parts = [{"id": f"p{i}", "alternative_to": f"p{i + 1}"} for i in range(5000)]
    parts.append({"id": "p5000"})
    assert groups(parts) == [list(range(5001))]


def _render(repo: Path) -> tuple[dict[str, str], dict[str, str]]:
    site = render_site(load_catalog(repo), ANALYSES, Settings())
    return {page.path: page.html for page in site.pages}, site.texts


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_design_page_lists_alternatives_with_or(match_repo: Path) -> None:
    pages, texts = _render(match_repo)
    html = pages["design/hook-kit.md"]
    table = html[html.index('<h2 id="parts">') : html.index('<section class="ml-part"')]
    rows = [_text(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
    assert rows == [
        "Part Verdict Qty Process Materials",
        "Base Ready to make 1 Printing Plastic A",
        "Moulded hook Ready to make 2 Moulding Plastic A",
        "or Printed hook Ready to make 2 Printing Plastic A , Plastic B",
    ]
    # Printing is needed for the base anyway, so the hooks add no choice of process.
    processes = html.split("<tr><th>Processes</th><td>")[1].split("</td>")[0]
    assert _text(processes) == "Printing"
    assert _text(html).count("Make this part or") == 2
    assert 'Make this part or <a href="#part-moulded-hook">Moulded hook</a>: one is enough.' in html
    # The JSON API keeps the field.
    (kit,) = [d for d in json.loads(texts["api/designs.json"])["items"] if d["id"] == "hook-kit"]
    assert [p.get("alternative_to") for p in kit["parts"]] == [None, None, "moulded-hook"]
    # The base and a hook assemble; OKH calls that ASM.
    assert "ASM" in tomllib.loads(texts["design/hook-kit/okh.toml"])["tsdc"]


def test_a_design_made_one_way_or_the_other(match_repo: Path) -> None:
    """Without the base, the two hooks are one part made one of two ways: the page offers
    a choice of processes, and OKH sees no assembly."""
    path = match_repo / "designs/hook-kit/design.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: base")] + text[text.index("  - id: moulded-hook") :])
    pages, texts = _render(match_repo)
    html = pages["design/hook-kit.md"]
    processes = html.split("<tr><th>Processes</th><td>")[1].split("</td>")[0]
    assert _text(processes) == "Moulding or Printing"
    assert tomllib.loads(texts["design/hook-kit/okh.toml"])["tsdc"] == ["3DP"]


@pytest.mark.parametrize(
    ("size", "position", "named"),
    [
        (1, 0, []),
        (2, 1, [0]),
        (9, 4, [0, 1, 2, 3, 5, 6, 7, 8]),  # up to NAMED_ALTERNATIVES + 1: all the others
        (100, 0, [1, 2, 3, 4, 5, 6, 7, 8]),
        (100, 50, [46, 47, 48, 49, 51, 52, 53, 54]),  # as many before as after
        (100, 99, [91, 92, 93, 94, 95, 96, 97, 98]),
    ],
)
def test_a_part_names_a_few_of_its_alternatives(size: int, position: int, named: list[int]) -> None:
    group = list(range(10, 10 + size))
    assert list(named_alternatives(group, position)) == [10 + i for i in named]
    assert NAMED_ALTERNATIVES == 8


def _chain(repo: Path, count: int) -> None:
    """test-clip with `count` parts, each an alternative to the one before: one set."""
    design = repo / "designs/test-clip/design.yml"
    parts = "".join(
        f"  - {{id: p{i}, name: Part {i}, quantity: 1, process: test-printing, "
        f"materials: [test-plastic]{f', alternative_to: p{i - 1}' if i else ''}}}\n"
        for i in range(count)
    )
    text = design.read_text("utf-8")
    head, _, tail = text.partition("parts:\n")
    design.write_text(
        head + "parts:\n" + parts + "sources:\n" + tail.partition("sources:\n")[2], "utf-8"
    )


def test_a_long_chain_of_alternatives_costs_linear_pages(repo: Path) -> None:
    """4,800 parts chained by `alternative_to` made a 712 MB design page and a 172 MB
    match.js, growing fourfold with each doubling: now twofold."""
    sizes = []
    for count in (300, 600):
        _chain(repo, count)
        pages, texts = _render(repo)
        sizes.append((len(pages["design/test-clip.md"]), len(texts[SCRIPT_DATA])))
    (page_300, script_300), (page_600, script_600) = sizes
    assert page_600 / page_300 < 2.2 and script_600 / script_300 < 2.2
    assert _text(pages["design/test-clip.md"]).count("Make this part or") == 600

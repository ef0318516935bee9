"""The built site's "What can I make?" page, driven in headless Chromium.

The site is built (MkDocs and all) from the constructed catalogue of conftest.py, with the
part sizes set there, plus a make report and a design with a hostile title. The page's
answers must be those worked out by hand, and the same as `generator.matching` gives for
every selection tried.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.makeit.inputs import Catalogue
from generator.makeit.matching import choose, have_notes, match, warnings
from generator.records.catalog import load_catalog
from generator.records.facts import visible_maker
from generator.web import build, sources
from generator.web.match_page import match_inputs, shaped
from tests.conftest import make_repo, requires_chromium, wait_until
from tests.makeit.conftest import ANALYSES, CATALOGUE

pytestmark = requires_chromium
HOSTILE = "<img src=x onerror=\"document.title='pwned'\">Bag & co"
MAKE = """# yaml-language-server: $schema=../../schemas/make.schema.json
id: my-clip-lagos
design: my-clip
by: {name: Lagos Lab}
country: NG
date: "2026-12-01"
process: printing
materials: [plastic-a]
outcome: worked
summary: Printed ten clips.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Catalogue, Any]]:
    repo = make_repo(tmp_path_factory.mktemp("repo"), CATALOGUE)
    bag = (repo / "designs/bag/design.yml").read_text()
    (repo / "designs/hostile").mkdir()
    (repo / "designs/hostile/design.yml").write_text(
        bag.replace("\nid: bag\n", "\nid: hostile\n").replace(
            "title: Bag", f"title: {json.dumps(HOSTILE)}"
        )
    )
    (repo / "catalog/makes").mkdir()
    (repo / "catalog/makes/my-clip-lagos.yml").write_text(MAKE)
    site = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "analyse", lambda catalog, root, progress: ANALYSES)
        # The validator refuses the hostile title; the page must be safe even without it.
        patch.setattr(sources, "refuse_errors", lambda findings: None)
        build.build_site(repo, site)
    cat, makers = match_inputs(load_catalog(repo), ANALYSES, visible_maker)
    yield site, cat, makers


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    opened = browser.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield opened
    opened.close()
    assert errors == []


READ = """els => els.map(li => [
  li.dataset.design,
  Array.from(li.querySelectorAll('.ml-match__detail')).map(e => e.textContent),
  Array.from(li.querySelectorAll('.ml-note')).map(e => e.textContent)])"""


# A near miss: its needs are those of the group it is listed in.
READ_NEAR = """els => els.map(li => [
  li.dataset.design,
  Array.from(li.closest('.ml-match__lacking').querySelectorAll('.ml-match__needs > li'))
    .map(e => e.textContent),
  Array.from(li.querySelectorAll('.ml-note')).map(e => e.textContent)])"""


def shown(page: Any) -> dict[str, list[Any]]:
    """What the page lists, once it has listed the designs of the latest choice."""
    for listed in ("#ml-match-can", "#ml-match-near"):
        page.wait_for_selector(f"{listed}[aria-busy=false]", state="attached")
    return {
        "can": page.eval_on_selector_all("#ml-match-can > li", READ),
        "near": page.eval_on_selector_all("#ml-match-near li[data-design]", READ_NEAR),
        "unchecked": page.eval_on_selector_all("#ml-match-unchecked > li", TEXTS),
        "warnings": page.eval_on_selector_all("#ml-match-warnings:not([hidden]) li", TEXTS),
    }


TEXTS = "els => els.map(e => e.textContent)"


def tick(page: Any, **chosen: list[str]) -> None:
    for kind, values in chosen.items():
        for value in values:
            page.check(f"input[name={kind}][value='{value}']")


def expected(cat: Catalogue, makers: Any, **chosen: list[str]) -> dict[str, list[Any]]:
    have = choose(
        cat,
        makers,
        processes=chosen.get("process", []),
        machines=chosen.get("machine", []),
        materials=chosen.get("material", []),
    )
    # Listed shape by shape (designs that match alike), each shape's designs by id.
    order = {d["id"]: n for n, (_, designs) in enumerate(shaped(cat)) for d in designs}
    results = sorted(match(cat, have), key=lambda r: (order[r.design], r.design))
    near = sorted(
        (r for r in results if r.status == "near-miss"),
        key=lambda r: (len(r.needs), order[r.design], r.design),
    )
    # Listed together when they lack the same things, groups in order of their first.
    lacks = list(dict.fromkeys(tuple(n.message for n in r.needs) for r in near))
    near.sort(key=lambda r: lacks.index(tuple(n.message for n in r.needs)))
    return {
        "can": [
            [r.design, _part_lines(r, cat), [*r.alternatives, *(n.english for n in r.unchecked)]]
            for r in results
            if r.status == "can-make"
        ],
        "near": [
            [
                r.design,
                [n.message for n in r.needs],
                [*r.alternatives, *(n.english for n in r.unchecked)],
            ]
            for r in near
        ],
        "unchecked": [n.english for n in have_notes(cat, have)],
        "warnings": list(warnings(cat, have)),
    }


def _part_lines(result: Any, cat: Catalogue) -> list[str]:
    """What the page writes for each part of a design you can make: the parts that can be
    made, one that can replace a part listed before it with "or"."""
    names = {p.id: p.name for d in cat.designs if d.id == result.design for p in d.parts}
    lines = []
    shown: set[str] = set()
    for p in result.parts:
        if not p.made:
            continue
        materials = [cat.name(m) for m in p.materials]
        text = f"{names[p.part]}: {cat.name(p.process)}, " + (
            materials[0]
            if len(materials) == 1
            else f"{', '.join(materials[:-1])} or {materials[-1]}"
        )
        if shown & set(p.alternatives):
            text = "or " + text
        if p.machines:
            text += "; fits " + ", ".join(f"{m} ({how})" for m, how in p.machines)
        shown.add(p.part)
        lines.append(text)
    return lines


SELECTIONS: list[dict[str, list[str]]] = [
    {},
    {"machine": ["small-printer"], "material": ["plastic-a"]},
    {"machine": ["small-printer"]},
    {
        "process": ["printing", "moulding"],
        "machine": ["big-printer", "press"],
        "material": ["plastic-a", "plastic-b"],
    },
    {"process": ["sewing"], "material": ["fibre"]},
    {"machine": ["press", "small-printer"], "material": ["plastic-b", "fibre"]},
    # The cases of test_matching.test_alternatives_worked_by_hand.
    {"process": ["moulding", "printing"]},
    {"machine": ["press"], "material": ["plastic-a"]},
    {"process": ["sewing"], "material": ["plastic-a"]},
    {"process": ["moulding"], "material": ["fibre"]},
    {"machine": ["small-printer"], "process": ["sewing"], "material": ["never-heat", "fibre"]},
]


def test_page_answers_worked_out_by_hand(built: Any, page: Any) -> None:
    site, _, _ = built
    page.goto((site / "what-can-i-make.html").as_uri())
    tick(page, machine=["small-printer"], material=["plastic-a"])
    result = shown(page)
    assert [d for d, _, _ in result["can"]] == ["hook-kit", "my-clip", "rod"]
    # No moulding: the hook is printed, and only the parts made are listed.
    assert result["can"][0][1] == [
        "Base: Printing, Plastic A; fits Small printer (as exported)",
        "Printed hook: Printing, Plastic A; fits Small printer (as exported)",
    ]
    assert result["can"][2][1] == [
        "Rod: Printing, Plastic A; fits Small printer (turned 39°, diagonally)"
    ]
    assert [(d, needs) for d, needs, _ in result["near"]] == [
        ("box", ["needs the process Moulding"]),
        ("strap", ["none of its listed materials suits Printing"]),
        # Listed together: they lack the same things.
        ("bag", ["needs the process Sewing", "needs Fibre for Sewing"]),
        ("hostile", ["needs the process Sewing", "needs Fibre for Sewing"]),
        (
            "band",
            [
                "needs Plastic B for Printing",
                "needs a machine for Printing that fits Band (250 x 30 x 12 mm)",
            ],
        ),
        ("test-clip", ["needs the process Test printing", "needs Test plastic for Test printing"]),
    ]
    assert page.inner_text("#ml-match-summary") == (
        "You can make 3 of 9 designs; 6 more lack at most 2 things."
    )
    assert page.locator("#ml-match-near > li").count() == 5  # bag and hostile share one
    # The choice is kept in the address, and restored from it.
    assert page.evaluate("location.hash") == "#machine=small-printer&material=plastic-a"
    page.goto("about:blank")
    page.goto(
        (site / "what-can-i-make.html").as_uri() + "#machine=small-printer&material=plastic-a"
    )
    assert shown(page) == result
    page.click("#ml-match-clear")
    wait_until(page, "document.querySelector('#ml-match-can').children.length === 0")
    assert page.evaluate("location.hash") == ""


@pytest.mark.parametrize(
    "chosen",
    SELECTIONS,
    ids=lambda c: "&".join(f"{k}={','.join(v)}" for k, v in c.items()) or "nothing",
)
def test_page_agrees_with_makelocal_match(
    built: Any, page: Any, chosen: dict[str, list[str]]
) -> None:
    site, cat, makers = built
    page.goto((site / "what-can-i-make.html").as_uri())
    tick(page, **chosen)
    assert shown(page) == expected(cat, makers, **chosen)


def test_page_shows_alternatives_worked_out_by_hand(built: Any, page: Any) -> None:
    site, _, _ = built
    page.goto((site / "what-can-i-make.html").as_uri())
    tick(page, process=["moulding", "printing"])
    answer = shown(page)
    (kit,) = [entry for entry in answer["can"] if entry[0] == "hook-kit"]
    assert kit[1:] == [
        [
            "Base: Printing, Plastic A",
            "Moulded hook: Moulding, Plastic A",
            "or Printed hook: Printing, Plastic A or Plastic B",
        ],
        [],
    ]
    # What was not checked is said once, for all designs.
    assert answer["unchecked"] == [
        "materials not checked: none given",
        "sizes for Moulding not checked: no machine of known size given",
        "sizes for Printing not checked: no machine of known size given",
    ]
    page.click("#ml-match-clear")
    wait_until(page, "document.querySelector('#ml-match-can').children.length === 0")
    tick(page, process=["sewing"], material=["plastic-a"])
    (kit,) = [entry for entry in shown(page)["near"] if entry[0] == "hook-kit"]
    assert kit[1:] == [
        ["needs the process Printing"],
        ["what is missing is counted for Printed hook; Moulded hook would do in its place"],
    ]


def test_record_text_stays_text(built: Any, page: Any) -> None:
    site, _, _ = built
    page.goto((site / "what-can-i-make.html").as_uri())
    tick(page, process=["sewing"])
    link = page.locator("#ml-match-can li[data-design=hostile] > a")
    assert link.inner_text() == HOSTILE
    assert page.locator("#ml-match-can img").count() == 0
    assert page.title() != "pwned"


def test_design_page_says_who_can_make_it(built: Any, page: Any) -> None:
    site, _, _ = built
    page.goto((site / "design/my-clip.html").as_uri())
    who = page.locator("ul.ml-who").inner_text()
    assert who.splitlines() == [
        "Nigeria: Mould shop (materials not checked: none given; sizes for Printing not checked: "
        "no machine of known size given)",
        "Uganda: Print shop",
        "Zambia: Hidden shop (materials not checked: none given; sizes for Printing not checked: "
        "no machine of known size given)",
    ]
    page.goto((site / "design/bag.html").as_uri())
    assert "No maker's profile covers every part" in page.inner_text("#who-can-make + p + p")


def test_gallery_filters_by_evidence(built: Any, page: Any) -> None:
    site, _, _ = built
    page.goto((site / "designs.html").as_uri() + "#evidence=made-independently")
    wait_until(page, "document.querySelector('#ml-gallery-count').textContent !== ''")
    assert page.inner_text("#ml-gallery-count") == "1 of 9 designs"
    card = page.locator("#ml-gallery .ml-card")
    assert "Made independently by 1 other" in card.inner_text()
    page.select_option("select[name=evidence]", "")
    wait_until(page, "document.querySelector('#ml-gallery-count').textContent === '9 of 9 designs'")


def test_home_page_paths_by_equipment_lead_to_what_they_make(built: Any, page: Any) -> None:
    """Each "I have..." path ticks its processes on "What can I make?", and says how many
    designs those alone make: worked out by hand from the catalogue of conftest.py."""
    site, _, _ = built
    page.goto((site / "index.html").as_uri())
    paths = page.eval_on_selector_all(
        "a.ml-path",
        """els => els.map(a => [a.querySelector('.ml-path__have').textContent,
            a.getAttribute('href'), a.querySelector('.ml-path__count').textContent])""",
    )
    # A printer alone: my-clip, band, rod and hook-kit (printed base and hook); the box's
    # body is moulded. A press alone: nothing (every design also prints or sews), so no
    # path. A needle: bag and the hostile copy of it; sewing is done by hand too.
    assert paths == [
        ["a test printer", "what-can-i-make.html#process=printing", "4 designs to make"],
        ["a needle", "what-can-i-make.html#process=sewing", "2 designs to make"],
        ["only hand tools", "what-can-i-make.html#process=sewing", "2 designs to make"],
    ]
    page.click("a.ml-path >> nth=0")
    page.wait_for_url("**/what-can-i-make.html#process=printing")
    page.wait_for_load_state()
    wait_until(page, "document.querySelector('#ml-match-can').children.length > 0")
    assert page.is_checked("input[name=process][value=printing]")
    assert page.inner_text("#ml-match-summary").startswith("You can make 4 of 9 designs")


CARD = """els => els.map(c => [
  c.querySelector('.ml-card__title').textContent,
  Array.from(c.querySelectorAll('.ml-badge')).map(b => [b.textContent, b.title]),
  c.querySelector('.ml-card__meta').textContent,
  (c.querySelector('.ml-card__figures') || {}).textContent || ''])"""


def test_the_gallery_script_draws_the_cards_the_pages_write(built: Any, page: Any) -> None:
    """One badge language: the cards the gallery's script draws say what the written cards
    of the home page say, badges explained on hover the same way."""
    site, _, _ = built
    page.goto((site / "index.html").as_uri())
    written = page.eval_on_selector_all(".ml-cards .ml-card", CARD)
    page.goto((site / "designs.html").as_uri())
    wait_until(page, "document.querySelector('#ml-gallery-count').textContent !== ''")
    drawn = {c[0]: c for c in page.eval_on_selector_all("#ml-gallery .ml-card", CARD)}
    assert written and all(card == drawn[card[0]] for card in written)
    assert all(title for card in written for _, title in card[1])

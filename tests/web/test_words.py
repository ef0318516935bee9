"""Words for readers: no field name, record id, coded value, finding code, note to
contributors, literal backtick or Markdown list left as text in what the site shows.

The site of this repository is built, and every page's reader text is walked
(tests/web/words_check.py says what counts as reader text and what is looked for). Pages
for contributors and developers (the contributor guide, open data) name fields and codes on
purpose, in code formatting; they are still checked for backticks and lists left as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.records.catalog import TRANSLATION_NAME
from generator.web.i18n import TRANSLATED
from generator.web.translated import PAGE_FOLDERS
from tests.web.conftest import ROOT
from tests.web.helpers import data_file
from tests.web.words_check import (
    Text,
    Vocabulary,
    WordFinding,
    page_findings,
    readable,
    reader_texts,
    repository_vocabulary,
    text_findings,
)

RECORD_FOLDERS = set(PAGE_FOLDERS) | set(TRANSLATED)
# Pages written for people who edit the records or read the data with a program.
FOR_CONTRIBUTORS = {"contribute.html", "open-data.html"}
# Pages every build makes, whatever the records: the walk must reach them.
EXPECTED = {
    "index.html",
    "designs.html",
    "materials.html",
    "processes.html",
    "makers.html",
    "repairability.html",
    "what-can-i-make.html",
    "contribute.html",
    "open-data.html",
}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return repository_vocabulary(ROOT)


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def report(found: dict[str, list[WordFinding]]) -> str:
    lines = [f"{page}: {finding}" for page, items in sorted(found.items()) for finding in items]
    return f"{len(lines)} words meant for contributors reach readers:\n" + "\n".join(lines)


# --- the site of this repository ------------------------------------------------------------


def test_every_page_speaks_to_readers(real_site: Path, vocabulary: Vocabulary) -> None:
    found = {
        page: items
        for page, html in pages(real_site).items()
        if (items := page_findings(html, vocabulary, words=_english(page) not in FOR_CONTRIBUTORS))
    }
    assert not found, report(found)


def script_data(site: Path, name: str) -> Any:
    """The data a page's script reads (`MAKELOCAL_DATA("name", {...});`), which it writes
    into the page."""
    return data_file((site / "assets/makelocal/data" / name).read_text("utf-8"))[1]


def names_in(data: Any) -> list[str]:
    """Every name, title and label in script data: what a script shows as it is."""
    if isinstance(data, dict):
        return [
            text
            for key, value in data.items()
            for text in ([value] if key in ("name", "title") and isinstance(value, str) else [])
            + names_in(value)
        ]
    if isinstance(data, list):
        return [text for item in data for text in names_in(item)]
    return []


def test_what_scripts_write_speaks_to_readers(real_site: Path, vocabulary: Vocabulary) -> None:
    """What can I make? and the gallery write their words from script data."""
    match = script_data(real_site, "match.js")
    designs = [
        script_data(real_site, f"match/{path.name}")
        for path in sorted((real_site / "assets/makelocal/data/match").glob("*.js"))
    ]
    gallery = script_data(real_site, "find.js")
    messages = [re.sub(r"\{\w+\}", "X", m) for m in match["messages"].values()]
    labels = [label for table in gallery["names"].values() for label in table.values()]
    texts = [*messages, *names_in(match), *names_in(designs), *labels]
    assert len(messages) >= 5 and len(labels) >= 20
    found = [
        str(finding)
        for text in texts
        for finding in text_findings(Text("p", text, text), vocabulary)
    ]
    assert found == []


def _english(page: str) -> str:
    """A page's path in the English site (its own, for an English page)."""
    folder, _, rest = page.partition("/")
    return rest if folder in TRANSLATED else page


def test_the_walk_reaches_every_kind_of_page(real_site: Path, vocabulary: Vocabulary) -> None:
    every = pages(real_site)
    assert every.keys() >= EXPECTED
    for folder, records in (("material", "materials"), ("process", "processes"),
                            ("maker", "makers")):  # fmt: skip
        ids = {
            p.stem
            for p in (ROOT / "catalog" / records).glob("*.yml")
            if not TRANSLATION_NAME.fullmatch(p.name)  # a translation has no page of its own
        }
        assert {f"{folder}/{i}.html" for i in ids} <= every.keys()
    designs = {p.parent.name for p in ROOT.glob("designs/*/design.yml")}
    assert {f"design/{d}.html" for d in designs} <= every.keys()
    guides = {p.stem for p in (ROOT / "docs/guides").glob("*.md") if "." not in p.stem}
    assert {f"guides/{g}.html" for g in guides} <= every.keys()
    # Every page that is no record's is in every language too.
    interface = {p for p in every if p.partition("/")[0] not in RECORD_FOLDERS}
    for language in TRANSLATED:
        assert {f"{language}/{p}" for p in interface} <= every.keys()
    # Every page has a main content with words in it: the walk is not reading nothing.
    empty = [page for page, html in every.items() if not reader_texts(html)]
    assert empty == []


def test_the_vocabulary_comes_from_the_schemas_and_records(vocabulary: Vocabulary) -> None:
    assert {"disassembly_depth", "decomposition_temperature", "parameters", "repair"} <= (
        vocabulary.fields
    )
    assert vocabulary.codes["commercially-available"] == "commercially available tools"
    assert vocabulary.ids["recycled-hdpe"].startswith("Recycled HDPE")
    assert "shaft_d" in vocabulary.parameters  # designs/replacement-knob/src/knob.scad


# --- the detector on small texts -------------------------------------------------------------

WORDS = Vocabulary(
    fields=frozenset({"decomposition_temperature", "repair", "tools", "parameters", "source",
                      "clearance"}),
    codes={"commercially-available": "commercially available tools", "concept": "Concept",
           "basic": "basic tools", "openscad": "OpenSCAD", "snap-fit": "Snap fit",
           "step": "STEP"},
    ids={"recycled-hdpe": "Recycled HDPE (high-density polyethylene)",
         "banana-fibre": "Banana fibre", "fdm-printing": "FDM 3D printing", "pla": "PLA"},
    parameters=frozenset({"shaft_d", "clearance"}),
)  # fmt: skip


def kinds(page: str, *, words: bool = True) -> list[tuple[str, str]]:
    return [(f.kind, f.words) for f in page_findings(f"<article>{page}</article>", WORDS,
                                                     words=words)]  # fmt: skip


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "<p>Never heat it (see `decomposition_temperature`).</p>",
            [("backtick", "`"), ("field name", "decomposition_temperature")],
        ),
        (
            "<p>Never heat it (see <code>decomposition_temperature</code>).</p>",
            [("field name", "decomposition_temperature")],
        ),
        ("<p>Counted under <code>parameters</code>.</p>", [("field name", "parameters")]),
        ("<p>Steps to the part (repair.tools).</p>", [("field name", "repair.tools")]),
        ("<td>Made from recycled-hdpe flakes</td>", [("record id", "recycled-hdpe")]),
        ("<p>For virgin PLA see <code>pla</code>.</p>", [("record id", "pla")]),
        ("<li>tools: commercially-available</li>", [("coded value", "commercially-available")]),
        ("<p>A new design (maturity <code>concept</code>).</p>", [("coded value", "concept")]),
        ("<li>src/knob.scad (openscad source)</li>", [("coded value", "openscad")]),
        ("<p>See the codes: ML306.</p>", [("finding code", "ML306")]),
        ("<p>The MakeLocal project brief says so.</p>", [("editorial note", "project brief")]),
        ("<p>TODO: check the source.</p>", [("editorial note", "TODO")]),
        ("<p>This record exists so that...</p>", [("editorial note", "This record")]),
        (
            "<ol><li>Pull the visor off the pins. 2. Cut the elastic.</li></ol>",
            [("list as text", ". 2. C")],
        ),
        (
            "<p>1. Pull the pin out 2. lift the door</p>",
            [("list as text", "1. Pull the pin out 2. l")],
        ),
        ("<p>Tools:\n- a spanner\n- a drill</p>", [("list as text", "- a")]),
        (
            "<p>Steps: - cut the cloth - sew the edge - press</p>",
            [("list as text", ": - cut the cloth - s")],
        ),
        ("<ul><li>[ ] Parts listed.</li></ul>", [("list as text", "[ ]")]),
        ('<img alt="The recycled-hdpe test bar" src="a.png">', [("record id", "recycled-hdpe")]),
    ],
)
def test_words_meant_for_contributors_are_found(page: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(page) == expected


@pytest.mark.parametrize(
    "page",
    [
        # Ordinary English, compound words, figures and addresses.
        "<p>Banana-fibre pads; a snap-fit clip; a commercially available tool; basic tools.</p>",
        "<p>Stems left lying in the field rot; not under load; the record of the test.</p>",
        "<p>A 3-4 mm wall, 160-180 °C, ISO 527-2, covid-19, 2026-11-27, 1.75 mm filament.</p>",
        "<p>See <a href='https://x.org/a'>x.org/decomposition_temperature</a> (https://x.org/repair.tools).</p>",
        "<p>It costs USD 5. Then cut it. Section 4.2. In 2020. 3D printing is fine.</p>",
        "<p>Heat it to 200 °C - not more - then press it - gently.</p>",
        "<p>Open parts/knob.stl and src/pin-hinge.scad, then print.</p>",
        "<p>One step to reach it; a STEP file.</p>",
        "<p>Reprint it with more clearance between the jaws.</p>",
        # Code that a reader types or opens: files and the parameters of a design's source.
        "<p>Set <code>shaft_d</code> and <code>clearance</code> in <code>src/knob.scad</code>.</p>",
        # Lists written as lists.
        "<ol><li>Pull the visor off the pins.</li><li>Cut the elastic.</li></ol>",
        "<ul><li>Tools: a spanner - or pliers</li></ul>",
        # Code blocks, keyboard input and scripts are not prose.
        "<pre><code>repair:\n  disassembly_depth: 1\n  tools: `basic`</code></pre>",
        "<p>Press <kbd>repair.tools</kbd>.</p><script>var a = `recycled-hdpe`;</script>",
    ],
)
def test_plain_words_pass(page: str) -> None:
    assert kinds(page) == []


def test_only_the_article_is_read() -> None:
    page = "<nav>TODO repair.tools</nav><article><p>Fine words.</p></article><footer>`</footer>"
    assert page_findings(page, WORDS) == []
    assert [t.text for t in reader_texts(page)] == ["Fine words."]


def test_pages_for_contributors_may_name_fields_but_not_leave_backticks_or_lists() -> None:
    page = "<p>Set <code>repair.tools</code> to <code>basic</code>; a TODO is an error.</p>"
    assert kinds(page, words=False) == []
    assert kinds("<p>Set `tools`.</p><p>1. Fork 2. Clone</p>", words=False) == [
        ("backtick", "`"),
        ("list as text", "1. Fork 2. C"),
    ]


def test_a_finding_names_the_words_and_where_they_are() -> None:
    [finding] = text_findings(Text("p", "See `x`.", "See `x`."), WORDS)
    assert str(finding) == "backtick '`' in 'See `x`.'"


@pytest.mark.parametrize(
    ("word", "label", "expected"),
    [
        ("banana-fibre", "Banana fibre", True),
        ("recycled-hdpe", "Recycled HDPE", False),
        ("commercially-available", "commercially available tools", False),
        ("basic", "basic tools", True),
        ("openscad", "OpenSCAD", False),
        ("cotton", "Cotton", True),
        ("step", "STEP", True),
        ("face-shield-headband", "", False),
    ],
)
def test_an_id_or_code_reads_as_english_only_as_its_own_label(
    word: str, label: str, expected: bool
) -> None:
    assert readable(word, label) is expected

"""`makelocal new`: skeletons that fail until their placeholders are filled, then validate
with no other edit; answers checked; nothing overwritten."""

from __future__ import annotations

import builtins
import io
import re
import sys
from pathlib import Path

import pytest
import yaml

from generator.checks.schema import schema_validators
from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.contrib.scaffold import ESSENTIALS, ScaffoldError, create, record_path, skeleton
from generator.records.catalog import RECORD_PLACES, load_catalog

# What a contributor would write in place of each TODO, by the field on its line.
FILLED = {
    "title": "Filled title",
    "name": "Filled name",
    "summary": "One filled sentence.",
    "version": "'1.0'",
    "maturity": "concept",
    "pillars": "[local-materials]",
    "id": "fixture-ref",  # a part id, or a reference id that `source` cites
    "source": "fixture-ref",
    "quantity": "1",
    "process": "test-printing",
    "disassembly_depth": "1",
    "fasteners": "reusable",
    "tools": "none",
    "kind": "biomaterial",
    "type": "crop-residue",
    "value": "1.2",
    "analysis": "fdm",
    "equipment": "[A printer]",
    "country": "UG",
    "processes": "[test-printing]",
    "materials": "[test-plastic]",
    "design": "test-clip",
    "date": "'2026-11-01'",
    "outcome": "worked",
    "licence": "CERN-OHL-S-2.0",
    "requested_by": "Filled organisation",
    "posted": "'2026-12-01'",
    "needed_by": "'2027-01-15'",
    "url": "https://example.org/source",
    "accessed": "'2026-12-06'",
}
CATEGORY = {"design": "household", "process": "additive"}
TODO_FIELD = re.compile(r"^(\s*(?:- )?)([a-z_]+): (\[TODO\]|TODO)$")


def fill(text: str, record_type: str) -> str:
    lines = []
    for line in text.splitlines():
        match = TODO_FIELD.match(line)
        if match:
            key = match.group(2)
            value = CATEGORY[record_type] if key == "category" else FILLED[key]
            line = f"{match.group(1)}{key}: {value}"
        elif line.strip() == "TODO":  # the placeholder of a block of Markdown
            line = line.replace("TODO", "Filled paragraph.")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _findings(repo: Path, relative: str) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in validate_catalog(load_catalog(repo)) if f.file == relative]


@pytest.mark.parametrize("record_type", ["design", "material", "process", "maker", "make", "need"])
def test_skeleton_fails_until_filled_then_validates(
    record_type: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = {
        "design": ["--material", "test-plastic", "--process", "test-printing"],
        "material": ["--title", "New fibre"],
        "process": [],
        "maker": ["--country", "KE"],
        "make": ["--design", "test-clip", "--process", "test-printing"],
        "need": ["--design", "test-clip", "--country", "UG"],
    }[record_type]
    assert main(["--root", str(repo), "new", record_type, "new-one", *flags]) == 0
    relative = record_path(record_type, "new-one").as_posix()
    assert f"Created {relative}" in capsys.readouterr().out
    text = (repo / relative).read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        f"# yaml-language-server: $schema={'../' * (relative.count('/'))}"
        f"schemas/{record_type}.schema.json"
    )
    lines = text.splitlines()
    placeholders = {n for n, line in enumerate(lines, 1) if "TODO" in line and line[0] != "#"}
    assert placeholders
    # Every placeholder is an error of its own, on its line: nothing unfinished can land.
    ml407 = {line for line, code in _findings(repo, relative) if code == "ML407"}
    assert ml407 == placeholders
    (repo / relative).write_text(fill(text, record_type), encoding="utf-8")
    assert _findings(repo, relative) == []


@pytest.mark.parametrize("record_type", ["design", "material", "process", "maker", "need"])
def test_skeleton_names_every_field_of_the_schema(record_type: str) -> None:
    text = skeleton(record_type, "x", {})
    schema = schema_validators()[record_type].schema
    for field in schema["properties"]:
        assert re.search(rf"^(# )?{field}:", text, re.MULTILINE), field


def comments(text: str) -> str:
    """The skeleton's comments as one line, unwrapped."""
    lines = (line.strip() for line in text.splitlines())
    return " ".join(line.removeprefix("# ") for line in lines if line.startswith("# "))


def test_choices_are_listed_with_what_they_mean() -> None:
    design = comments(skeleton("design", "x", {}))
    assert (
        "How far the design has come. One of: concept - drawn, never made; prototype - made "
        "by its author; tested - made and used by others; production - made in numbers." in design
    )
    assert "What kind of product it is. One of: ppe, hygiene, water-and-sanitation," in design
    assert "serves. One of: flexibility, collaboration, local-materials," in design  # list items
    process = comments(skeleton("process", "x", {}))
    assert "One of: fdm - printed layer by layer: overhangs, walls and bridges checked" in process
    assert "; mould - filled into a two-part mould" in process
    assert "Family of process. One of: additive, moulding, forming," in process  # an enum


def test_an_existing_record_is_never_overwritten(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / "catalog/materials/test-plastic.yml").read_bytes()
    assert main(["--root", str(repo), "new", "material", "test-plastic"]) == 2
    assert "catalog/materials/test-plastic.yml already exists" in capsys.readouterr().err
    assert (repo / "catalog/materials/test-plastic.yml").read_bytes() == before


@pytest.mark.parametrize(
    ("slug", "suggestion"),
    [("My Thing", "my-thing"), ("thing--two", "thing-two"), ("x-", "x"), ("ÄÖ", None)],
)
def test_a_bad_id_is_refused_with_a_suggestion(
    slug: str, suggestion: str | None, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "new", "design", slug]) == 2
    error = capsys.readouterr().err
    assert f"{slug!r} cannot be an id: use lower-case letters, digits and single hyphens" in error
    if suggestion:
        assert f"for example {suggestion!r}" in error
    assert not (repo / "designs" / slug).exists()


@pytest.mark.parametrize("slug", ["con", "prn", "aux", "nul", "com1", "lpt9", "com0"])
def test_a_name_windows_keeps_for_a_device_is_refused(
    slug: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "new", "maker", slug, "--no-input"]) == 2
    error = capsys.readouterr().err
    assert f"{slug!r} cannot be an id: Windows keeps the name for a device" in error
    assert f"for example '{slug}-1'" in error
    assert not (repo / f"catalog/makers/{slug}.yml").exists()
    assert main(["--root", str(repo), "new", "maker", f"{slug}-1", "--no-input"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["design", "d", "--licence", "CC-BY-NC-4.0"],
            "--licence: 'CC-BY-NC-4.0' is a non-commercial Creative Commons licence",
        ),
        (["material", "m", "--kind", "plastic"], "--kind: 'plastic' is not allowed; choose one"),
        (["maker", "m", "--country", "Uganda"], "--country: 'Uganda' is not allowed"),
        (
            ["design", "d", "--material", "Big Plastic"],
            "--material: 'Big Plastic' is not in the expected form: Lower-case",
        ),
        (["material", "m", "--licence", "MIT"], "--licence does not apply to a material"),
    ],
)
def test_bad_flags_are_refused_before_writing(
    args: list[str], message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "new", *args]) == 2
    assert message in capsys.readouterr().err
    assert not (repo / record_path(args[0], args[1])).exists()


def test_unknown_ids_are_written_with_a_warning(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "new", "design", "d", "--material", "new-fibre"]) == 0
    assert "there is no material 'new-fibre' yet" in capsys.readouterr().err
    assert "materials: [new-fibre]" in (repo / "designs/d/design.yml").read_text("utf-8")


def test_in_a_terminal_it_asks_until_the_answer_fits(repo: Path) -> None:
    answers = iter(["Banana leather", "plastic", "biomaterial", ""])
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    path, _ = create(repo, "material", "banana-leather", {}, ask)
    text = path.read_text(encoding="utf-8")
    assert "name: Banana leather" in text and "kind: biomaterial" in text
    assert "  - process: TODO" in text  # left empty: filled in later
    assert questions[0].startswith("Name (Common English name.")
    assert "One of: biomaterial, recycled-feedstock, reference-material." in questions[1]
    assert "'plastic' is not allowed; choose one of: biomaterial" in questions[2]
    assert "Known: test-printing" in questions[3]


def test_the_command_asks_only_when_stdin_is_a_terminal(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda q: asked.append(q) or "")
    assert main(["--root", str(repo), "new", "process", "pressing"]) == 0
    assert len(asked) == len(ESSENTIALS["process"])
    assert main(["--root", str(repo), "new", "process", "pressing-2", "--no-input"]) == 0
    assert len(asked) == len(ESSENTIALS["process"])


def test_answers_with_yaml_syntax_are_quoted(repo: Path) -> None:
    path, _ = create(repo, "design", "tricky", {"title": "Hook: #2 [v1] 'best'"}, None)
    lines = path.read_text("utf-8").splitlines()
    title_line = next(line for line in lines if line.startswith("title"))
    assert yaml.safe_load(title_line) == {"title": "Hook: #2 [v1] 'best'"}


def test_every_record_type_has_a_place_and_a_skeleton() -> None:
    for record_type in RECORD_PLACES:
        assert skeleton(record_type, "x", {}).startswith("# yaml-language-server: $schema=")
    with pytest.raises(ScaffoldError):
        create(Path("/nonexistent"), "design", "Bad Id", {}, None)


def test_a_file_in_the_way_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "designs/in-the-way").write_text("not a folder\n")
    assert main(["--root", str(repo), "new", "design", "in-the-way", "--no-input"]) == 2
    error = capsys.readouterr().err
    assert "cannot write designs/in-the-way/design.yml: File exists" in error


def test_a_closed_stdin_asks_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", None)  # what Python makes of `makelocal new ... <&-`
    assert main(["--root", str(repo), "new", "process", "pressing"]) == 0
    assert "Created catalog/processes/pressing.yml" in capsys.readouterr().out

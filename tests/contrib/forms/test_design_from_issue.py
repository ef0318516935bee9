"""A filled "Propose a design" form becomes a design record with its part, source and
photo, which `makelocal validate` passes; the pull request's description says what was
made from what."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main
from generator.contrib.forms.reply import REPLY_MARKER
from generator.records.loader import parse
from tests.contrib.forms.conftest import ATTACHMENTS, from_issue
from tests.contrib.markdown_spans import live_markdown

DESIGN = "designs/wall-hook-for-tools"


def test_a_design_with_an_stl_and_a_photo_becomes_a_valid_record(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "design-good.md", capsys)
    assert run.code == 0, run.output
    folder = repository / DESIGN
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "design.yml",
        "images/photo-1.png",
        "parts/hook.stl",
        "src/hook.scad",
    ]
    stl = (ATTACHMENTS.parents[1] / "pr/01-good-design/designs/hook/parts/hook.stl").read_bytes()
    assert (folder / "parts/hook.stl").read_bytes() == stl
    assert main(["--root", str(repository), "validate", str(repository / DESIGN)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_the_record_holds_every_answer(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_issue(repository, "design-good.md", capsys)
    text = (repository / DESIGN / "design.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/design.schema.json\n")
    assert "https://github.com/makelocal/makelocal/issues/12" in text.split("\n")[1]
    assert "TODO" not in text
    data = parse(text.encode(), Path("design.yml")).data
    assert data["id"] == "wall-hook-for-tools" and data["title"] == "Wall hook for tools"
    assert data["category"] == "tooling" and data["licence"] == "CERN-OHL-S-2.0"
    assert data["maturity"] == "concept" and data["version"] == "1.0"
    assert data["pillars"] == ["flexibility", "local-materials"]
    assert data["tags"] == ["hook", "workshop", "wall"]
    assert data["authors"] == [
        {"name": "Kampala Makerspace", "url": "https://example.org/kampala-makerspace"},
        {"name": "Amina Nakato"},
    ]
    assert data["parts"] == [
        {
            "id": "hook",
            "name": "Wall hook",
            "file": "parts/hook.stl",
            "source": "src/hook.scad",
            "quantity": 2,
            "process": "fdm-printing",
            "materials": ["petg", "pla"],
            "spare": True,
        }
    ]
    assert data["sources"] == [{"file": "src/hook.scad", "format": "openscad"}]
    assert data["images"] == [
        {"file": "images/photo-1.png", "caption": "The hook on the workshop wall, holding a hammer"}
    ]
    assert [s["step"] for s in data["instructions"]] == [
        "Print the hook flat, as exported, without supports.",
        "Drill two 4 mm holes in the wall\nwhere it will hang.",
        "Screw the hook on.",
    ]
    assert data["repair"] == {
        "disassembly": "Unscrew the two screws.",
        "disassembly_depth": 1,
        "fasteners": "reusable",
        "tools": "basic",
        "spare_parts": ["hook"],
        "common_failures": ["The tip of the hook cracks under heavy tools; print a new one."],
    }
    assert data["description"].endswith("- Any PETG or PLA filament works.")


def test_the_description_names_each_file_and_closes_the_issue(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "design-good.md", capsys)
    assert run.output.startswith(REPLY_MARKER + "\n## New design: `Wall hook for tools`\n")
    assert f"| `{DESIGN}/parts/hook.stl` | `hook.stl` in `hook-parts.zip` |" in run.output
    assert f"| `{DESIGN}/images/photo-1.png` | a picture |" in run.output
    assert "@amina-n, a maintainer reviews this here" in run.output
    assert run.output.rstrip().endswith("Closes #12.")
    ours = run.output.replace("@amina-n", "").replace("#12", "")  # the mention and links we mean
    assert live_markdown(ours) == []


def test_save_hands_the_next_job_the_files_and_what_they_are(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "design-good.md", capsys, "--save", str(tmp_path / "proposal"))
    saved = json.loads((tmp_path / "proposal/proposal.json").read_text("utf-8"))
    assert saved == {
        "ok": True,
        "record_type": "design",
        "record_id": "wall-hook-for-tools",
        "title": "Wall hook for tools",
        "files": [
            f"{DESIGN}/design.yml",
            f"{DESIGN}/parts/hook.stl",
            f"{DESIGN}/src/hook.scad",
            f"{DESIGN}/images/photo-1.png",
        ],
    }
    for path in saved["files"]:
        assert (tmp_path / "proposal/files" / path).read_bytes() == (repository / path).read_bytes()
    assert (tmp_path / "proposal/reply.md").read_text("utf-8") == run.output


def test_the_photo_is_published_without_its_metadata(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_issue(repository, "design-good.md", capsys)
    photo = Image.open(io.BytesIO((repository / DESIGN / "images/photo-1.png").read_bytes()))
    assert photo.format == "PNG" and photo.size == (320, 240)


def test_an_existing_design_is_never_overwritten(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert from_issue(repository, "design-good.md", capsys).code == 0
    again = from_issue(repository, "design-good.md", capsys)
    assert again.code == 1
    assert (
        "**Title** gives the short name `wall-hook-for-tools`, which "
        "`designs/wall-hook-for-tools/design.yml` has already" in again.output
    )


def test_the_french_form_gives_the_record_the_english_form_gives(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same answers in the French form (its labels, its options in French) make the
    same design, apart from the words the contributor wrote, kept as written (tags become
    ids)."""
    from tests.contrib.forms.conftest import make_repository

    assert from_issue(repository, "design-good.md", capsys).code == 0
    english = parse((repository / DESIGN / "design.yml").read_bytes(), Path("d.yml")).data
    french_repository = make_repository(tmp_path / "french")
    run = from_issue(french_repository, "design-good.fr.md", capsys)
    assert run.code == 0, run.output
    folder = french_repository / "designs/crochet-mural-pour-outils"
    french = parse((folder / "design.yml").read_bytes(), Path("d.yml")).data
    same = ("category", "licence", "maturity", "pillars", "version", "authors", "repair")
    coded = {k: english[k] for k in same}
    coded["repair"] = {k: v for k, v in coded["repair"].items() if k in ("fasteners", "tools")}
    assert {k: french[k] for k in same[:-1]} | {
        "repair": {k: french["repair"][k] for k in ("fasteners", "tools")}
    } == coded
    assert [(p["process"], p["materials"], p["quantity"]) for p in french["parts"]] == [
        (p["process"], p["materials"], p["quantity"]) for p in english["parts"]
    ]
    assert french["title"] == "Crochet mural pour outils"
    assert french["safety"].startswith("N'y accrochez pas plus de 5 kg")

"""Every reporter on every kind of output: validation findings, the analysis of parts and
the pull-request report, with contributor text that tries to break out of each format
(workflow-command syntax for GitHub, links, HTML, table cells and mentions for Markdown)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import trimesh

from generator.analysis.codec import from_json
from generator.analysis.printability import analyse
from generator.analysis.results import (
    ANALYSER_VERSION,
    AnalysedFile,
    PartAnalysis,
    PartFailure,
    PartResult,
    PartWithoutMesh,
    SlicerFailure,
    SlicerFigures,
    part_result_from_json,
)
from generator.cli import build_parser, main
from generator.contrib.comment import COMMENT_MARKER
from generator.contrib.pr_report import DesignSummary, PartSummary, Report
from generator.contrib.report_data import ChangedFile
from generator.findings import Finding
from generator.reporters import NAMES, reporter
from tests.analysis import shapes
from tests.analysis.test_analysis import FDM, PLA
from tests.conftest import make_repo
from tests.contrib.markdown_spans import live_markdown

ROOT = Path(__file__).resolve().parents[2]
# Contributor text: a workflow command of its own, a link, HTML, a table cell and a ping.
HOSTILE = "50% done\n::error file=x::pwned, [click](javascript:pwn()) <script>x</script> | @team"
FINDINGS = [
    Finding.of("ML203", "designs/a,b:c/design.yml", 3, 5, HOSTILE),
    Finding.of("ML404", "site/index.html", 1, 1, "a built file in the change"),
]


def analysed(name: str) -> AnalysedFile:
    return AnalysedFile(
        file=f"designs/kit/parts/{name}.stl",
        design="kit",
        part=name,
        quantity=1,
        sha256="0" * 64,
        analyser_version=ANALYSER_VERSION,
    )


def part_analysis(name: str, mesh: trimesh.Trimesh) -> PartAnalysis:
    analysis = analyse(mesh.triangles.copy(), FDM, {"pla": PLA})
    return PartAnalysis(analysed=analysed(name), analysis=analysis, seconds=0.1)


@pytest.fixture(scope="module")
def parts() -> list[PartResult]:
    holed = shapes.box()
    holed.update_faces(list(range(11)))  # one face missing: needs attention
    return [
        part_analysis("box", shapes.box()),
        part_analysis("holed", holed),
        PartFailure(
            analysed=replace_file(analysed("bad"), "designs/kit/parts/a,b:c.stl"),
            error=f"a,b:c.stl: {HOSTILE}",
            verdict="unreadable",
        ),
    ]


def replace_file(file: AnalysedFile, path: str) -> AnalysedFile:
    return AnalysedFile(**{**file.__dict__, "file": path})


WITHOUT_MESH = [
    PartWithoutMesh(
        file="designs/kit/design.yml", design="kit", part="strap", process="sewing", reason=HOSTILE
    )
]


@pytest.fixture(scope="module")
def report(parts: list[PartResult]) -> Report:
    box = parts[0]
    assert isinstance(box, PartAnalysis)
    summary = DesignSummary(
        id="kit",
        path="designs/kit/design.yml",
        title=f"Kit {HOSTILE}",
        licence="CERN-OHL-S-2.0",
        maturity="concept",
        errors=1,
        warnings=0,
        parts=[
            PartSummary(
                id="box",
                name=f"Box {HOSTILE}",
                file="parts/box.stl",
                source=None,
                process="fdm-printing",
                materials=["pla"],
                quantity=1,
                verdict="ready",
                analysis=box,
            ),
            PartSummary(
                id="bad",
                name="Bad",
                file="parts/bad.stl",
                source=None,
                process="fdm-printing",
                materials=["pla"],
                quantity=1,
                verdict="unreadable",
                analysis_note=HOSTILE,
            ),
            PartSummary(
                id="strap",
                name="Strap",
                file=None,
                source="src/strap.svg",
                process="sewing",
                materials=[],
                quantity=2,
            ),
        ],
    )
    return Report(
        base="abc123",
        files=[ChangedFile("designs/kit/design.yml", "added")],
        checked=["designs/kit/design.yml"],
        referencing=[],
        everything=False,
        findings=FINDINGS,
        designs=[summary],
    )


def no_live_markdown(text: str) -> None:
    """Contributor text cannot form HTML, links, table cells or mentions."""
    assert "<script" not in text and not re.search(r"(?<!\\)\]\(", text)
    assert "@team" not in text
    assert "&lt;script&gt;" in text and "\\[click\\]" in text and "\\| @\u200bteam" in text


def commands(text: str) -> list[str]:
    """The workflow commands of an output, checking each is one whole line."""
    lines = text.splitlines()
    assert all(re.match(r"^::(error|warning) [a-z]+=", line) for line in lines), lines
    return lines


def test_every_command_offers_every_reporter() -> None:
    assert NAMES == ("text", "json", "github", "markdown")
    for command in ("validate", "analyse", "pr-report"):
        for name in NAMES:
            args = build_parser().parse_args([command, "--format", name])
            assert args.format == name


# --- validation findings ------------------------------------------------------------------


def test_findings_as_text() -> None:
    text = reporter("text").findings(FINDINGS, 4)
    assert "  designs/a,b:c/design.yml:3:5: ML203 error: 50% done\n" in text
    assert "      hint: " in text
    assert text.endswith("4 files checked: 2 errors, 0 warnings")


def test_findings_as_json() -> None:
    payload = json.loads(reporter("json").findings(FINDINGS, 4))
    assert (payload["checked"], payload["errors"], payload["warnings"]) == (4, 2, 0)
    assert payload["findings"][0]["message"] == HOSTILE


def test_findings_as_github_annotations() -> None:
    first, second = commands(reporter("github").findings(FINDINGS, 4))
    assert first.startswith("::error file=designs/a%2Cb%3Ac/design.yml,line=3,col=5,title=ML203 ")
    # The message's %, newline and its own "::" stay text: one command per finding.
    assert "50%25 done%0A::error file=x::pwned" in first
    assert second.startswith("::error file=site/index.html,line=1,col=1,title=ML404 ")


def test_findings_as_a_markdown_table() -> None:
    text = reporter("markdown").findings(FINDINGS, 4)
    lines = text.splitlines()
    assert lines[0] == "4 files checked: 2 errors, 0 warnings"
    assert lines[2:4] == ["| where | code | problem | how to fix |", "| --- | --- | --- | --- |"]
    assert lines[4].startswith("| `designs/a,b:c/design.yml:3:5` | ML203 error | 50% done ")
    assert all(len(re.split(r"(?<!\\)\|", line)) == 6 for line in lines[4:])  # 4 cells each
    no_live_markdown(text)
    assert reporter("markdown").findings([], 1) == "1 file checked: 0 errors, 0 warnings"


# --- the analysis of parts ----------------------------------------------------------------


def test_analysis_as_text(parts: list[PartResult]) -> None:
    text = reporter("text").analysis(parts, WITHOUT_MESH)
    assert text.startswith("designs/kit/design.yml, part strap: NOT ANALYSED\n  50% done")
    assert "designs/kit/parts/box.stl: READY\n  12 faces, 1 bodies, watertight" in text
    assert "designs/kit/parts/holed.stl: NEEDS-ATTENTION" in text
    assert "  pla: " in text and " m filament, " in text
    assert "designs/kit/parts/a,b:c.stl: UNREADABLE\n  a,b:c.stl: 50% done" in text
    assert "\nProfile: PrusaSlicer 0.20mm QUALITY" in text


def test_analysis_as_json_reads_back_into_the_results(parts: list[PartResult]) -> None:
    payload = json.loads(reporter("json").analysis(parts, WITHOUT_MESH))
    assert payload["analyser_version"] == ANALYSER_VERSION
    assert [part_result_from_json(p) for p in payload["parts"]] == parts
    assert [from_json(PartWithoutMesh, p) for p in payload["without_mesh"]] == WITHOUT_MESH


def test_analysis_as_github_annotations_for_parts_that_ask_for_something(
    parts: list[PartResult],
) -> None:
    holed, bad = commands(reporter("github").analysis(parts, WITHOUT_MESH))
    assert holed.startswith(
        "::warning file=designs/kit/parts/holed.stl,title=Part needs attention::"
        "attention: the mesh is not closed"
    )
    assert bad.startswith(
        "::error file=designs/kit/parts/a%2Cb%3Ac.stl,title=Part file cannot be read::"
        "a,b:c.stl: 50%25 done%0A::error file=x::pwned"
    )
    ready = [p for p in parts if p.verdict == "ready"]
    assert reporter("github").analysis(ready, WITHOUT_MESH) == ""


def test_analysis_as_a_markdown_table(parts: list[PartResult]) -> None:
    text = reporter("markdown").analysis(parts, WITHOUT_MESH)
    lines = text.splitlines()
    assert lines[0].startswith("| file | part | verdict | size (mm) | material |")
    assert lines[2].startswith("| `designs/kit/parts/box.stl` | `box` | ready | 40 x 30 x 20 |")
    assert "| `designs/kit/parts/a,b:c.stl` | `bad` | unreadable | | | | |" in lines
    table = lines[: lines.index("")]
    assert all(len(re.split(r"(?<!\\)\|", line)) == 9 for line in table)  # 7 cells each
    assert "- `designs/kit/parts/holed.stl` (attention): the mesh is not closed" in text
    assert "- `designs/kit/design.yml`, part `strap`: 50% done" in text
    no_live_markdown(text)


# --- the pull-request report ----------------------------------------------------------------


def test_pr_report_as_text(report: Report) -> None:
    text = reporter("text").pr_report(report)
    lines = text.splitlines()
    assert lines[:2] == [
        "MakeLocal check: Changes needed before review",
        "2 errors, 0 warnings in 1 changed file; 1 changed record checked.",
    ]
    assert "  designs/a,b:c/design.yml:3:5: ML203 error: 50% done" in lines
    assert (
        "Design Kit 50% done ::error file=x::pwned, [click](javascript:pwn()) <script>x</script> "
        "| @team (designs/kit/design.yml): licence CERN-OHL-S-2.0, maturity concept: 1 error, "
        "0 warnings"
    ) in lines
    assert any(line.startswith("  part Box ") and line.endswith(": READY") for line in lines)
    assert "    pla: " in text
    assert "  part Bad: 1 x parts/bad.stl, fdm-printing in pla: UNREADABLE" in lines
    assert "  part Strap: 2 x no mesh file (source src/strap.svg), sewing in no material" in lines
    assert lines[-1].startswith("Fix the problems above")


def test_pr_report_as_json(report: Report) -> None:
    payload = json.loads(reporter("json").pr_report(report))
    assert payload["errors"] == 2 and payload["base"] == "abc123"
    box, bad, strap = payload["designs"][0]["parts"]
    assert from_json(PartAnalysis, box["analysis"]) == report.designs[0].parts[0].analysis
    assert bad["analysis"] is None and bad["analysis_note"] == HOSTILE
    assert strap["file"] is None


def test_pr_report_as_github_annotations_carries_the_findings(report: Report) -> None:
    github = reporter("github")
    assert github.pr_report(report) == github.findings(FINDINGS, 1)


def test_pr_report_as_markdown(report: Report) -> None:
    text = reporter("markdown").pr_report(report)
    assert text.startswith(COMMENT_MARKER + "\n## MakeLocal check: Changes needed before review")
    assert "| `Bad` | unreadable: `50% done ::error" in text
    assert live_markdown(text) == []


# --- through the command line ----------------------------------------------------------------


def test_analyse_annotates_a_part_that_needs_attention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holed = shapes.box()
    holed.update_faces(list(range(11)))
    part = tmp_path / "holed.stl"
    holed.export(part)
    code = main(["--root", str(ROOT), "analyse", str(part), "--format", "github"])
    (line,) = commands(capsys.readouterr().out)
    assert code == 0 and "holed.stl,title=Part needs attention::" in line
    code = main(["--root", str(ROOT), "analyse", str(part), "--format", "markdown"])
    assert "| needs-attention | 40 x 30 x 20 | `pla` |" in capsys.readouterr().out


def test_validate_as_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "repo")
    design = repo / "designs/test-clip/design.yml"
    design.write_text(design.read_text().replace('version: "1.0"', "version: 1.10"))
    assert main(["--root", str(repo), "validate", "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("4 files checked: 1 error, 0 warnings\n\n| where |")
    assert "| `designs/test-clip/design.yml:11:10` | ML103 error | version must be text" in out


def test_prusaslicer_figures_in_words_in_every_format(parts: list[PartResult]) -> None:
    """`analyse --slicer` gives PrusaSlicer's figures in the reporter's own format, and says
    why when it could not slice, never a Python dict."""
    box, holed = (p for p in parts if isinstance(p, PartAnalysis))
    figures = SlicerFigures(
        filament_mm=1802.58,
        filament_cm3=4.34,
        filament_g=5.38,
        print_time_min=34.92,
        slicer_seconds=1.685,
        profile="prusaslicer-0.20mm-quality-pla.ini",
    )
    sliced = [
        replace(box, prusa_slicer=figures),
        replace(holed, prusa_slicer=SlicerFailure(error="prusa-slicer is not installed")),
    ]
    text = reporter("text").analysis(sliced, [])
    assert (
        "  PrusaSlicer, prusaslicer-0.20mm-quality-pla.ini: 5.38 g, 1.80 m filament, 35 min "
        "(sliced in 1.7 s)\n" in text
    )
    assert "  PrusaSlicer could not slice it: prusa-slicer is not installed" in text
    markdown = reporter("markdown").analysis(sliced, [])
    assert "PrusaSlicer's own figures:" in markdown
    assert (
        "- `designs/kit/parts/box.stl`: PrusaSlicer, prusaslicer-0.20mm-quality-pla.ini" in markdown
    )
    for output in (text, markdown):
        assert "{" not in output and "filament_mm" not in output
    assert "<script" not in markdown
    payload = json.loads(reporter("json").analysis(sliced, []))
    assert payload["parts"][0]["prusa_slicer"]["filament_g"] == 5.38

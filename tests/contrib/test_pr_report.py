"""The pull-request check run on a fixture repository, one commit per kind of pull request:
its annotations, JSON and Markdown must say exactly what each change did wrong, and where."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.contrib.comment import COMMENT_MARKER
from generator.contrib.pr_report import Report, _design_summary
from generator.records.catalog import load_catalog
from generator.reporters import reporter
from tests.conftest import make_repo
from tests.contrib.gitrepo import commit_all, git, init_repo, overlay
from tests.contrib.markdown_spans import live_markdown, outside_code_spans
from tests.makeit.conftest import CATALOGUE

HUGE_STL = "designs/hook/parts/huge.stl"


def _symlink(repo: Path) -> None:
    # Points outside the repository, as an attacker's link would; git stores the link.
    os.symlink("../../../../../etc/passwd", repo / "designs/hook/parts/spare.stl")


def _hygiene(repo: Path) -> None:
    with (repo / HUGE_STL).open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # over the 20 MiB limit for STL files
    (repo / "designs/hook/src/hook.scad").write_bytes(b"cube([20, 10, 2]);\nsphere(\x00);\n")
    (repo / "site").mkdir()
    (repo / "site/index.html").write_text("<p>edited by hand</p>\n", encoding="utf-8")
    (repo / "catalog/materials/notes.yaml").write_text("id: notes\n", encoding="utf-8")


# Each step: (fixture folder or None, what the test does besides, forced paths, and
# every finding the check must give: (severity, file, line, code)).
STEPS: dict[str, tuple[str | None, object, tuple[str, ...], set[tuple[str, str, int, str]]]] = {
    "good-design": ("01-good-design", None, (), set()),
    "broken-design": (
        "02-broken-design",
        None,
        (),
        {
            ("error", "designs/shelf/design.yml", 2, "ML101"),  # no `safety`
            ("error", "designs/shelf/design.yml", 4, "ML407"),  # summary: TODO
            ("error", "designs/shelf/design.yml", 6, "ML104"),  # category: furniture
            ("error", "designs/shelf/design.yml", 7, "ML208"),  # licence: CC-BY-NC-4.0
            ("error", "designs/shelf/design.yml", 10, "ML103"),  # version: 1.10
            ("error", "designs/shelf/design.yml", 16, "ML205"),  # parts/bracket.stl missing
        },
    ),
    "dangling-material": (
        "03-dangling-material",
        None,
        (),
        {
            ("error", "designs/hook/design.yml", 22, "ML203"),  # test-plastik
        },
    ),
    "script-payload": (
        "04-script-payload",
        None,
        (),
        {
            ("error", "catalog/materials/shiny-plastic.yml", 5, "ML405"),  # <script> in name
            ("error", "catalog/materials/shiny-plastic.yml", 10, "ML405"),  # <img onerror>
            ("error", "catalog/materials/shiny-plastic.yml", 11, "ML209"),  # javascript: link
            ("error", "catalog/materials/shiny-plastic.yml", 14, "ML209"),  # &#106;avascript:
            ("error", "catalog/materials/shiny-plastic.yml", 14, "ML406"),
        },
    ),
    "symlink": (
        "05-symlink",
        _symlink,
        (),
        {
            ("error", "designs/hook/design.yml", 25, "ML207"),  # a part file that is a link
            ("error", "designs/hook/parts/spare.stl", 1, "ML401"),
        },
    ),
    "hygiene": (
        None,
        _hygiene,
        ("site/index.html",),
        {
            ("error", HUGE_STL, 1, "ML402"),
            ("error", "designs/hook/src/hook.scad", 2, "ML403"),
            ("error", "site/index.html", 1, "ML404"),
            ("error", "catalog/materials/notes.yaml", 1, "ML019"),
            # The step changes the hook's files, so its design is checked again, and its
            # symbolic link from the step before is still there.
            ("error", "designs/hook/design.yml", 25, "ML207"),
        },
    ),
}
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=(ML\d{3}) ")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The fixture repository with one commit per step, in order; step name -> commit."""
    repo = init_repo(tmp_path_factory.mktemp("pr") / "repo")
    commits = {}
    for name, (folder, action, forced, _) in STEPS.items():
        if folder:
            overlay(repo, folder)
        if callable(action):
            action(repo)
        commits[name] = commit_all(repo, name, *forced)
    return repo, commits


def _at_step(history: tuple[Path, dict[str, str]], step: str) -> Path:
    """The fixture repository checked out at the commit of `step`."""
    repo, commits = history
    git(repo, "checkout", "-q", "--detach", commits[step])
    return repo


def _report(repo: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(repo), "pr-report", "HEAD~1", "--format", fmt])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("step", list(STEPS))
def test_annotations_say_exactly_what_is_wrong(
    step: str, history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, step)
    expected = STEPS[step][3]
    code, output = _report(repo, "github", capsys)
    annotations = [line for line in output.splitlines() if line]
    got = set()
    for line in annotations:
        match = ANNOTATION.match(line)
        assert match, f"not a workflow command: {line!r}"
        severity, file, number, _, finding_code = match.groups()
        got.add((severity, file, int(number), finding_code))
        assert ". Hint: " in line  # every annotation says how to fix it
    assert got == expected
    assert code == (1 if expected else 0)


@pytest.mark.parametrize("step", list(STEPS))
def test_json_and_markdown_carry_the_same_findings(
    step: str, history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, step)
    expected = STEPS[step][3]
    _, output = _report(repo, "json", capsys)
    report = json.loads(output)
    assert report["base"] == git(repo, "rev-parse", "HEAD~1").strip()
    got = {(f["severity"], f["file"], f["line"], f["code"]) for f in report["findings"]}
    assert got == expected
    assert all(f["hint"] for f in report["findings"])
    _, markdown = _report(repo, "markdown", capsys)
    assert markdown.startswith(COMMENT_MARKER + "\n")
    for _, file, line, finding_code in expected:
        assert re.search(rf"`{re.escape(file)}:{line}:\d+` \| {finding_code} ", markdown)
    assert ("Changes needed before review" in markdown) == bool(expected)


def test_report_on_a_good_design_summarises_it(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, "good-design")
    _, output = _report(repo, "json", capsys)
    report = json.loads(output)
    assert report["checked_records"] == ["designs/hook/design.yml"]
    assert {f["path"] for f in report["changed_files"]} == {
        "designs/hook/design.yml",
        "designs/hook/parts/hook.stl",
        "designs/hook/src/hook.scad",
    }
    (design,) = report["designs"]
    assert design["title"] == "Wall hook" and design["licence"] == "CERN-OHL-S-2.0"
    assert design["maturity"] == "concept"
    (part,) = design["parts"]
    assert part["file"] == "parts/hook.stl" and part["materials"] == ["test-plastic"]
    # The part's analysis: the fixture is a 20 x 10 x 5 mm block, 1 cm3.
    assert part["verdict"] == "ready"
    assert part["analysis"]["size_mm"] == [20.0, 10.0, 5.0]
    assert part["analysis"]["volume_cm3"] == pytest.approx(1.0)
    (use,) = part["analysis"]["materials"]
    assert use["material"] == "test-plastic"
    assert 0 < use["mass_g"] < 0.9  # infill: less than the solid block's 0.9 g
    assert use["print_time_min"] > 0
    assert part["preview"] == "previews/hook--hook.png"
    _, markdown = _report(repo, "markdown", capsys)
    assert "Ready for review" in markdown
    assert "| `Hook` | 1 | `parts/hook.stl` | `src/hook.scad` | `test-printing` |" in markdown
    assert re.search(
        r"\| `Hook` \| ready \| 20 x 10 x 5 \| `test-plastic` \| 0\.\d+ \| \d", markdown
    )


def test_a_linked_part_is_never_read(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, "symlink")
    _, output = _report(repo, "json", capsys)
    (design,) = json.loads(output)["designs"]
    spare = design["parts"][1]
    assert spare["file"] == "parts/spare.stl"
    assert spare["verdict"] is None and spare["analysis"] is None
    assert "missing or a link" in spare["analysis_note"]


def test_payloads_are_inert_in_the_comment(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, "script-payload")
    _, markdown = _report(repo, "markdown", capsys)
    assert live_markdown(markdown) == []
    assert "<script" in markdown  # as code, which GitHub shows as written
    assert "<script" not in outside_code_spans(markdown)


def test_save_writes_the_comment_and_the_json(
    history: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _at_step(history, "dangling-material")
    code = main(["--root", str(repo), "pr-report", "HEAD~1", "--save", str(tmp_path / "out")])
    printed = capsys.readouterr().out
    assert code == 1
    assert (tmp_path / "out/report.md").read_text(encoding="utf-8") == printed
    saved = json.loads((tmp_path / "out/report.json").read_text(encoding="utf-8"))
    assert saved["errors"] == 2
    preview = tmp_path / "out" / saved["designs"][0]["parts"][0]["preview"]
    assert preview.read_bytes().startswith(b"\x89PNG\r\n")


def test_a_base_that_does_not_exist_is_a_clear_error(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    assert main(["--root", str(repo), "pr-report", "no-such-branch"]) == 2
    error = capsys.readouterr().err
    assert "'no-such-branch' is not a commit in this repository" in error


def test_outside_a_repository_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalog").mkdir()  # a copy of the records, without git
    assert main(["--root", str(tmp_path), "pr-report"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err


def test_a_broken_analysis_is_reported_without_hiding_the_findings(
    history: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.contrib import pr_report

    def broken(*_: object) -> None:
        raise IndexError("index 557 is out of bounds")

    monkeypatch.setattr(pr_report, "_analyse", broken)
    repo = _at_step(history, "dangling-material")
    code, output = _report(repo, "json", capsys)
    assert code == 1
    report = json.loads(output)
    assert len(report["findings"]) == 2  # the dangling references are still there
    (error,) = report["analysis_errors"]
    assert error.startswith("designs/hook/design.yml: the analysis failed (IndexError")
    _at_step(history, "good-design")
    code, markdown = _report(repo, "markdown", capsys)
    assert code == 1  # nothing wrong in the change, but the check must not pass silently
    assert "### The analysis broke" in markdown
    assert "a maintainer will look into the analysis" in markdown


def test_an_alternative_part_says_which_part_it_replaces(tmp_path: Path) -> None:
    catalog = load_catalog(make_repo(tmp_path, CATALOGUE))
    record = catalog.of_type("design")["hook-kit"]
    summary = _design_summary(record, [])
    assert [(p.id, p.alternative_to) for p in summary.parts] == [
        ("base", None),
        ("moulded-hook", None),
        ("printed-hook", "moulded-hook"),
    ]
    report = Report("HEAD~1", [], [record.display], [], False, [], [summary])
    designs = json.loads(reporter("json").pr_report(report))["designs"]
    assert designs[0]["parts"][2]["alternative_to"] == "moulded-hook"
    assert (
        "| `Printed hook` (alternative to `moulded-hook`) | 2 | `parts/hook.stl` | none | "
        "`printing` | `plastic-a`, `plastic-b` |"
    ) in reporter("markdown").pr_report(report)


def test_saved_previews_stay_in_the_folder_whatever_the_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tmp_path / "repo")
    design = repo / "designs/test-clip/design.yml"
    text = design.read_text(encoding="utf-8").replace("id: test-clip", 'id: "../../../escaped"')
    design.write_text(text.replace("- id: clip", '- id: "../../escaped-part"'), encoding="utf-8")
    commit_all(repo, "ids that climb out of a folder")
    out = tmp_path / "a/b/out"
    assert main(["--root", str(repo), "pr-report", "HEAD~1", "--save", str(out)]) == 1
    capsys.readouterr()
    written = list((tmp_path / "a").rglob("*.png"))
    assert written and all(path.parent == out / "previews" for path in written)

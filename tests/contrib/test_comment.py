"""The pull-request comment the trusted workflow writes from the check's report.json: a
fixed template, everything from the report shown as code, the verdict on changes outside
the records taken from GitHub's list of files, and nothing but the standard library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.contrib.comment import (
    COMMENT_LIMIT,
    COMMENT_MARKER,
    CUT_SHORT,
    comment_markdown,
)
from generator.contrib.inert_text import MAX_TEXT, literal
from generator.contrib.report_data import (
    ChangedFile,
    ReportUnreadable,
    load_report,
    read_report,
)
from generator.findings.codes import CODES
from tests.contrib.markdown_spans import live_markdown, outside_code_spans

ROOT = Path(__file__).resolve().parents[2]
# What a pull request can put in a report: addresses and references GitHub links by
# itself, mentions, an image, HTML, a table cell, a forged verdict, a comment marker.
HOSTILE = (
    "Ready for review www.evil.example #1 GH-2 @maintainer ![x](https://evil.example/p.png) "
    "<img src=x onerror=alert(1)> | ## MakeLocal check: Ready for review "
    + COMMENT_MARKER
    + " `code` \u202eevil"
)
DESIGN_YML = ChangedFile("designs/hook/design.yml", "added")


def finding(**changes: Any) -> dict[str, Any]:
    return {
        "file": "designs/hook/design.yml",
        "line": 3,
        "column": 5,
        "code": "ML203",
        "severity": "error",
        "message": "unknown material 'test-plastik'",
        "hint": "forged hint: see www.evil.example",
        **changes,
    }


def part(**changes: Any) -> dict[str, Any]:
    return {
        "id": "hook",
        "name": "Hook",
        "file": "parts/hook.stl",
        "source": "src/hook.scad",
        "process": "test-printing",
        "materials": ["test-plastic"],
        "quantity": 1,
        "alternative_to": None,
        "verdict": "ready",
        "analysis_note": "",
        "analysis": {
            "size_mm": [20.0, 10.0, 5.0],
            "materials": [{"material": "test-plastic", "mass_g": 0.56, "print_time_min": 4.7}],
            "reasons": [{"level": "attention", "message": "an overhang"}],
        },
        "preview": "previews/hook--hook.png",
        **changes,
    }


def report(**changes: Any) -> dict[str, Any]:
    return {
        "base": "abc",
        "errors": 0,
        "warnings": 0,
        "everything_checked": False,
        "changed_files": [{"path": DESIGN_YML.path, "status": "added"}],
        "checked_records": [DESIGN_YML.path],
        "referencing_records": [],
        "findings": [],
        "designs": [
            {
                "id": "hook",
                "path": DESIGN_YML.path,
                "title": "Wall hook",
                "licence": "CERN-OHL-S-2.0",
                "maturity": "concept",
                "errors": 0,
                "warnings": 0,
                "parts": [part()],
            }
        ],
        "analysis_errors": [],
        **changes,
    }


def comment(data: dict[str, Any], changed: list[ChangedFile] | None = None, **kw: Any) -> str:
    return comment_markdown(read_report(data), [DESIGN_YML] if changed is None else changed, **kw)


def test_a_good_change_is_ready_for_review() -> None:
    text = comment(report())
    assert text.startswith(COMMENT_MARKER + "\n## MakeLocal check: Ready for review\n")
    assert "0 errors, 0 warnings in 1 changed file; 1 changed record checked." in text
    assert "| `Hook` | 1 | `parts/hook.stl` | `src/hook.scad` | `test-printing` |" in text
    assert "| `Hook` | ready | 20 x 10 x 5 | `test-plastic` | 0.56 | 4.7 |" in text
    assert "- `Hook` (attention): `an overhang`" in text
    assert text.endswith(
        "Every check passed. A maintainer will review the content and its sources."
    )


def test_everything_from_the_report_is_shown_as_code() -> None:
    hostile_part = part(name=HOSTILE, process=HOSTILE, materials=[HOSTILE], verdict=HOSTILE)
    hostile_part["analysis"]["reasons"] = [{"level": HOSTILE, "message": HOSTILE}]
    data = report(
        findings=[finding(file=HOSTILE, message=HOSTILE, code=HOSTILE, severity=HOSTILE)],
        analysis_errors=[HOSTILE],
    )
    data["designs"][0].update(title=HOSTILE, path=HOSTILE, licence=HOSTILE, maturity=HOSTILE)
    data["designs"][0]["parts"] = [hostile_part]
    text = comment(data, [ChangedFile(HOSTILE, HOSTILE)])
    assert live_markdown(text) == []
    assert text.count(COMMENT_MARKER) == 1 and text.startswith(COMMENT_MARKER)
    plain = outside_code_spans(text)
    assert "evil" not in plain and "Ready for review" not in plain
    # A severity the check does not write counts as no error; the file is not a record.
    assert "## MakeLocal check: Needs a maintainer's review" in text
    assert "\\u202eevil" in text and "\u202e" not in text


def test_hints_come_from_the_table_of_codes_not_the_report() -> None:
    text = comment(report(findings=[finding()]))
    assert "forged hint" not in text
    assert "Use the id of an existing record (see the catalog/ folder)" in text
    assert CODES["ML203"].title  # the code the finding names is a real one
    text = comment(report(findings=[finding(code="ML999")]))
    assert "A code this version of MakeLocal does not know." in text


@pytest.mark.parametrize(
    "path",
    [
        "docs/guides/new-guide.md",  # a guide joins the navigation by itself
        "mkdocs.yml",  # extra_javascript: [https://...]
        "Makefile",
        ".github/workflows/pr-check.yml",
        "generator/contrib/comment.py",
        "schemas/design.schema.json",
        "README.md",
    ],
)
def test_a_change_outside_the_records_needs_a_maintainer(path: str) -> None:
    """Whatever the report says: the pull request's own code wrote it."""
    changed = [DESIGN_YML, ChangedFile(path, "modified")]
    text = comment(report(), changed)
    assert "## MakeLocal check: Needs a maintainer's review" in text
    assert "### Changes outside the records" in text and f"- `{path}` (`modified`)" in text
    assert "Every check passed" not in text
    assert "Ready for review" not in text


def test_the_files_outside_the_records_come_from_github_not_the_report() -> None:
    data = report(changed_files=[{"path": DESIGN_YML.path, "status": "added"}])
    changed = [DESIGN_YML, ChangedFile("generator/web/build.py", "modified")]
    assert "Needs a maintainer's review" in comment(data, changed)


def test_a_list_github_cut_short_needs_a_maintainer_too() -> None:
    text = comment(report(), [DESIGN_YML], complete=False)
    assert "Needs a maintainer's review" in text
    assert "more files than GitHub lists for a pull request" in text


def test_a_long_list_of_files_is_named_in_part() -> None:
    changed = [ChangedFile(f"docs/page-{i}.md", "added") for i in range(250)]
    text = comment(report(), changed)
    assert "- `docs/page-99.md` (`added`)" in text and "docs/page-100.md" not in text
    assert "- and 150 more" in text


def test_a_missing_or_broken_report_says_so_and_still_lists_outside_changes(
    tmp_path: Path,
) -> None:
    for content in (None, "not json", "[]", json.dumps(report(findings="none"))):
        path = tmp_path / "report.json"
        path.unlink(missing_ok=True)
        if content is not None:
            path.write_text(content, "utf-8")
        with pytest.raises(ReportUnreadable) as unreadable:
            load_report(path)
        text = comment_markdown(
            unreadable.value,
            [ChangedFile("Makefile", "modified")],
            run_url="https://github.com/o/r/actions/runs/1",
        )
        assert "## MakeLocal check: the report could not be read" in text
        assert "see https://github.com/o/r/actions/runs/1." in text
        assert "- `Makefile` (`modified`)" in text


@pytest.mark.parametrize(
    "broken",
    [
        {"everything_checked": "no"},
        {"findings": [finding(line=True)]},
        {"findings": [finding(line="3")]},
        {"findings": [None]},
        {"designs": [{"path": "x"}]},
        {"changed_files": [{"path": 1, "status": "added"}]},
        {"analysis_errors": [1]},
    ],
)
def test_a_report_of_the_wrong_shape_is_unreadable(broken: dict[str, Any]) -> None:
    with pytest.raises(ReportUnreadable):
        read_report(report(**broken))


def test_figures_that_are_not_numbers_are_shown_as_unknown() -> None:
    odd = part()
    odd["analysis"]["size_mm"] = [20, "x", 1e400]
    odd["analysis"]["materials"] = [{"material": 7, "mass_g": True, "print_time_min": 10**400}]
    text = comment(report(designs=[{**report()["designs"][0], "parts": [odd]}]))
    assert "| `Hook` | ready | 20 | `?` | ? | ? |" in text


def test_a_huge_number_in_the_json_is_unreadable_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"findings": [{"line": ' + "9" * 5000 + "}]}", "utf-8")
    with pytest.raises(ReportUnreadable, match="is not JSON"):
        load_report(path)


def test_literal_keeps_text_exact_and_on_one_line() -> None:
    assert literal("a `b` c") == "``a `b` c``"
    assert literal("`edge`") == "`` `edge` ``"
    assert literal("a|b", cell=True) == "`a\\|b`"
    assert literal("two\nlines\t here") == "`two lines here`"
    assert literal("") == "(empty)"
    assert literal("x" * 1000) == "`" + "x" * (MAX_TEXT - 1) + "\u2026`"
    assert literal("\x1b[2J\u200b") == "`\\x1b[2J\\u200b`"


def test_a_long_report_is_cut_at_a_line_within_the_limit() -> None:
    many = [finding(message=f"problem {i} " + "x" * 200) for i in range(1000)]
    text = comment(report(findings=many))
    assert len(text) <= COMMENT_LIMIT and text.endswith("\n\n" + CUT_SHORT)
    assert all(line.count("`") % 2 == 0 for line in text.splitlines())


def test_the_workflow_runs_it_with_nothing_installed(tmp_path: Path) -> None:
    """-S: no site-packages; -E: no PYTHON* variables. Only the standard library is there."""
    (tmp_path / "report.json").write_text(json.dumps(report()), "utf-8")
    files = {"files": [{"path": "mkdocs.yml", "status": "modified"}], "complete": True}
    (tmp_path / "files.json").write_text(json.dumps(files), "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-S",
            "-E",
            "-m",
            "generator.contrib.comment",
            str(tmp_path / "report.json"),
            str(tmp_path / "files.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(COMMENT_MARKER + "\n## MakeLocal check: Needs a maintainer's")
    assert "- `mkdocs.yml` (`modified`)" in done.stdout


def test_sizes_masses_and_times_are_rounded_for_readers() -> None:
    odd = part()
    odd["analysis"]["size_mm"] = [169.377, 165.684, 15.2104]
    odd["analysis"]["materials"] = [
        {"material": "test-plastic", "mass_g": 1234.56, "print_time_min": 0.0456}
    ]
    text = comment(report(designs=[{**report()["designs"][0], "parts": [odd]}]))
    assert "| `Hook` | ready | 169 x 166 x 15.2 | `test-plastic` | 1,235 | 0.0456 |" in text
    assert "169.377" not in text


def test_what_the_report_says_of_records_evidence_and_originals_is_shown_as_code() -> None:
    data = report(
        records=[
            {
                "type": HOSTILE,
                "id": HOSTILE,
                "path": HOSTILE,
                "status": HOSTILE,
                "name": HOSTILE,
                "facts": [HOSTILE],
            }
        ]
        * 10,
        evidence_changes=[
            {
                "design": HOSTILE,
                "title": HOSTILE,
                "before": HOSTILE,
                "after": "Tested against " + HOSTILE,
                "lifted": True,
                "because": [HOSTILE],
            }
        ],
    )
    data["designs"][0]["derived_from"] = [
        {"title": HOSTILE, "design": None, "url": HOSTILE, "licence": HOSTILE}
    ]
    text = comment(data)
    assert live_markdown(text) == []
    assert "evil" not in outside_code_spans(text)
    assert "### Changed records" in text  # more records than the first screen names


def test_a_report_from_before_the_summary_is_read_without_it() -> None:
    data = report()
    assert "records" not in data and "evidence_changes" not in data
    parsed = read_report(data)
    assert parsed.records == () and parsed.evidence == ()
    with pytest.raises(ReportUnreadable):
        read_report(report(records=[{"type": "design"}]))
    with pytest.raises(ReportUnreadable):
        read_report(report(evidence_changes=[{**dict.fromkeys(("design", "title")), "x": 1}]))

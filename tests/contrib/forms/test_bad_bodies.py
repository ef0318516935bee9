"""A body that cannot become a record gets a reply listing each problem in plain words,
against the field it is in, and nothing is written: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.contrib.forms.reply import REPLY_MARKER
from tests.contrib.forms.conftest import BODIES, from_issue
from tests.contrib.markdown_spans import live_markdown, outside_code_spans

# Each bad body's reply, item by item, in the order the form asks.
EXPECTED: dict[str, list[str]] = {
    "design-bad.md": [
        "**Title** is empty: please fill it in.",
        "**Description** holds a file or a picture: put pictures and files in the fields for "
        "them, and keep this one to words.",
        "**Licence**: `CC-BY-NC-4.0 (Creative Commons Attribution Non Commercial 4.0)` is not "
        "one of its choices: choose one.",
        "**What it serves** has nothing ticked: tick at least one.",
        "**Part files**: `https://www.thingiverse.com/thing:4225667` is not a file attached to "
        "this issue: download it and drag the file itself into the box.",
        "**Part files**: `readme.txt` in `notes.zip` is not for this field: parts are STL "
        "meshes (in a .zip), or SVG or DXF outlines.",
        "**Photos**: `spinning.gif` is not for this field: photos are PNG, JPEG or WebP pictures.",
        "**Materials**: `recycled nylon` is not a material MakeLocal describes yet. The known "
        "ones are listed on the site; a new material is proposed with its own form first.",
        "**About the parts**: `hook.stl Wall hook` does not start with a file name and a colon, "
        "such as `headband.stl: Headband, 2`.",
        "**Steps to reach that part**: `a few` is not a whole number from 0 to 100.",
        "**Publishing** is not ticked: the files can only be published if you may.",
    ],
    # Well-formed answers, but the files fail the checks every contribution gets.
    "design-bad-files.md": [
        "**Part files**: `broken.stl` in `broken-parts.zip`: STL part cannot be read "
        "(`parts/broken.stl: ASCII STL holds no 'vertex' lines, so no triangles; re-export the "
        "part as STL from its source`). Re-export the part as a binary STL",
        "**Part files**: `outline.svg` in `broken-parts.zip`: Script or outside reference in a "
        "file (`'parts/outline.svg' holds a <script> element: only drawing elements may be "
        "published`). Export the drawing or document again",
    ],
    "not-a-form.md": [
        "This issue was not written with one of the forms that make records (*Propose a "
        "design*, *Report a make*, *Post a need*, *Proposer un modèle (en français)*, "
        "*Raconter une fabrication (en français)*, *Publier un besoin (en français)*): open a "
        "new issue and choose one of them.",
    ],
}


def _items(reply: str) -> list[str]:
    return [line.split(". ", 1)[1] for line in reply.splitlines() if line[:1].isdigit()]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_problem_is_listed_in_plain_words(
    name: str, repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(repository.rglob("*"))
    run = from_issue(repository, name, capsys)
    assert run.code == 1 and run.error == ""
    assert run.output.startswith(REPLY_MARKER + "\n## A few things to fix first\n")
    items = _items(run.output)
    assert len(items) == len(EXPECTED[name])
    for item, expected in zip(items, EXPECTED[name], strict=True):
        assert item.startswith(expected)
    assert sorted(repository.rglob("*")) == before  # nothing written, nothing left behind


@pytest.mark.parametrize("name", list(EXPECTED))
def test_what_the_contributor_wrote_stays_inert(
    name: str, repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, name, capsys)
    assert live_markdown(run.output) == []
    assert "<script" not in outside_code_spans(run.output)


def test_an_attachment_that_could_not_be_downloaded_is_named(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        (BODIES / "design-good.md")
        .read_text("utf-8")
        .replace("files/17383744/hook-parts.zip", "files/99/too-large.zip")
    )
    (tmp_path / "body.md").write_text(body, "utf-8")
    run = from_issue(repository, str(tmp_path / "body.md"), capsys)
    assert "**Part files**: `hook-parts.zip` could not be downloaded" in run.output


def test_a_body_that_is_not_utf8_or_huge_is_read_as_text(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "body.md").write_bytes(b"\xff\xfe### Title\n\n" + b"x" * 3_000_000)
    run = from_issue(repository, str(tmp_path / "body.md"), capsys)
    assert run.code == 1 and "was not written with one of the forms" in run.output

"""A filled "Post a need" form becomes a need, answered through a public route only; a
bad one gets each problem against its field (a personal e-mail address among them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.schema_files import SCHEMA_DIR
from generator.cli import main
from generator.records.loader import parse
from tests.contrib.forms.conftest import from_issue

NEED = "catalog/needs/face-shields-for-the-maternity-ward-kampala-2026-12.yml"
POSTED = ("--posted", "2026-12-01T09:12:00Z")


def test_a_need_becomes_a_record(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = from_issue(repository, "need-good.md", capsys, *POSTED)
    assert run.code == 0, run.output
    assert "## New need: `Face shields for the maternity ward`" in run.output
    data = parse((repository / NEED).read_bytes(), Path("need.yml")).data
    assert data == {
        "id": "face-shields-for-the-maternity-ward-kampala-2026-12",
        "title": "Face shields for the maternity ward",
        "design": "face-shield-headband",
        "quantity": 200,
        "materials": ["petg"],
        "requested_by": "Mulago Hospital, maternity ward",
        "country": "UG",
        "region": "Kampala",
        "posted": "2026-12-01",
        "needed_by": "2027-01-15",
        "contact": {"url": "https://example.org/mulago/contact"},
        "description": "Shields for 40 midwives, replaced weekly; collected from the hospital "
        "store.",
    }
    if (SCHEMA_DIR / "need.schema.json").exists():  # the need schema, once on main
        assert main(["--root", str(repository), "validate", str(repository / NEED)]) == 0


@pytest.mark.parametrize(
    ("route", "given", "contact"),
    [
        ("By commenting on this issue", "_No response_", {"issues": True}),
        (
            "Through our maker profile on the site (give its name below)",
            "Garbage In Value Out",
            {"maker": "garbage-in-value-out"},
        ),
    ],
)
def test_each_public_route(
    route: str,
    given: str,
    contact: dict[str, object],
    repository: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    body = (Path(__file__).parents[2] / "fixtures/issue-bodies/need-good.md").read_text("utf-8")
    body = body.replace(
        "Through our public web page or contact form (give its address below)", route
    ).replace("https://example.org/mulago/contact", given)
    (tmp_path / "body.md").write_text(body, "utf-8")
    assert from_issue(repository, str(tmp_path / "body.md"), capsys, *POSTED).code == 0
    assert parse((repository / NEED).read_bytes(), Path("n.yml")).data["contact"] == contact


def test_a_bad_need_lists_each_problem(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "need-bad.md", capsys, *POSTED)
    assert run.code == 1
    items = [line.split(". ", 1)[1] for line in run.output.splitlines() if line[:1].isdigit()]
    assert items == [
        "**Design** is empty, and so is the kind of product: give one of them.",
        "**How many**: `lots` is not a whole number from 1 to 10000000.",
        "**Public page or maker profile**: `midwife.amina@gmail.com` looks like an e-mail "
        "address: everything here is published, so give a public page, or choose to be reached "
        "through this issue.",
        "**Needed by** is before the day this was posted: give the last day it is of use.",
        "**Publishing** is not ticked: a need is public, so it must be meant to be.",
    ]
    assert not list(repository.glob("catalog/needs/*.yml"))

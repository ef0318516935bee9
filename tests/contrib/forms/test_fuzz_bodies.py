"""Whatever an issue body holds, `makelocal from-issue` ends in records or a reply: never
an exception, and a hostile answer (a long run of spaces, markup, control characters,
a colon-less line) costs no more than a normal one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.contrib.forms.convert import convert
from generator.contrib.forms.form import load_forms
from generator.contrib.forms.proposal import remove
from generator.contrib.forms.reply import Issue
from tests.contrib.forms.conftest import BODIES, ROOT, make_repository

FORMS = load_forms(ROOT)
GOOD = {
    name: (BODIES / name).read_text("utf-8")
    for name in ("design-good.md", "make-good.md", "need-good.md")
}
PIECES = [
    "\n",
    "### ",
    "_No response_",
    "- [X] ",
    "[a.zip](https://github.com/user-attachments/files/1/a.zip)",
    "![Image](https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9)",
    '<img src="https://github.com/user-attachments/assets/x" alt="',
    "<script>",
    ":",
    ",",
    " and ",
    "`",
    "|",
    "@maintainer",
    "#1",
    "\u202e",
    "\x00",
    "PETG",
    "1",
    "2026-13-45",
    " " * 5000,
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("fuzz") / "repo")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(sorted(GOOD)),
    st.integers(min_value=0, max_value=40),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=12),
)
def test_any_answer_ends_in_records_or_a_reply(
    repo: Path, name: str, field: int, inserted: list[str]
) -> None:
    """One answer of a good body replaced with anything."""
    body = GOOD[name]
    headings = [i for i, line in enumerate(body.split("\n")) if line.startswith("### ")]
    lines = body.split("\n")
    at = headings[field % len(headings)] + 2
    lines[at] = "".join(inserted)
    outcome = convert("\n".join(lines), FORMS, repo, repo / "none", Issue(posted="2026-12-01"))
    remove(outcome.written)  # the next example starts from the same repository
    text = outcome.markdown(Issue())
    assert text.startswith("<!-- makelocal-from-issue -->")
    assert outcome.ok or outcome.problems

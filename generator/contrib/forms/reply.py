"""What `makelocal from-issue` says: a reply on the issue listing each problem in plain
words, or the description of the pull request it made. Both are Markdown that the
workflow posts as it is: our words, with everything the contributor wrote as code."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from generator.contrib.forms.form import Problem
from generator.contrib.forms.proposal import Proposal
from generator.contrib.inert_text import literal

# The reply's first line: the workflow finds its comment on the issue again by it.
REPLY_MARKER = "<!-- makelocal-from-issue -->"
ISSUE_URL = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/issues/([0-9]{1,9})")
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_RECORD_WORDS = {"design": "design", "make": "make report", "need": "need"}


@dataclass(frozen=True)
class Issue:
    """The issue a proposal comes from, as the workflow names it (GitHub's own data)."""

    url: str | None = None
    author: str | None = None  # their login, to ask them to follow the review
    posted: str = field(default_factory=lambda: date.today().isoformat())  # opened, YYYY-MM-DD

    @property
    def number(self) -> str | None:
        match = ISSUE_URL.fullmatch(self.url or "")
        return match.group(1) if match else None


def _sentence(problem: Problem) -> str:
    """`**Title** is empty: ...` for a problem worded after its field's name, else
    `**Materials**: ...`."""
    message = problem.message
    if problem.label is None:
        return message[:1].upper() + message[1:]
    joiner = " " if message[:1].islower() else ": "
    return f"**{problem.label}**{joiner}{message}"


def problems_reply(form_name: str | None, problems: Sequence[Problem]) -> str:
    """The reply to an issue whose answers cannot become a record yet."""
    what = f"the form {literal(form_name)}" if form_name else "this issue"
    lines = [
        REPLY_MARKER,
        "## A few things to fix first",
        "",
        f"Thank you for filling in {what}! Before it can become a pull request, please edit "
        "the issue (the `...` menu at the top right of it, then *Edit*) and fix:",
        "",
        *(f"{number}. {_sentence(p)}" for number, p in enumerate(problems, start=1)),
        "",
        "Saving the issue checks it again, and this comment says what is still to do.",
    ]
    return "\n".join(lines)


def description(
    proposal: Proposal, form_name: str, warnings: Sequence[Problem], issue: Issue
) -> str:
    """The pull request's description: what was made, from which files, and what the
    reviewer will ask about."""
    what = _RECORD_WORDS.get(proposal.record_type, proposal.record_type)
    source = f"issue #{issue.number}" if issue.number else "an issue"
    lines = [
        REPLY_MARKER,
        f"## New {what}: {literal(proposal.title)}",
        "",
        f"Made from {source} (the form {literal(form_name)}) by `makelocal from-issue`, "
        "and validated.",
        "",
        "| file | from |",
        "| --- | --- |",
        f"| {literal(proposal.record_path, cell=True)} | the answers in the form |",
        *(f"| {literal(f.path, cell=True)} | {_cell(f.origin)} |" for f in proposal.files),
        "",
    ]
    if warnings:
        lines += ["### For the review", ""]
        lines += [f"- {_sentence(w)}" for w in warnings]
        lines.append("")
    if issue.author and LOGIN.fullmatch(issue.author):
        lines += [
            f"@{issue.author}, a maintainer reviews this here: please answer their questions "
            "in this pull request.",
            "",
        ]
    if issue.number:
        lines.append(f"Closes #{issue.number}.")
    return "\n".join(lines)


def _cell(markdown: str) -> str:
    """Markdown (code spans included) inside a table cell, where `|` ends the cell."""
    return markdown.replace("|", "\\|")

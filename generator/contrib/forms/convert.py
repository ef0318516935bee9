"""An issue body to records in the repository, or to the problems that stop it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.contrib.forms.design import design_proposal
from generator.contrib.forms.form import Answers, Form, Problem, identify
from generator.contrib.forms.make import make_proposal
from generator.contrib.forms.need import need_proposal
from generator.contrib.forms.proposal import (
    Catalogue,
    Proposal,
    findings_on,
    problems_of,
    record_yaml,
    remove,
    write,
)
from generator.contrib.forms.reply import Issue, description, problems_reply
from generator.records.loader import parse

Convert = Callable[[Answers, Catalogue, Path, Issue], Proposal | None]
CONVERTERS: dict[str, Convert] = {
    "design": lambda answers, catalogue, folder, _: design_proposal(answers, catalogue, folder),
    "make": make_proposal,
    "need": need_proposal,
}


@dataclass
class Outcome:
    form: Form | None
    proposal: Proposal | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # files and folders, folders first

    @property
    def ok(self) -> bool:
        return self.proposal is not None and not self.problems

    def markdown(self, issue: Issue) -> str:
        """The pull request's description, or the reply listing the problems."""
        name = self.form.name if self.form else None
        if self.ok and self.proposal is not None and self.form is not None:
            return description(self.proposal, self.form.name, self.warnings, issue)
        return problems_reply(name, self.problems)


def read_answers(text: str, forms: list[Form]) -> Answers | Outcome:
    """The answers of the form the body was written with, or why there are none."""
    form = identify(text, forms)
    if form is None:
        names = ", ".join(f"*{f.name}*" for f in forms)
        problem = Problem(
            None,
            f"this issue was not written with one of the forms that make records ({names}): "
            "open a new issue and choose one of them.",
        )
        return Outcome(None, problems=[problem])
    return Answers.read(form, text)


def convert(text: str, forms: list[Form], out: Path, folder: Path, issue: Issue) -> Outcome:
    """Write the record(s) and files an issue body proposes into the repository at `out`,
    validated; on any error, nothing stays written."""
    answers = read_answers(text, forms)
    if isinstance(answers, Outcome):
        return answers
    outcome = Outcome(answers.form)
    catalogue = Catalogue.load(out)
    proposal = CONVERTERS[answers.form.record_type](answers, catalogue, folder, issue)
    if proposal is None or answers.problems:
        outcome.problems = answers.problems
        return outcome
    try:
        outcome.written = write(proposal, out, issue.url)
    except FileExistsError as error:
        outcome.problems = [Problem(None, f"{error.filename} exists already in the repository.")]
        return outcome
    document = parse(record_yaml(proposal, issue.url).encode("utf-8"), Path(proposal.record_path))
    findings = findings_on(proposal, out)
    errors = [f for f in findings if f.severity == "error"]
    outcome.problems = problems_of(proposal, errors, document, answers.form)
    warnings = [f for f in findings if f not in errors]
    outcome.warnings = problems_of(proposal, warnings, document, answers.form)
    if errors:
        remove(outcome.written)
        outcome.written = []
    else:
        outcome.proposal = proposal
    return outcome

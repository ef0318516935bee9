"""`makelocal from-issue`: an issue form's answers made into records and files."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.contrib.forms.convert import Outcome

MAX_BODY_BYTES = 1024 * 1024  # GitHub caps an issue body at 65,536 characters


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "from-issue",
        help="make the record(s) and files an issue form proposes",
        description="Read the body of an issue written with one of the forms in "
        ".github/ISSUE_TEMPLATE (propose a design, report a make, post a need), write the "
        "record and its files into the repository and validate them. Prints the pull "
        "request's description, or a reply listing each problem (exit status 1). Never "
        "touches the network: the workflow downloads the attachments first.",
    )
    command.add_argument("body", type=Path, help="the issue's body, as Markdown")
    command.add_argument(
        "--files",
        type=Path,
        metavar="DIR",
        help="where the attachments were downloaded, each under the name "
        "--list-attachments gives it",
    )
    command.add_argument(
        "--out", type=Path, metavar="ROOT", help="repository to write into (default: --root)"
    )
    command.add_argument("--issue-url", help="the issue's address, recorded with a make report")
    command.add_argument("--author", help="the issue author's login, asked to follow the review")
    command.add_argument(
        "--posted",
        metavar="DATE",
        help="when the issue was opened, as YYYY-MM-DD or a GitHub timestamp (default: today)",
    )
    command.add_argument(
        "--save",
        type=Path,
        metavar="DIR",
        help="also write reply.md, proposal.json and a copy of every file written under "
        "files/ into DIR, for the workflow's next job",
    )
    command.add_argument(
        "--list-attachments",
        action="store_true",
        help="only print each attachment as NAME<tab>ADDRESS, for the workflow to download",
    )
    command.set_defaults(run=run)


def _read_body(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.read(MAX_BODY_BYTES).decode("utf-8", errors="replace")


def run(args: argparse.Namespace) -> int:
    from generator.contrib.forms.convert import Outcome, convert, read_answers
    from generator.contrib.forms.form import FormsUnreadable, load_forms
    from generator.contrib.forms.reply import ISSUE_URL, Issue

    if args.issue_url is not None and not ISSUE_URL.fullmatch(args.issue_url):
        print("makelocal from-issue: --issue-url is not an issue's address", file=sys.stderr)
        return 2
    try:
        text = _read_body(args.body)
        forms = load_forms(Path(args.root))
    except OSError as error:
        print(f"makelocal from-issue: {args.body}: {error.strerror}", file=sys.stderr)
        return 2
    except FormsUnreadable as error:
        print(f"makelocal from-issue: {error}", file=sys.stderr)
        return 2
    if args.list_attachments:
        answers = read_answers(text, forms)
        if not isinstance(answers, Outcome):
            for item in answers.attachments():
                print(f"{item.saved_name}\t{item.url}")
        return 0
    out = Path(args.out or args.root)
    try:
        posted = date.fromisoformat(args.posted[:10]) if args.posted else date.today()
    except ValueError:
        print("makelocal from-issue: --posted is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    issue = Issue(args.issue_url, args.author, posted.isoformat())
    outcome = convert(text, forms, out, Path(args.files or out / ".no-attachments"), issue)
    markdown = outcome.markdown(issue)
    if args.save:
        _save(Path(args.save), outcome, markdown, out)
    print(markdown)
    return 0 if outcome.ok else 1


def _save(folder: Path, outcome: Outcome, markdown: str, out: Path) -> None:
    """What the workflow's next job needs: the reply or description, what was made, and
    a copy of each file written (by its path in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reply.md").write_text(markdown + "\n", encoding="utf-8")
    files = [p for p in outcome.written if p.is_file()]
    proposal = outcome.proposal
    summary = {
        "ok": outcome.ok,
        "record_type": proposal.record_type if proposal else None,
        "record_id": proposal.record_id if proposal else None,
        "title": proposal.title if proposal else None,
        "files": [p.relative_to(out).as_posix() for p in files],
    }
    (folder / "proposal.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    for path in files:
        copy = folder / "files" / path.relative_to(out)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())

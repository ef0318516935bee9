"""Issue bodies as GitHub writes them (tests/fixtures/issue-bodies/), their attachments
downloaded the way the from-issue workflow does, and a repository to write into: the
project's own forms and catalogue, and one of its designs."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
BODIES = FIXTURES / "issue-bodies"
ATTACHMENTS = BODIES / "attachments"


def make_repository(destination: Path) -> Path:
    """The project's forms, catalogue and the face-shield headband design."""
    shutil.copytree(ROOT / ".github/ISSUE_TEMPLATE", destination / ".github/ISSUE_TEMPLATE")
    shutil.copytree(ROOT / "catalog", destination / "catalog")
    shutil.copytree(
        ROOT / "designs/face-shield-headband", destination / "designs/face-shield-headband"
    )
    return destination


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "repo")


def download(repo: Path, body: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What the workflow does: ask the command which attachments to fetch, and save each
    under the name it gives; here GitHub's store is tests/fixtures/issue-bodies/attachments,
    by the last part of each address. One that is not there is not downloaded."""
    folder.mkdir(parents=True, exist_ok=True)
    assert main(["--root", str(repo), "from-issue", str(body), "--list-attachments"]) == 0
    for line in capsys.readouterr().out.splitlines():
        name, url = line.split("\t")
        stored = ATTACHMENTS / url.rsplit("/", 1)[-1]
        if stored.exists():
            shutil.copy(stored, folder / name)


@dataclass
class Run:
    code: int
    output: str
    error: str


def from_issue(repo: Path, name: str, capsys: pytest.CaptureFixture[str], *extra: str) -> Run:
    """`makelocal from-issue` on a fixture body, after downloading its attachments."""
    body = BODIES / name
    files = repo.parent / "downloads"
    download(repo, body, files, capsys)
    code = main(
        [
            "--root",
            str(repo),
            "from-issue",
            str(body),
            "--files",
            str(files),
            "--issue-url",
            "https://github.com/makelocal/makelocal/issues/12",
            "--author",
            "amina-n",
            *extra,
        ]
    )
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)

"""`makelocal match` keeps what matching needs between runs: the next run, nothing having
changed, reads neither the records nor the analysis; a change to any record or part file
is seen."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.makeit import stored
from generator.web import sources
from tests.makeit.conftest import ANALYSES


def run(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert cli.main(["--root", str(repo), "match", *args]) == 0
    answer: dict[str, object] = json.loads(capsys.readouterr().out)
    return answer


def test_what_is_stored_reads_back_as_it_was(inputs: tuple[Any, Any]) -> None:
    cat, makers = inputs
    assert stored.from_json(json.loads(json.dumps(stored.to_json(cat, makers)))) == (cat, makers)


def test_the_next_run_reads_no_record(
    match_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "analyse", lambda catalog, root: ANALYSES)
    first = run(match_repo, capsys, "--maker", "print-shop")

    def refused(root: Path) -> None:
        raise AssertionError("the records were loaded again")

    monkeypatch.setattr(sources, "load_valid_catalog", refused)
    assert run(match_repo, capsys, "--maker", "print-shop") == first


def test_a_changed_record_is_seen(
    match_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "analyse", lambda catalog, root: ANALYSES)
    run(match_repo, capsys, "--process", "printing")
    record = next(match_repo.glob("designs/*/design.yml"))
    text = record.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    record.write_text(text.replace(title, "title: Renamed for the test"), "utf-8")
    os.utime(record, ns=(1, 1))  # even with its old time of change, its size differs
    answer = run(match_repo, capsys, "--process", "printing")
    titles = [d["title"] for d in answer["can_make"] + answer["near_misses"]]  # type: ignore[operator]
    assert "Renamed for the test" in titles

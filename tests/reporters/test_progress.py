"""Long commands show their progress on a terminal (count, item, time left) and nothing
when stderr is a file or a pipe; the analysis and the build report every item they do."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.analysis.runner import Settings, run, select_jobs
from generator.cli import main
from generator.findings.progress import SILENT
from generator.records.catalog import load_catalog
from generator.reporters.progress import TerminalProgress, progress_on, time_left
from generator.web.build import build_site
from generator.web.i18n import TRANSLATED


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@dataclass
class Recorder:
    """A Progress that keeps every call: (step, total, items done, ended)."""

    steps: list[tuple[str, int, list[str], bool]] = field(default_factory=list)

    def begin(self, what: str, total: int) -> None:
        self.steps.append((what, total, [], False))

    def advance(self, item: str) -> None:
        self.steps[-1][2].append(item)

    def end(self) -> None:
        what, total, items, _ = self.steps[-1]
        self.steps[-1] = (what, total, items, True)


def test_a_terminal_sees_count_item_and_time_left() -> None:
    stream = Terminal()
    now = [100.0]
    progress = TerminalProgress(stream, clock=lambda: now[0])
    progress.begin("analysing parts", 4)
    for second, name in ((10.0, "a.stl"), (20.0, "b.stl"), (30.0, "c.stl")):
        now[0] = 100.0 + second
        progress.advance(name)
    text = stream.getvalue()
    assert "\ranalysing parts 0/4" in text
    assert "\ranalysing parts 1/4 a.stl, about 30 s left" in text
    assert "\ranalysing parts 3/4 c.stl, about 10 s left" in text
    progress.end()
    assert stream.getvalue().endswith(
        "\r" + " " * len("analysing parts 3/4 c.stl, about 10 s left") + "\r"
    )


def test_redraws_are_rationed_but_the_last_item_is_shown() -> None:
    stream = Terminal()
    progress = TerminalProgress(stream, clock=lambda: 5.0)  # every item at the same instant
    progress.begin("making files", 1000)
    for index in range(1000):
        progress.advance(f"file-{index}")
    assert stream.getvalue().count("\r") < 10
    assert "making files 1000/1000 file-999" in stream.getvalue()


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (3.2, "about 3 s left"),
        (42, "about 40 s left"),
        (150, "about 2 min left"),
        (7200, "about 2.0 h left"),
    ],
)
def test_time_left_in_words(seconds: float, words: str) -> None:
    assert time_left(seconds) == words


def test_nothing_when_stderr_is_not_a_terminal() -> None:
    assert progress_on(io.StringIO()) is SILENT
    assert isinstance(progress_on(Terminal()), TerminalProgress)


def test_the_analysis_reports_each_part_it_analyses(repo: Path, tmp_path: Path) -> None:
    jobs = select_jobs(load_catalog(repo), [], None)
    recorder = Recorder()
    run(jobs, Settings(cache=tmp_path / "cache", workers=1), recorder)
    assert recorder.steps == [("analysing parts", len(jobs), [j.shown for j in jobs], True)]
    again = Recorder()
    run(jobs, Settings(cache=tmp_path / "cache", workers=1), again)
    assert again.steps == [("analysing parts", 0, [], True)]  # all from the cache


def test_analyse_prints_no_progress_into_a_log(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "analyse", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""


def test_the_build_reports_every_step(repo: Path, tmp_path: Path) -> None:
    recorder = Recorder()
    build_site(repo, tmp_path / "site", progress=recorder)
    steps = [what for what, *_ in recorder.steps]
    assert steps == [
        "analysing parts",
        "making files",
        "writing pages",
        *(f"writing pages ({language})" for language in TRANSLATED),
        "indexing the search",
    ]
    for what, total, items, ended in recorder.steps:
        assert ended and len(items) == total, what
    pages = next(items for what, _, items, _ in recorder.steps if what == "writing pages")
    assert "index.md" in pages and len(pages) > 10


def test_a_long_item_gives_way_to_the_count_and_the_time_left() -> None:
    stream = Terminal()  # not a real terminal: 80 columns are assumed
    now = [0.0]
    progress = TerminalProgress(stream, clock=lambda: now[0])
    progress.begin("building", 2)
    now[0] = 30.0
    progress.advance("designs/" + "very-long-folder-name/" * 10 + "part.stl")
    line = stream.getvalue().split("\r")[-1]
    assert len(line) < 80
    assert line.startswith("building 1/2 …") and line.endswith("/part.stl, about 30 s left")

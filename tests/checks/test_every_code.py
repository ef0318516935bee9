"""Every finding code has a fixture that fails with it, and every fixture expects a code
that exists (tldr-lint's rule: a code nobody has seen fire may not fire at all).

Fixture kinds, by how a case is checked (each case is a folder of files overlaid on
tests/fixtures/base/):
- invalid/: validated as a catalogue, giving an error (run by test_fixture_cases.py);
- warnings/: validated as a catalogue, giving warnings and no error;
- invalid-files/: validated as a catalogue, after steps that make what a fixture folder
  cannot hold (links, oversized files, awkward file names);
- invalid-changes/: committed on a branch of the base repository, then checked the way
  `makelocal validate --changed` checks a contribution (`check_changes`);
- invalid-paths/: `makelocal validate <paths>` on the base plus the case.

A case's files mark what they expect with `# expect: MLxxx line N`. A case may add a
case.toml, which is not copied:
    [[symlink]] path, target   a symbolic link
    [[pad]] path, bytes        the file (made if missing) padded with `#` to `bytes` bytes
    [[write]] path, text       a file whose name or content the repository should not hold
    [[fifo]] path              a FIFO (named pipe), which git cannot hold
    [[sparse]] path, bytes     a file of zeros of that size that takes no disk space
    [[expect]] code, file, line  a finding on a file that cannot hold a comment
    paths = [...]              invalid-paths/ only: what `makelocal validate` is given
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.contrib.changes import check_changes
from generator.findings import Finding, has_errors
from generator.findings.codes import CODES
from generator.records.catalog import load_catalog
from tests.checks.test_fixture_cases import expectations
from tests.conftest import FIXTURES, make_repo
from tests.contrib.gitrepo import commit_all, git, init_repo

CASE_FILE = "case.toml"
# Kinds run here; invalid/ is run by test_fixture_cases.py.
KINDS = ("warnings", "invalid-files", "invalid-changes", "invalid-paths")

Expectation = tuple[str, str, int]  # (file, code, line), as findings give them


@dataclass(frozen=True)
class Symlink:
    path: str
    target: str

    def make(self, repo: Path) -> None:
        link = repo / self.path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        os.symlink(self.target, link)


@dataclass(frozen=True)
class Pad:
    path: str
    bytes: int

    def make(self, repo: Path) -> None:
        file = repo / self.path
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("ab") as handle:
            handle.write(b"#" * (self.bytes - handle.tell()))


@dataclass(frozen=True)
class Write:
    path: str
    text: str

    def make(self, repo: Path) -> None:
        file = repo / self.path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(self.text, encoding="utf-8")


@dataclass(frozen=True)
class Fifo:
    path: str

    def make(self, repo: Path) -> None:
        fifo = repo / self.path
        fifo.parent.mkdir(parents=True, exist_ok=True)
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)


@dataclass(frozen=True)
class Sparse:
    path: str
    bytes: int

    def make(self, repo: Path) -> None:
        file = repo / self.path
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("wb") as handle:
            handle.truncate(self.bytes)


Step = Symlink | Pad | Write | Fifo | Sparse
STEPS: dict[str, type[Step]] = {
    "symlink": Symlink,
    "pad": Pad,
    "write": Write,
    "fifo": Fifo,
    "sparse": Sparse,
}


@dataclass(frozen=True)
class Case:
    kind: str
    folder: Path
    steps: tuple[Step, ...]
    expected: frozenset[Expectation]
    paths: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.folder.name}"

    def files(self) -> list[str]:
        """Every path the case adds to the repository, relative to its root."""
        copied = [
            p.relative_to(self.folder).as_posix()
            for p in sorted(self.folder.rglob("*"))
            if p.is_file() and p.name != CASE_FILE
        ]
        return copied + [step.path for step in self.steps]

    def apply(self, repo: Path) -> None:
        shutil.copytree(
            self.folder, repo, dirs_exist_ok=True, ignore=shutil.ignore_patterns(CASE_FILE)
        )
        for step in self.steps:
            step.make(repo)


def read_case(kind: str, folder: Path) -> Case:
    spec_file = folder / CASE_FILE
    spec = tomllib.loads(spec_file.read_text("utf-8")) if spec_file.exists() else {}
    unknown = set(spec) - {*STEPS, "expect", "paths"}
    if unknown:
        raise ValueError(f"{spec_file}: unknown keys {sorted(unknown)}")
    if "paths" in spec and kind != "invalid-paths":
        raise ValueError(f"{spec_file}: `paths` belongs to invalid-paths/ cases only")
    steps = tuple(STEPS[name](**entry) for name in STEPS for entry in spec.get(name, []))
    declared = {(e["file"], e["code"], e["line"]) for e in spec.get("expect", [])}
    return Case(
        kind,
        folder,
        steps,
        frozenset(expectations(folder) | declared),
        tuple(spec.get("paths", [])),
    )


def cases(kind: str) -> list[Case]:
    return [read_case(kind, p) for p in sorted((FIXTURES / kind).iterdir()) if p.is_dir()]


CASES = [case for kind in KINDS for case in cases(kind)]


def findings_of(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[Finding]:
    repo = tmp_path / "repo"
    if case.kind == "invalid-changes":
        init_repo(repo)
        git(repo, "checkout", "-q", "-b", "contribution")
        case.apply(repo)
        commit_all(repo, f"fixture {case.name}", *case.files())  # forced: site/ is ignored
        return check_changes(repo, None).findings
    make_repo(repo)
    case.apply(repo)
    if case.kind == "invalid-paths":
        main(
            [
                "--root",
                str(repo),
                "validate",
                "--format",
                "json",
                *(str(repo / p) for p in case.paths),
            ]
        )
        return [Finding(**f) for f in json.loads(capsys.readouterr().out)["findings"]]
    return validate_catalog(load_catalog(repo))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_its_finding(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert case.expected, f"{case.name} declares no `# expect:` line nor [[expect]] table"
    findings = findings_of(case, tmp_path, capsys)
    got = {(f.file, f.code, f.line) for f in findings}
    assert case.expected <= got, f"expected {sorted(case.expected)}, got {sorted(got)}"
    if case.kind == "warnings":
        assert not has_errors(findings), "a warnings/ case must give no error"
    else:
        assert has_errors(findings)


def expected_codes() -> dict[str, set[str]]:
    """Each code some fixture expects, with the cases that expect it."""
    by_code: dict[str, set[str]] = {}
    for case in [*cases("invalid"), *CASES]:
        for _, code, _ in case.expected:
            by_code.setdefault(code, set()).add(case.name)
    return by_code


def test_every_code_has_a_failing_fixture() -> None:
    untested = sorted(set(CODES) - set(expected_codes()))
    assert not untested, f"no fixture gives {', '.join(untested)}: add a case for each"


def test_every_expected_code_exists() -> None:
    unknown = {c: sorted(names) for c, names in expected_codes().items() if c not in CODES}
    assert not unknown, f"fixtures expect codes that generator/findings/codes.py lacks: {unknown}"


def test_a_case_toml_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / CASE_FILE).write_text('[[simlink]]\npath = "a"\ntarget = "b"\n')
    with pytest.raises(ValueError, match="unknown keys \\['simlink'\\]"):
        read_case("invalid-files", tmp_path)

"""Every shell command README.md and CONTRIBUTING.md show works as written.

The commands run in scratch clones of this repository as it is on disk (committed or not),
without the network: the "fork" a contributor clones is a bare repository in a temporary
folder, so `git clone` and `git push` work as they would against GitHub. Each document's
```sh blocks run in order in one shell, as a reader would type them (a `cd` carries over);
each command shown inline (`.venv/bin/...`, `make ...`, `git ...`, `tools/...`; a span
holding a `<placeholder>` is a template) runs alone in a fresh clone.

What the shell cannot do offline, the docs say in the command's comment, in words this
test reads:
- `(needs the network)`: not run. `make setup` is the one such command; the test gives
  the clone the .venv/ it would make (wrappers around this Python, importing the clone's
  own code), as it does before running anything in a clone that needs one.
- `(runs for minutes)`: not run (`make test` runs this very test; `make stls` rebuilds
  every part, which tests/tools does for one design).
- `(runs until you stop it)`: started, and stopped once the address in its comment
  answers.
- `(needs PrusaSlicer)`, `(needs OpenSCAD)`: run where that program is installed.

A command works if it exits 0; `makelocal` may also exit 1, which is how it reports what
it found (the errors of an unfinished skeleton, say), but never with a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ("README.md", "CONTRIBUTING.md")
FORK_PLACEHOLDER = "<address of your fork>"
INLINE_STARTS = (".venv/bin/", "make ", "git ", "tools/")
PROGRAMS = {"PrusaSlicer": "prusa-slicer", "OpenSCAD": "openscad"}
NETWORK, MINUTES, UNTIL_STOPPED = (
    "(needs the network)",
    "runs for minutes",
    "(runs until you stop it)",
)
STAND_INS = {"make setup": "provide-venv"}
SERVE_TIMEOUT_S = 240


@dataclass(frozen=True)
class Command:
    document: str
    line: int
    text: str
    comment: str
    block: bool  # in a ```sh block (run in the document's shell) or inline (run alone)

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}: {self.text}"

    def skip_reason(self) -> str | None:
        if MINUTES in self.comment:
            return "runs for minutes"
        if NETWORK in self.comment and self.text not in STAND_INS:
            return "needs the network"
        needed = re.search(r"needs (PrusaSlicer|OpenSCAD)", self.comment)
        if needed and shutil.which(PROGRAMS[needed.group(1)]) is None:
            return f"{needed.group(1)} is not installed"
        return None


def split_comment(line: str) -> tuple[str, str]:
    """A shell line's command and its trailing `# comment` (a `#` inside quotes is text)."""
    quote = ""
    for index, character in enumerate(line):
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip(), line[index + 1 :].strip()
    return line.rstrip(), ""


def commands(document: str, text: str) -> list[Command]:
    """The commands of a document's ```sh blocks and the runnable ones shown inline."""
    found: list[Command] = []
    in_block = in_other_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            if in_block or in_other_block:
                in_block = in_other_block = False
            elif line.strip() == "```sh":
                in_block = True
            else:
                in_other_block = True
            continue
        if in_block:
            command, comment = split_comment(line)
            if command:
                found.append(Command(document, number, command, comment, block=True))
        elif not in_other_block:
            for span in re.findall(r"`([^`]+)`", line):
                if span.startswith(INLINE_STARTS) and "<" not in span:
                    found.append(Command(document, number, span, "", block=False))
    return found


def test_the_documents_show_commands() -> None:
    """The reader of this test can trust it saw what the documents show."""
    shown = {d: commands(d, (ROOT / d).read_text("utf-8")) for d in DOCUMENTS}
    assert len([c for c in shown["README.md"] if c.block]) >= 15
    assert any(c.text.startswith("git clone " + FORK_PLACEHOLDER) for c in shown["CONTRIBUTING.md"])
    assert any(not c.block for c in shown["CONTRIBUTING.md"])
    for command in (c for cs in shown.values() for c in cs):
        assert "makelocal" not in command.text.split()[0] or command.text.startswith(
            ".venv/bin/"
        ), f"{command.where}: only .venv/bin/makelocal exists after `make setup`"


# --- the scratch repositories -------------------------------------------------------------


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)


def make_fork(folder: Path, env: dict[str, str]) -> Path:
    """A bare repository holding this working tree as one commit on main: what a
    contributor's fork on GitHub is to `git clone` and `git push`."""
    tree = folder / "tree"
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = tree / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _run(["git", "init", "-q", "-b", "main"], tree, env)
    _run(["git", "add", "-A"], tree, env)
    _run(["git", "commit", "-q", "-m", "The repository as the docs test found it"], tree, env)
    fork = folder / "fork.git"
    _run(["git", "clone", "-q", "--bare", str(tree), str(fork)], folder, env)
    return fork


def wrapper(path: Path, line: str) -> None:
    path.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


PROVIDE_VENV = """#!/bin/sh
# Stand-in for `make setup`: .venv/ as it makes it, from the Python running the tests.
set -eu
mkdir -p .venv/bin
here=$(pwd)
for name in python makelocal pre-commit; do
  case $name in
    python) run='"$@"' ;;
    makelocal) run='-m generator.cli "$@"' ;;
    pre-commit) run='-m pre_commit "$@"' ;;
  esac
  printf '#!/bin/sh\\nPYTHONPATH="%s" exec "%s" %s\\n' "$here" "{python}" "$run" > ".venv/bin/$name"
  chmod +x ".venv/bin/$name"
done
mkdir -p .cache
if [ -d "{cache}/analysis" ]; then cp -r "{cache}/analysis" .cache/analysis; fi
# The site's files (zips, pictures...) are written whole under new names, never changed:
# linked, not copied (123 MB), where the file system allows.
if [ -d "{cache}/site" ] && ! cp -rl "{cache}/site" .cache/site 2>/dev/null; then
  rm -rf .cache/site && cp -r "{cache}/site" .cache/site
fi
"""

# The command runs in a process group of its own, and the whole group is stopped: the
# shell's child (`makelocal serve`) outlived a stopped shell before, serving on after the
# tests and watching a deleted folder.
SERVE_CHECK = """import os, signal, subprocess, sys, time, urllib.request
url, command = sys.argv[1], sys.argv[2]
process = subprocess.Popen(command, shell=True, start_new_session=True)
deadline = time.monotonic() + float(sys.argv[3])
try:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"stopped by itself with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                sys.exit(0 if answer.status == 200 else f"{url} answered {answer.status}")
        except OSError:
            time.sleep(1)
    sys.exit(f"{url} did not answer within {sys.argv[3]} s")
finally:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass  # the group is gone already
    process.wait(timeout=30)
"""


@dataclass
class Scratch:
    """Where the documents' commands run: the fork, a home, the helper scripts."""

    base: Path
    fork: Path
    env: dict[str, str]
    provide_venv: Path
    serve_check: Path

    def clone(self, name: str) -> Path:
        """A clone of the fork with its .venv/, as after `git clone` and `make setup`."""
        folder = self.base / name
        _run(["git", "clone", "-q", str(self.fork), str(folder)], self.base, self.env)
        _run([str(self.provide_venv)], folder, self.env)
        return folder


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Scratch:
    base = tmp_path_factory.mktemp("docs")
    home = base / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),  # no personal git or tool configuration
        "GIT_AUTHOR_NAME": "Docs Test",
        "GIT_AUTHOR_EMAIL": "docs-test@example.org",
        "GIT_COMMITTER_NAME": "Docs Test",
        "GIT_COMMITTER_EMAIL": "docs-test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("PYTHONPATH", None)
    provide_venv = base / "provide-venv"
    # Warm caches of the analysis and of the site's files save minutes (the README's
    # `make site` took 20 s without the site's, 7 s with it); both are keyed by content, so
    # the results are the same.
    cache = ROOT / ".cache"
    wrapper(provide_venv, "")
    provide_venv.write_text(
        PROVIDE_VENV.replace("{python}", sys.executable).replace("{cache}", str(cache))
    )
    serve_check = base / "serve_check.py"
    serve_check.write_text(SERVE_CHECK, encoding="utf-8")
    return Scratch(base, make_fork(base, env), env, provide_venv, serve_check)


# --- running them ---------------------------------------------------------------------------


def shell_line(command: Command, scratch: Scratch) -> str:
    """What the shell runs for a command: the command, its stand-in, or a check that it
    serves."""
    text = command.text.replace(FORK_PLACEHOLDER, str(scratch.fork))
    if command.text in STAND_INS:
        return str(scratch.base / STAND_INS[command.text])
    if UNTIL_STOPPED in command.comment:
        url = re.search(r"https?://[^\s,)]+", command.comment)
        assert url, f"{command.where}: the comment names no address to wait for"
        return (
            f"{sys.executable} {scratch.serve_check} {url.group(0)} "
            f"{_quote(text)} {SERVE_TIMEOUT_S}"
        )
    return text


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


@dataclass(frozen=True)
class Outcome:
    command: Command
    status: int
    out: str
    err: str

    def problem(self) -> str | None:
        makelocal = self.command.text.startswith(".venv/bin/makelocal")
        accepted = (0, 1) if makelocal else (0,)
        if self.status not in accepted or "Traceback (most recent call last)" in self.err:
            tail = "\n".join((self.out + self.err).strip().splitlines()[-15:])
            return f"{self.command.where}\n  exited with {self.status}:\n{tail}"
        return None


def run_session(session: list[Command], start: Path, scratch: Scratch, logs: Path) -> list[Outcome]:
    """Commands run one after the other in one shell started in `start`, as typed."""
    logs.mkdir(parents=True, exist_ok=True)
    script = ["set -u", f"cd {_quote(str(start))}"]
    for index, command in enumerate(session):
        script.append(
            f"{{ {shell_line(command, scratch)} ; }} >{logs}/{index}.out 2>{logs}/{index}.err "
            f"</dev/null; echo $? >{logs}/{index}.rc; echo $EPOCHREALTIME >{logs}/{index}.at"
        )
    subprocess.run(["bash", "-c", "\n".join(script)], env=scratch.env, check=False, timeout=1800)
    return [
        Outcome(
            command,
            int(_log(logs, index, "rc") or -1),
            _log(logs, index, "out"),
            _log(logs, index, "err"),
        )
        for index, command in enumerate(session)
    ]


def _log(logs: Path, index: int, kind: str) -> str:
    path = logs / f"{index}.{kind}"
    return path.read_text("utf-8", errors="replace") if path.exists() else ""


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_command_works_as_written(document: str, scratch: Scratch) -> None:
    shown = commands(document, (ROOT / document).read_text("utf-8"))
    blocks = [c for c in shown if c.block and c.skip_reason() is None]
    # README's commands run in the repository; CONTRIBUTING's start where you clone it.
    starts_with_clone = any(c.text.startswith("git clone") for c in blocks)
    name = document.removesuffix(".md").lower()
    if starts_with_clone:
        start = scratch.base / f"{name}-home"
        start.mkdir()
    else:
        start = scratch.clone(name)
    problems = [
        p
        for o in run_session(blocks, start, scratch, scratch.base / f"{name}-logs")
        if (p := o.problem())
    ]
    # A command shown inline that a ```sh block of either document shows runs there.
    in_blocks = {
        c.text for d in DOCUMENTS for c in commands(d, (ROOT / d).read_text("utf-8")) if c.block
    }
    inline = [c for c in shown if not c.block and c.text not in in_blocks]
    for index, command in enumerate(dict((c.text, c) for c in inline).values()):
        clone = scratch.clone(f"{name}-inline-{index}")
        outcome = run_session(
            [command], clone, scratch, scratch.base / f"{name}-inline-logs-{index}"
        )
        problems += [p for o in outcome if (p := o.problem())]
    assert not problems, "\n\n".join(problems)


def test_the_make_report_id_has_one_form() -> None:
    """The example id of a make report is written the same way everywhere it is shown."""
    pattern = re.compile(r"face-shield-headband-kampala[-0-9]*")
    places = [
        ROOT / "CONTRIBUTING.md",
        ROOT / "catalog/makes/README.md",
        ROOT / "schemas/make.schema.json",
    ]
    forms = {p.name: set(pattern.findall(p.read_text("utf-8"))) for p in places}
    assert all(forms.values()), forms
    assert len(set().union(*forms.values())) == 1, forms


def test_every_section_the_forms_and_documents_name_exists() -> None:
    """A form or a document that points to a section of the guide by name or anchor finds
    it there."""
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    headings = {m.strip() for m in re.findall(r"^#{2,4} (.+)$", guide, re.MULTILINE)}
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
    texts = [p for p in (ROOT / ".github").rglob("*") if p.is_file()] + [ROOT / "README.md"]
    for path in texts:
        text = path.read_text("utf-8")
        for name in re.findall(r'CONTRIBUTING\.md,? "([^"]+)"', text):
            name = " ".join(name.split())  # a name may run over two lines of a form
            assert name in headings, f"{path.relative_to(ROOT)} names the section {name!r}"
        for anchor in re.findall(r"CONTRIBUTING\.md#([\w-]+)", text):
            assert anchor in anchors, f"{path.relative_to(ROOT)} links #{anchor}"

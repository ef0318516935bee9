"""Fixture git repositories: the valid base catalogue as the first commit on main, then
changes applied as further commits, the way a contributor's pull request builds up."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES, make_repo

PR_STEPS = FIXTURES / "pr"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def init_repo(path: Path) -> Path:
    """The base catalogue, committed on `main` in a new repository."""
    make_repo(path)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "tests@example.org")
    git(path, "config", "user.name", "MakeLocal tests")
    git(path, "config", "commit.gpgsign", "false")
    (path / ".gitignore").write_text("site/\nbuild/\n.cache/\n__pycache__/\n", encoding="utf-8")
    commit_all(path, "base catalogue")
    return path


def commit_all(repo: Path, message: str, *forced: str) -> str:
    git(repo, "add", "-A")
    if forced:
        git(repo, "add", "-f", *forced)
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def overlay(repo: Path, step: str) -> None:
    """Copy a step's files over the repository (without committing)."""
    shutil.copytree(PR_STEPS / step, repo, dirs_exist_ok=True)

"""The code stays ruff clean and type-checked: CI fails on a finding, not only a reviewer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tool(name: str) -> str:
    """The tool from the test extras beside this Python, or on the PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the test extras)")
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT
    )


def test_ruff_finds_nothing() -> None:
    done = run(tool("ruff"), "check", "--quiet", str(ROOT))
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    # pyproject.toml's [tool.mypy] names the package and the strictness.
    done = run(tool("mypy"))
    assert done.returncode == 0, done.stdout + done.stderr

"""Shared helpers: fixture repositories are a valid base plus an overlay of case files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"


def make_repo(destination: Path, *overlays: Path) -> Path:
    """Copy the valid base catalogue to `destination`, then each overlay on top of it."""
    shutil.copytree(BASE, destination, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, destination, dirs_exist_ok=True)
    return destination


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")

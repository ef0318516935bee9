"""Shared helpers: fixture repositories are a valid base plus an overlay of case files."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium as root, headless, and silent on the closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)
BASE = FIXTURES / "base"
# Test files whose few tests run for 40 s to 110 s. pytest-xdist hands out the files with the
# most tests first, so these came last, and one worker ran the last of them alone for 42-43 s
# (two runs) while the other had finished; they now go first (--no-loadscope-reorder,
# pyproject.toml, leaves the order to pytest_collection_modifyitems).
LONG_FILES = (
    "web/test_fuzz_site.py",
    "quality/test_docs_run.py",
    "web/test_bounded.py",
    "catalogue/test_processes_used.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long files first, then the others as pytest-xdist orders them: most tests first."""
    tests = Path(__file__).parent
    counts = Counter(item.path for item in items)
    items.sort(
        key=lambda item: (
            item.path.relative_to(tests).as_posix() not in LONG_FILES,
            -counts[item.path],
            str(item.path),
        )
    )


def make_repo(destination: Path, *overlays: Path) -> Path:
    """Copy the valid base catalogue to `destination`, then each overlay on top of it."""
    shutil.copytree(BASE, destination, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, destination, dirs_exist_ok=True)
    return destination


@pytest.fixture(autouse=True, scope="session")
def user_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Analyses of files outside a repository cache in the user's cache folder (XDG):
    tests keep theirs in a folder of their own, not the home folder's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale asks (`makelocal validate` speaks
    French under LANG=fr_FR.UTF-8); a test that wants another language sets it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


@pytest.fixture
def match_repo(tmp_path: Path) -> Path:
    """The base plus the make-it-here catalogue (tests/makeit/conftest.py describes it)."""
    return make_repo(tmp_path / "repo", FIXTURES / "make-it-here")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (which must not download a browser of its own)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def wait_until(page: Any, expression: str, timeout_s: float = 10.0) -> None:
    """Wait until a JavaScript expression is true in the page. Playwright's
    wait_for_function compiles its predicate inside the page, which the site's
    Content-Security-Policy forbids; page.evaluate runs from outside it."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s:g} s: {expression}")
        time.sleep(0.05)

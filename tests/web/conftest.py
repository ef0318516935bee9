"""Built sites shared by the build and browser tests (built once per test session)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from filelock import FileLock

from generator.web import sources
from generator.web.build import build_site
from tests.conftest import FIXTURES, make_repo
from tests.web.payloads import FORMED, STRUCTURAL, TEXT_PAYLOADS, poison

ROOT = Path(__file__).resolve().parents[2]


def poison_repo(root: Path) -> None:
    """Rewrite every record of a fixture repository with payloads in its text fields."""
    for path in sorted([*root.glob("catalog/*/*.yml"), *root.glob("designs/*/design.yml")]):
        first, _, _ = path.read_text("utf-8").partition("\n")
        data = poison(yaml.safe_load(path.read_text("utf-8")), TEXT_PAYLOADS, STRUCTURAL | FORMED)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(first + "\n" + text, "utf-8")


def shared_site(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The site `build` makes from the folder it is given (its repository, its site), made
    once for the whole test run: pytest-xdist runs a session in each worker, and the first
    to ask builds it while the others wait. Each build took 3-15 s, and the real site's
    wrote into the repository's own .cache/ from two workers at once. Tests only read
    these sites."""
    top = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        top = top.parent  # the workers' folders share it
    base, made = top / name, top / f"{name}.made"
    with FileLock(top / f"{name}.lock"):
        if not made.exists():
            shutil.rmtree(base, ignore_errors=True)  # a build that failed halfway
            build(base)
            made.touch()
    return base / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(base: Path) -> None:
        build_site(make_repo(base / "repo"), base / "site")

    return shared_site(tmp_path_factory, "built", build)


@pytest.fixture(scope="session")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with a page of every record type in French (tests/fixtures/site-fr), some of
    their text left in English, and a translation of each status."""

    def build(base: Path) -> None:
        overlays = (FIXTURES / "valid" / "translated", FIXTURES / "site-fr")
        build_site(make_repo(base / "repo", *overlays), base / "site")

    return shared_site(tmp_path_factory, "french", build)


@pytest.fixture(scope="session")
def french_url(french_site: Path) -> Iterator[str]:
    yield from serve(french_site)


@pytest.fixture(scope="session")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(base: Path) -> None:
        repo = make_repo(base / "repo")
        poison_repo(repo)
        # The validator refuses these payloads; the renderer must be safe even without it.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sources, "refuse_errors", lambda findings: None)
            build_site(repo, base / "site")

    return shared_site(tmp_path_factory, "poisoned", build)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


@pytest.fixture(scope="session")
def poisoned_url(poisoned_site: Path) -> Iterator[str]:
    yield from serve(poisoned_site)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of this repository's own records, guides and documents, as `make site`
    builds it (the analysis cache is the repository's own .cache/): every page type, real
    content."""
    return shared_site(tmp_path_factory, "real", lambda base: build_site(ROOT, base / "site"))


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)

"""What a build holds when Pagefind starts: the memory its sites' builds freed is given back
to the system, not kept by C's allocator for reuse."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files

from generator.web.build import build_site
from generator.web.sources import PROJECT
from tests.web.synthetic import generate

# Freed small blocks below one still in use: C's allocator keeps them, as it keeps what
# the builds of the sites freed (their records, pages and analyses).
HELD_AND_FREED = """
from generator.web.memory import release_memory

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) // 1024 for l in status if l.startswith("VmRSS"))

blocks = [bytes(2000) + bytes([i % 256]) for i in range(100_000)]
in_use = [bytes(2000) for _ in range(10)]
del blocks
before = rss_mb()
release_memory()
print(before, rss_mb())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_memory_freed_by_the_builds_goes_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELD_AND_FREED],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after = (int(figure) for figure in done.stdout.split())
    assert before - after >= 150, (before, after)  # 200 MB were freed


def test_a_build_runs_no_full_collection_but_the_one_before_pagefind(tmp_path: Path) -> None:
    """Python's full collections look at every object a build holds (millions at 10,000
    designs) and find next to nothing: a build, first or on the last one, puts them off,
    and gives Python back its thresholds."""
    generate(tmp_path / "repo", 30)
    record = tmp_path / "repo/designs/design-00003/design.yml"
    given = gc.get_threshold()
    gc.set_threshold(100, 2, 2)  # so that a small build would run full collections
    full: list[int] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(2)

    gc.callbacks.append(counted)
    try:
        build_site(tmp_path / "repo", tmp_path / "site")
        first = len(full)
        text = record.read_text("utf-8")
        record.write_text(text.replace("number 3.", "number three."), "utf-8")
        build_site(tmp_path / "repo", tmp_path / "site")
        thresholds = gc.get_threshold()
    finally:
        gc.callbacks.remove(counted)
        gc.set_threshold(*given)
    assert first == 1  # release_memory's
    assert len(full) - first == 1
    assert thresholds == (100, 2, 2)


def test_a_pages_contents_are_held_only_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs reads every page before it writes the first, and keeps them all to the
    build's end: a page's contents (110,000 entries for 10,000 design pages) are made as
    it is written, for the theme to show, and let go of then."""
    generate(tmp_path / "repo", 3)
    held: list[int] = []
    build_page = mkdocs_build._build_page

    def counted(page: Any, config: Any, doc_files: Any, *args: Any, **kwargs: Any) -> None:
        held.append(sum(1 for f in doc_files if f.page is not None and len(f.page.toc)))
        build_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", counted)
    build_site(tmp_path / "repo", tmp_path / "site", languages=("en",))
    assert len(held) > 20 and max(held) == 0
    page = (tmp_path / "site/design/design-00001.html").read_text("utf-8")
    sidebar = page[page.index('data-md-component="toc"') :]
    assert 'href="#repair"' in sidebar and 'href="#downloads"' in sidebar


def test_the_build_copies_its_files_itself_not_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs keeps a File object for each file it copies to the build's end: the records'
    and the cache's files (60,000 in a first build at 10,000 designs) are copied by the
    build, and MkDocs copies only the theme's."""
    generate(tmp_path / "repo", 3)
    given: list[str] = []
    copy_static_files = Files.copy_static_files

    def counted(files: Files, *args: Any, **kwargs: Any) -> None:
        given.extend(f.dest_uri for f in files if not f.is_documentation_page())
        copy_static_files(files, *args, **kwargs)

    monkeypatch.setattr(Files, "copy_static_files", counted)
    build_site(tmp_path / "repo", tmp_path / "site", languages=("en",))
    assert given and all(uri.startswith("assets/") for uri in given)
    for published in ("thumb/design-00001.webp", "design/design-00001/design-00001.zip"):
        assert (tmp_path / "site" / published).is_file()

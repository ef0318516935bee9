"""The built site: strict, reproducible, self-contained, light, and safe with hostile records."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import weakref
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote

import pytest

from generator.cli import main
from generator.web import build as build_stage
from generator.web.build import BuildError, build_site
from generator.web.derived import webp_bytes
from generator.web.sources import Sources
from tests.conftest import make_repo
from tests.web.html_check import live_hazards

OUTSIDE = re.compile(r"^(https?:)?//", re.IGNORECASE)
PAGE_BUDGET = 300_000


class _Loads(HTMLParser):
    """What a page makes the browser fetch: stylesheets, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag == "link" and values.get("href") and ("stylesheet" in rel or "icon" in rel):
            self.loads.append(values["href"] or "")
        elif tag in ("script", "img", "iframe", "source", "video", "audio") and values.get("src"):
            self.loads.append(values["src"] or "")


def loads_of(page: Path) -> list[str]:
    parser = _Loads()
    parser.feed(page.read_text("utf-8"))
    return parser.loads


def test_two_builds_from_two_fresh_copies_are_identical(built_site: Path, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    build_site(repo, tmp_path / "site")
    first = {p.relative_to(built_site): p for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "site"): p for p in (tmp_path / "site").rglob("*")
              if p.is_file()}  # fmt: skip
    assert sorted(first) == sorted(second)
    different = [str(n) for n in first if first[n].read_bytes() != second[n].read_bytes()]
    assert different == []


def test_nothing_loads_from_another_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        outside = [url for url in loads_of(page) if OUTSIDE.match(url)]
        assert outside == [], page
    for sheet in built_site.rglob("*.css"):
        text = sheet.read_text("utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), sheet
        assert "@import" not in text, sheet
    assert not any("fonts.googleapis" in p.read_text("utf-8") for p in built_site.rglob("*.html"))


def test_every_internal_link_leads_somewhere(built_site: Path) -> None:
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    broken = []
    for page in built_site.rglob("*.html"):
        here = page.relative_to(built_site).as_posix()
        for url in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            if OUTSIDE.match(url) or re.match(r"^[a-z]+:", url) or url.startswith("#"):
                continue
            target = normpath(join(dirname(here), unquote(url.split("#")[0].split("?")[0])))
            if target not in files and target + "/index.html" not in files:
                broken.append(f"{here} -> {url}")
    assert broken == []


def test_the_404_page_links_from_the_sites_top_folder(built_site: Path) -> None:
    """With no site_url its links are relative (the loop above resolves them): it works
    from a folder or a USB stick, and says where to go."""
    text = (built_site / "404.html").read_text("utf-8")
    assert not re.findall(r'(?:href|src|action)="/(?!/)', text)
    assert "Page not found" in text and 'href="search.html"' in text


def test_design_page_weighs_under_the_budget(built_site: Path) -> None:
    page = built_site / "design" / "test-clip.html"
    total = page.stat().st_size
    for url in loads_of(page):
        total += (page.parent / unquote(url.split("?")[0])).resolve().stat().st_size
    assert total < PAGE_BUDGET


def test_record_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert "designs.html" in home and "design/test-clip.html" in home  # newest designs
    search = (built_site / "search.html").read_text("utf-8")  # no record links in its text
    assert "materials.html" in search and "guides/" in search
    for folder in ("design/", "material/", "process/", "maker/"):
        assert folder not in search


def test_data_files_manifest_and_zip(built_site: Path) -> None:
    designs = json.loads((built_site / "api" / "designs.json").read_text("utf-8"))
    part = designs["items"][0]["parts"][0]
    assert part["analysis"]["verdict"] == "ready"
    assert "preview_png" not in part["analysis"] and "seconds" not in part["analysis"]
    for name in ("materials", "processes", "makers"):
        assert json.loads((built_site / "api" / f"{name}.json").read_text("utf-8"))["count"] == 1
    manifest = tomllib.loads((built_site / "design/test-clip/okh.toml").read_text("utf-8"))
    assert manifest["okhv"] == "OKH-LOSHv1.0"
    with zipfile.ZipFile(built_site / "design/test-clip/test-clip.zip") as archive:
        names = archive.namelist()
        assert "test-clip/design.yml" in names and "test-clip/okh.toml" in names
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        stl = archive.read("test-clip/parts/clip.stl")
    assert stl == (built_site / "design/test-clip/parts/clip.stl").read_bytes()
    assert (built_site / "preview/test-clip.clip.webp").stat().st_size < 30_000
    bundles = json.loads((built_site / "pagefind/bundles.json").read_text("utf-8"))
    assert bundles == {"en": ["en-0"], "fr": ["fr-0"]}  # a few pages: one each
    entry = json.loads((built_site / "pagefind/en-0/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] >= 6


def test_hostile_records_build_into_harmless_pages(poisoned_site: Path) -> None:
    pages = list(poisoned_site.rglob("*.html"))
    shown = 0
    for page in pages:
        text = page.read_text("utf-8")
        assert live_hazards(text) == [], page
        shown += text.count("__pwn")
    assert shown > 50  # the payloads are there, as text
    title = (poisoned_site / "design/test-clip.html").read_text("utf-8").split("</title>")[0]
    assert "<script" not in title.split("<title>")[1]
    for data in poisoned_site.rglob("*.js"):
        if "makelocal/data" in data.as_posix():
            assert "</script" not in data.read_text("utf-8").lower()


def test_invalid_records_stop_the_build_with_the_findings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    design = repo / "designs/test-clip/design.yml"
    design.write_text(design.read_text().replace("maturity: concept", "maturity: finished"))
    with pytest.raises(BuildError) as error:
        build_site(repo, tmp_path / "site")
    assert "designs/test-clip/design.yml:" in str(error.value)
    assert "maturity" in str(error.value)


def test_images_are_scaled_down_never_up(tmp_path: Path) -> None:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1600, 1200), "white").save(buffer, "PNG")
    with Image.open(BytesIO(webp_bytes(buffer.getvalue(), 480))) as small:
        assert small.size == (480, 360) and small.format == "WEBP"
    buffer = BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, "PNG")
    with Image.open(BytesIO(webp_bytes(buffer.getvalue(), 480))) as kept:
        assert kept.size == (200, 100)


def test_a_folder_with_other_files_is_never_emptied(tmp_path: Path) -> None:
    # MkDocs empties the site folder first: `--site-dir designs` would delete every design.
    repo = make_repo(tmp_path / "repo")
    with pytest.raises(BuildError, match="not a MakeLocal site, and building there would"):
        build_site(repo, repo / "designs")
    assert (repo / "designs/test-clip/design.yml").is_file()
    with pytest.raises(BuildError, match="is a file, not a folder"):
        build_site(repo, repo / "designs/test-clip/design.yml")


def test_site_dir_is_relative_to_the_current_folder_and_rebuilds_over_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second build replaces the first
        assert main(["--root", str(repo), "build", "--site-dir", "built-here"]) == 0
    assert (tmp_path / "built-here/index.html").is_file()
    # The summary counts the pages from the manifests; every language's are in the folder.
    pages = sum(1 for path in (tmp_path / "built-here").rglob("*.html") if path.is_file())
    said = capsys.readouterr().out.splitlines()
    assert pages > 10
    assert said[-1].startswith(f"Built {pages} pages in built-here in ")


def test_serving_on_a_taken_port_says_so(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        command = ["serve", "--dev-addr", address]
        done = subprocess.run(
            [sys.executable, "-m", "generator.cli", "--root", str(repo), *command],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 2
    assert f"makelocal serve: cannot serve on {address}: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr


def _page(address: str) -> str:
    try:
        with urllib.request.urlopen(address, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def _until(done: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.2)


def test_serving_shows_an_edit_once_from_the_systems_file_events(tmp_path: Path) -> None:
    """`makelocal serve` sees an edited record by the system's file events (an inotify
    descriptor, on Linux), not by polling every file, shows the edited design's page first
    (generator.web.preview) and builds once for it: the build's own reading of every file
    is no change."""
    repo = make_repo(tmp_path / "repo")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    command = ["--root", str(repo), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    page = f"http://127.0.0.1:{port}/design/test-clip.html"
    try:
        _until(lambda: "Used only by the tests." in _page(page), 180)
        descriptors = Path(f"/proc/{process.pid}/fd")
        if descriptors.is_dir():
            links = [os.readlink(fd) for fd in descriptors.iterdir()]
            assert "anon_inode:inotify" in links
        time.sleep(1)
        record = repo / "designs/test-clip/design.yml"
        text = record.read_text("utf-8").replace("Used only by the tests.", "Served and edited.")
        record.write_text(text, "utf-8")
        _until(lambda: "Served and edited." in _page(page), 120)
        time.sleep(3)  # a build set off by the last one would have begun
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert output.count("Detected file changes") == 1, output[-2000:]
    assert "Showing design/test-clip.md; the rest of the site follows" in output, output[-2000:]


def test_a_file_name_that_is_not_utf8_stops_the_build_with_a_finding(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / os.fsdecode(b"designs/test-clip/src/notes-\xff.txt")).write_text("old system\n")
    with pytest.raises(BuildError, match=r"src/notes-\\xff.txt:1:1: ML017 error"):
        build_site(repo, tmp_path / "site")


def test_a_site_dir_that_cannot_be_made_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    below_a_file = repo / "designs/test-clip/design.yml/site"
    assert main(["--root", str(repo), "build", "--site-dir", str(below_a_file)]) == 1
    assert f"makelocal build: {below_a_file}: Not a directory" in capsys.readouterr().err


def test_a_build_lets_go_of_what_the_sites_are_made_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' configuration options keep the last configuration; the records it carried to
    the hook must not live on with it (at 10,000 designs, ending the process took 2.3-2.5 s
    while they did)."""
    repo = make_repo(tmp_path / "repo")
    read: list[weakref.ref[Sources]] = []
    reading = build_stage.read_sources

    def remembered(*args: object, **kwargs: object) -> Sources:
        sources = reading(*args, **kwargs)  # type: ignore[arg-type]
        read.append(weakref.ref(sources))
        return sources

    monkeypatch.setattr(build_stage, "read_sources", remembered)
    build_site(repo, tmp_path / "site")
    gc.collect()
    assert len(read) == 1
    assert read[0]() is None


def test_a_first_build_with_an_error_says_where_it_is(tmp_path: Path) -> None:
    """A first build validates without the positions of values, then reads the records
    again with them to say where each error is."""
    repo = make_repo(tmp_path / "repo")
    record = repo / "designs/test-clip/design.yml"
    lines = record.read_text("utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if line.startswith("maturity:"))
    record.write_text(
        record.read_text("utf-8").replace("maturity: concept", "maturity: proven-ish"), "utf-8"
    )
    with pytest.raises(
        BuildError, match=rf"designs/test-clip/design.yml:{at}:\d+: ML\d{{3}} error"
    ):
        build_site(repo, tmp_path / "site")

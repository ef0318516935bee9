"""What the site publishes is inert: contributed files are re-checked by the build even when
validation is skipped, hand-written pages go through the safe Markdown, and every page
carries a Content-Security-Policy that stops script the page did not bring itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from generator.checks.validate import validate_catalog
from generator.records import file_hashes
from generator.records.catalog import load_catalog
from generator.records.content import Problem, content_problem
from generator.web import build, published, sources
from generator.web.build import BuildError, build_site
from generator.web.incremental import Manifest
from generator.web.markup import content_security_policy, with_policy
from generator.web.published import inside_site
from tests.conftest import FIXTURES, make_repo, requires_chromium

SCRIPT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm">'
    "<script>window.__pwned = 1</script></svg>"
)


def add_source(repo: Path, name: str, text: str, fmt: str) -> None:
    design = repo / "designs/test-clip"
    (design / name).write_text(text)
    record = design / "design.yml"
    record.write_text(
        record.read_text().replace(
            "sources:\n", f"sources:\n  - file: {name}\n    format: {fmt}\n", 1
        )
    )


@pytest.mark.parametrize(
    ("name", "text", "fmt", "said"),
    [
        ("src/drawing.svg", SCRIPT_SVG, "svg", "<script>"),
        ("src/notes.html", "<html><script>window.__pwned = 1</script></html>", "other", ".html"),
        ("src/readme.md", "# Notes\n\n<script>window.__pwned = 1</script>\n", "other", ".md"),
    ],
)
def test_the_build_refuses_active_files_even_without_validation(
    tmp_path: Path, name: str, text: str, fmt: str, said: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    add_source(repo, name, text, fmt)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "refuse_errors", lambda findings: None)
        with pytest.raises(BuildError) as refused:
            build_site(repo, tmp_path / "site")
    assert name in str(refused.value) and said in str(refused.value)
    assert not (tmp_path / "site" / "design/test-clip" / name).exists()


@pytest.mark.parametrize("racy_s", [0.0, 3600.0])
def test_a_file_that_passed_is_read_again_once_changed_whatever_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, racy_s: float
) -> None:
    """A contributed file that passed is not read again while its stat is the same; made
    hostile at the same size, its time of change set back (so that validation, which goes
    by sizes and times, sees no change), it is read again and refused: the time its inode
    changed moves on. A file changed less than RACY_S before it passed is read again."""
    monkeypatch.setattr(file_hashes, "RACY_S", racy_s)  # the test's files are seconds old
    script = "<script>window.__pwned = 1</script>"
    harmless = SCRIPT_SVG.replace(script, "<desc>" + "x" * (len(script) - 13) + "</desc>")
    assert len(harmless) == len(SCRIPT_SVG)
    repo = make_repo(tmp_path / "repo")
    add_source(repo, "src/drawing.svg", harmless, "svg")
    build_site(repo, tmp_path / "site")
    read: list[str] = []
    checking = published.content_problem

    def counted(name: str, path: Path, size: int) -> Problem | None:
        read.append(name)
        return checking(name, path, size)

    monkeypatch.setattr(published, "content_problem", counted)
    build_site(repo, tmp_path / "site")
    assert (read == []) is (racy_s == 0.0)
    read.clear()
    drawing = repo / "designs/test-clip/src/drawing.svg"
    before = drawing.stat()
    drawing.write_text(SCRIPT_SVG)
    os.utime(drawing, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(BuildError, match=r"src/drawing\.svg.*<script>"):
        build_site(repo, tmp_path / "site")
    assert "drawing.svg" in read
    assert (read == ["drawing.svg"]) is (racy_s == 0.0)


def test_a_manifest_naming_a_file_from_elsewhere_is_refused(tmp_path: Path) -> None:
    """A build takes an unchanged design's files as its last manifest names them; the
    manifest is a file, and a file it names must be the records' or the build cache's."""
    repo, site = make_repo(tmp_path / "repo"), tmp_path / "site"
    build_site(repo, site)
    path = Manifest.path(repo, site)
    held = json.loads(path.read_text("utf-8"))
    elsewhere = tmp_path / "secret.txt"
    elsewhere.write_text("not for the site", "utf-8")
    files = held["files"]["test-clip"]
    files[next(target for target in files if target.endswith(".zip"))] = str(elsewhere)
    path.write_text(json.dumps(held), "utf-8")
    with pytest.raises(BuildError, match="neither a file of the records nor one the build"):
        build_site(repo, site)


@pytest.mark.parametrize(
    ("target", "inside"),
    [
        ("design/x.html", True),
        ("design/a/b.stl", True),
        ("../x.html", False),
        ("design/../../x", False),
        ("/etc/passwd", False),
        ("design//x", False),
        ("design\\x", False),
        ("design/x\n.html", False),
        ("design/x\x7f.html", False),
        ("", False),
    ],
)
def test_site_addresses_stay_inside_the_site(target: str, inside: bool) -> None:
    assert inside_site(target) is inside


def test_a_hostile_guide_is_rendered_as_text(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs/guides").mkdir(parents=True)
    (project / "schemas").symlink_to(Path(build.PROJECT, "schemas"))
    (project / "generator").symlink_to(Path(build.PROJECT, "generator"))
    (project / "mkdocs.yml").write_text(Path(build.PROJECT, "mkdocs.yml").read_text())
    (project / "docs/guides/hostile.md").write_text(
        "# Guide <img src=x onerror=window.__pwned=1>\n\n"
        "<script>window.__pwned = 1</script>\n\n[click](javascript:alert(1))\n"
    )
    repo = make_repo(tmp_path / "repo")
    build_site(repo, tmp_path / "site", project)
    page = (tmp_path / "site/guides/hostile.html").read_text()
    body = page.split("<article", 1)[1]
    assert "<script>window" not in body and "<img" not in body
    assert 'href="javascript' not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror" in body
    nav = page.split("<article", 1)[0]
    assert "<img" not in nav  # the title in the navigation is escaped too


@pytest.mark.parametrize("taken", ["api/designs/test-clip.json", "design/test-clip/test-clip.zip"])
def test_a_hand_written_file_where_the_build_makes_one_is_refused(
    tmp_path: Path, taken: str
) -> None:
    """A file of docs/ at the address of a text (an API item) or of a file (a design's
    zip) the build makes: the build stops and names it, rather than publish either."""
    project = tmp_path / "project"
    (project / "docs" / taken).parent.mkdir(parents=True)
    for shared in ("schemas", "generator"):
        (project / shared).symlink_to(Path(build.PROJECT, shared))
    (project / "mkdocs.yml").write_text(Path(build.PROJECT, "mkdocs.yml").read_text())
    (project / "docs" / taken).write_text("hand-written", "utf-8")
    with pytest.raises(BuildError, match=f"docs/{taken} clashes with a generated page or file"):
        build_site(make_repo(tmp_path / "repo"), tmp_path / "site", project)


def test_the_policy_allows_only_the_pages_own_inline_scripts() -> None:
    page = "<html><head><title>t</title><script>var a = 1</script></head><body></body></html>"
    policy = content_security_policy(page)
    assert "default-src 'none'" in policy and "script-src 'self' 'wasm-unsafe-eval' " in policy
    assert policy.count("'sha256-") == 1
    assert "'unsafe-inline'" not in policy
    marked = with_policy(page)
    assert marked.index("Content-Security-Policy") < marked.index("<script>")


@requires_chromium
def test_every_page_carries_the_policy_and_it_stops_injected_script(
    browser: Any, built_site: Path, tmp_path: Path
) -> None:
    pages = sorted(built_site.rglob("*.html"))
    for path in pages:
        head = path.read_text("utf-8").split("</head>", 1)[0]
        assert re.search(r'<head[^>]*><meta http-equiv="Content-Security-Policy"', head), path
    # A script that got into a page after the build (not hashed) must not run, nor one from
    # another host.
    site = shutil.copytree(built_site, tmp_path / "site")  # the other tests' stays as built
    text = (site / "design/test-clip.html").read_text("utf-8")
    injected = text.replace(
        "</body>",
        "<script>window.__pwned = 1</script>"
        '<script src="https://evil.example/x.js"></script></body>',
    )
    hostile = site / "design/injected.html"
    hostile.write_text(injected, "utf-8")
    tab = browser.new_page()
    blocked: list[str] = []
    tab.on("console", lambda m: blocked.append(m.text) if m.type == "error" else None)
    tab.route(
        "**/*",
        lambda route: route.abort() if "evil" in route.request.url else route.continue_(),
    )
    tab.goto(hostile.as_uri())
    assert tab.evaluate("window.__pwned === undefined")
    assert any("Content Security Policy" in message for message in blocked)
    tab.close()


def test_inert_sources_are_published(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FIXTURES / "valid/inert-sources")
    build_site(repo, tmp_path / "site")
    published = tmp_path / "site/design/inert-sources"
    assert (published / "src/pattern.svg").read_bytes() == (
        repo / "designs/inert-sources/src/pattern.svg"
    ).read_bytes()
    assert (published / "src/guide.pdf").exists()


def test_a_source_named_like_the_manifest_is_a_finding_not_a_broken_build(
    tmp_path: Path,
) -> None:
    """The build writes design/<id>/okh.toml itself: a source of that name passed
    validation, then stopped the build with two files at one address."""
    repo = make_repo(tmp_path / "repo")
    add_source(repo, "okh.toml", 'okhv = "forged"\n', "other")
    findings = validate_catalog(load_catalog(repo))
    assert [(f.code, f.message[:12]) for f in findings] == [("ML302", "'okh.toml': ")]
    with pytest.raises(BuildError, match=r"design.yml:\d+:\d+: ML302 error: 'okh.toml'"):
        build_site(repo, tmp_path / "site")


def test_a_drawing_is_checked_without_reserving_the_limit_and_a_fifo_is_refused(
    tmp_path: Path,
) -> None:
    """A drawing is read whole to be checked for script, up to 50 MB: reading that much at
    once reserved it first, for every drawing of a build."""
    drawing = tmp_path / "shield.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>', "utf-8")
    tracemalloc.start()
    try:
        assert content_problem("shield.svg", drawing, drawing.stat().st_size) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)  # no writer: opening it to read would wait for ever
    problem = content_problem("pipe.svg", fifo, 0)
    assert problem is not None and problem.code == "ML012" and "FIFO" in problem.message

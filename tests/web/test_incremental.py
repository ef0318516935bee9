"""Incremental builds: after a change, a build redoes and writes only what changed, and its
site is byte for byte the site a full build of the changed records makes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files

from generator.checks import validate
from generator.records.cache_file import forget_cache
from generator.web import api, build, derived, finder, incremental, replacing, search, writing
from generator.web import sources as sources
from generator.web.build import build_site
from generator.web.derived import BuildError
from generator.web.incremental import Manifest
from generator.web.pages import design as design_pages
from generator.web.pages import listings, paging
from generator.web.site import Archive, Heading, Page, Texts
from generator.web.styles import STYLESHEETS
from tests.records.test_regular_file import finishes
from tests.web.synthetic import generate, translate_design

DESIGNS = 12


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def stamps(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("incremental")
    generate(base / "repo", DESIGNS)
    build_site(base / "repo", base / "site")
    return base / "repo", base / "site"


def same_as_a_full_build(repo: Path, site: Path, tmp_path: Path) -> None:
    """The site equals a full build of a fresh copy of the records into a new folder."""
    fresh = tmp_path / "fresh"
    shutil.copytree(repo, fresh, ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(repo / ".cache" / "analysis", fresh / ".cache" / "analysis")
    build_site(fresh, tmp_path / "full")
    expected, found = files_of(tmp_path / "full"), files_of(site)
    assert sorted(found) == sorted(expected)
    assert [name for name in expected if expected[name] != found[name]] == []


def test_a_change_to_one_design_rebuilds_its_page_only(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, site = built
    before = stamps(site)
    checked: list[set[str]] = []
    selection = validate.validate_selection

    def watched(catalog: object, records: set[str]) -> object:
        checked.append(set(records))
        return selection(catalog, records)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "validate_selection", watched)
    cuts: list[int] = []
    monkeypatch.setattr(writing, "trimmed", lambda css, used: cuts.append(1) or "")
    zipped: list[str] = []
    archive = derived.Maker.archive

    def counted(maker: derived.Maker, target: str, files: Archive) -> Path:
        zipped.append(target)
        return archive(maker, target, files)

    monkeypatch.setattr(derived.Maker, "archive", counted)
    read_back: list[str] = []
    text = incremental.Reuse.text

    def told(reuse: incremental.Reuse, path: str, design: str, make: Callable[[], str]) -> str:
        read_back.append(path)
        return text(reuse, path, design, make)

    monkeypatch.setattr(incremental.Reuse, "text", told)
    read_whole: list[str] = []
    written = incremental.Reuse._written

    def whole(reuse: incremental.Reuse, path: str) -> str | None:
        read_whole.append(path)
        return written(reuse, path)

    monkeypatch.setattr(incremental.Reuse, "_written", whole)
    given: list[str] = []  # the files copied or linked into the site
    copy_into = writing.copy_into

    def copied(site_dir: str, path: str, *args: Any, **kw: Any) -> None:
        given.append(path)
        copy_into(site_dir, path, *args, **kw)

    monkeypatch.setattr(writing, "copy_into", copied)
    record = repo / "designs/design-00003/design.yml"
    record.write_text(record.read_text("utf-8").replace("number 3.", "number three."), "utf-8")
    build_site(repo, site)
    assert checked == [{"designs/design-00003/design.yml"}]
    # The other designs' files are taken as the last build made them, not worked out again.
    assert zipped == ["design/design-00003/design-00003.zip"]
    assert read_back == ["design/design-00003/okh.toml"]  # the others' are trusted
    # The API's items of the others are cut from the whole file: no design's file is read.
    assert read_whole == ["api/designs.json"]
    # The others' files, copied as before, are not even looked at again.
    assert given and all(path.startswith("design/design-00003/") for path in given)
    assert cuts == []  # the same classes: the last build's cut of the stylesheet is kept
    after = stamps(site)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "design/design-00003.html" in rewritten
    assert not any(
        name.startswith("design/design-") and name.endswith(".html")
        for name in rewritten - {"design/design-00003.html"}
    )
    assert "design/design-00004.html" not in rewritten and "index.html" not in rewritten
    assert "number three." in (site / "design/design-00003.html").read_text("utf-8")
    monkeypatch.undo()
    same_as_a_full_build(repo, site, tmp_path)


def rendered_by_mkdocs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages MkDocs' template renders from now on (not those it skips as kept), each
    as "<language>:<page>"."""
    rendered: list[str] = []
    build_page = mkdocs_build._build_page

    def counted(page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.is_modified():
            rendered.append(f"{config.theme['language']}:{page.file.src_uri}")
        build_page(page, config, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", counted)
    return rendered


def test_only_the_pages_whose_content_changed_are_rendered(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page rendered from its body (not a design's or a list's) is kept while its body
    and meta are the last build's: with nothing changed no page is rendered; a design's
    new title renders the pages that show it, not the guides or the pages of other
    records. Kept pages keep their titles in the others' navigation (the full build)."""
    repo, site = built
    build_site(repo, site)
    rendered = rendered_by_mkdocs(monkeypatch)
    build_site(repo, site)
    assert rendered == []
    record = repo / "designs/design-00002/design.yml"
    text = record.read_text("utf-8")
    record.write_text(re.sub(r"(?m)^(title: .*) number 2$", r"\1 number two", text), "utf-8")
    build_site(repo, site)
    assert "en:design/design-00002.md" in rendered
    assert "en:designs.md" in rendered and "fr:designs.md" in rendered  # the gallery
    assert not [page for page in rendered if "guides/" in page or "contribute" in page]
    monkeypatch.undo()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_page_is_kept_only_while_all_that_is_written_into_it_is_the_same(
    tmp_path: Path,
) -> None:
    """A page keyed by its body (Reuse.rendered) is rendered again when anything MkDocs
    writes into it changes, though its body does not: its contents, whether it is in the
    navigation, its meta (title, versions in the other languages...), the build's epoch."""
    page = Page("materials.md", "Materials", "All", "<h1>Materials</h1>", (Heading(2, "a", "A"),))
    meta = {"title": "Materials", "makelocal_alternates": [{"code": "fr", "href": "fr/x.html"}]}
    (tmp_path / "materials.html").write_text("as the last build wrote it", "utf-8")
    last = Manifest("code", outputs={"materials.html": "its digest"})
    # The last build had none before it: nothing kept, the page's key goes into its manifest.
    assert not incremental.Reuse(last, None, tmp_path, "epoch").rendered(page, lambda: meta)

    def kept(shown: Page, written: dict[str, Any], common: str = "epoch") -> bool:
        reuse = incremental.Reuse(Manifest("code"), last, tmp_path, common)
        return reuse.rendered(shown, lambda: written)

    assert kept(page, meta)
    assert not kept(replace(page, html="<h1>Materials!</h1>"), meta)
    assert not kept(replace(page, toc=()), meta)
    assert not kept(replace(page, in_nav=True), meta)
    assert not kept(page, {**meta, "title": "All materials"})
    assert not kept(page, {**meta, "makelocal_alternates": []})  # French no longer built
    assert not kept(page, meta, "another epoch")
    assert not kept(replace(page, html=lambda: "<h1>Materials</h1>"), meta)  # rendered later


def test_a_file_gone_from_the_build_cache_is_made_again(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """An unchanged design's files are taken as the last build made them, unless one of
    them has gone from the build's cache: then that design's are made again."""
    repo, site = built
    build_site(repo, site)
    manifest = Manifest.read(Manifest.path(repo, site))
    assert manifest is not None
    zipped = Path(manifest.files["design-00005"]["design/design-00005/design-00005.zip"])
    assert zipped.is_file() and zipped.is_relative_to(repo / ".cache/site")
    zipped.unlink()
    (site / "design/design-00006/okh.toml").unlink()  # a kept text gone from the site
    build_site(repo, site)
    assert zipped.is_file()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_design_removed_leaves_no_file_behind(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, site = built
    shutil.rmtree(repo / "designs/design-00007")
    (site / ".nojekyll").write_text("", "utf-8")  # a publisher's hidden file stays
    build_site(repo, site)
    assert not (site / "design/design-00007.html").exists()
    assert not (site / "design/design-00007").exists()
    assert not (site / "api/designs/design-00007.json").exists()
    assert (site / ".nojekyll").exists()
    (site / ".nojekyll").unlink()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_stopped_builds_temporary_names_are_not_published(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A build stopped while it wrote leaves no manifest and may leave a file half written
    under a hidden temporary name: the next build's sweep removes it, not a publisher's
    hidden files."""
    repo, site = built
    left = [site / "api/.designs.json.4242.tmp", site / "design/design-00001/.okh.toml.7.tmp"]
    for path in left:
        path.write_text("half", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")
    (site / ".well-known.tmp").write_text("", "utf-8")  # not a name the build writes
    forget_cache(Manifest.path(repo, site))  # as a stopped build leaves it
    build_site(repo, site)
    assert not any(path.exists() for path in left)
    assert (site / ".nojekyll").exists() and (site / ".well-known.tmp").exists()
    (site / ".nojekyll").unlink()  # the module's site, as a full build makes it
    (site / ".well-known.tmp").unlink()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_change_to_the_code_rebuilds_everything(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, site = built
    monkeypatch.setattr(sources, "code_fingerprint", lambda project: "another version")
    full: list[bool] = []
    whole = sources.validate_catalog

    def watched(catalog: object) -> object:
        full.append(True)
        return whole(catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "validate_catalog", watched)
    build_site(repo, site)
    assert full == [True]
    manifest = Manifest.read(Manifest.path(repo, site))
    assert manifest is not None and manifest.code == "another version"


def test_an_invalid_change_still_stops_the_build(built: tuple[Path, Path]) -> None:
    repo, site = built
    record = repo / "designs/design-00002/design.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("materials: [test-plastic,", "materials: [no-such-plastic,"))
    try:
        with pytest.raises(sources.BuildError, match="no-such-plastic"):
            build_site(repo, site)
    finally:
        record.write_text(text, "utf-8")


def test_a_translation_rebuilds_its_french_page_only(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A new French translation adds its page to the French site, an edit to it rewrites
    that page, and the English pages stay as they were; each build equals a full one."""
    repo, site = built
    build_site(repo, site)  # settled after the tests before (a changed code rewrites all)
    translation = translate_design(repo, 1, "Attache générée numéro 1")
    before = stamps(site)
    build_site(repo, site)
    page = site / "fr/design/design-00001.html"
    assert "Attache générée numéro 1" in page.read_text("utf-8")
    after = stamps(site)
    rewritten = {name for name in after if after[name] != before.get(name)}
    english_designs = {n for n in rewritten if n.startswith("design/") and n.endswith(".html")}
    assert english_designs == {"design/design-00001.html"}  # which now links to its French
    text = translation.read_text("utf-8")
    translation.write_text(text.replace("générée numéro 1", "générée, numéro 1"), "utf-8")
    before = stamps(site)
    build_site(repo, site)
    after = stamps(site)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "fr/design/design-00001.html" in rewritten
    assert "fr/design/design-00002.html" not in rewritten
    assert "design/design-00001.html" not in rewritten
    assert "Attache générée, numéro 1" in page.read_text("utf-8")
    same_as_a_full_build(repo, site, tmp_path)


def test_a_stylesheet_deleted_from_the_site_is_cut_again(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, site = built
    for sheet in (site / "assets/stylesheets").glob("main.*.min.css"):
        sheet.unlink()
    build_site(repo, site)
    same_as_a_full_build(repo, site, tmp_path)


def test_a_change_indexes_again_only_the_search_bundle_of_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", 5)
    generate(tmp_path / "repo", DESIGNS)
    build_site(tmp_path / "repo", tmp_path / "site")
    listed = (tmp_path / "site/pagefind/bundles.json").read_text("utf-8")
    assert '"en-3"' in listed  # over 15 English pages
    indexed: list[list[str]] = []
    made = search._bundle_files

    def watched(records: list[search.SearchRecord]) -> dict[str, bytes]:
        indexed.append(sorted(r.url for r in records))
        return made(records)

    monkeypatch.setattr(search, "_bundle_files", watched)
    record = tmp_path / "repo/designs/design-00005/design.yml"
    record.write_text(record.read_text("utf-8").replace("number 5.", "number five."), "utf-8")
    build_site(tmp_path / "repo", tmp_path / "site")
    assert len(indexed) == 1 and "/design/design-00005.html" in indexed[0]
    monkeypatch.setattr(search, "_bundle_files", made)
    same_as_a_full_build(tmp_path / "repo", tmp_path / "site", tmp_path / "full")


def test_a_new_title_makes_again_only_what_shows_that_design(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A design's new title reaches its list pages, finder entry, API item and OKH manifest;
    those of the unchanged designs are taken from the last build, not made again."""
    repo, site = built
    monkeypatch.setattr(paging, "LIST_PAGE", 1)  # each design a page of its category's list
    build_site(repo, site)
    made: list[tuple[str, str]] = []
    for module, name in (
        (finder, "_new_design_entry"),
        (api, "_design_text"),
        (design_pages, "okh_manifest"),
    ):
        original = getattr(module, name)

        def watched(index: Any, design: Any, *rest: Any, _f: Any = original, _n: str = name) -> Any:
            made.append((_n, design.id))
            return _f(index, design, *rest)

        monkeypatch.setattr(module, name, watched)
    render = listings.render_template

    def rendering(template: str, path: str, *rest: Any, **values: Any) -> str:
        made.append((template, path))
        return render(template, path, *rest, **values)

    monkeypatch.setattr(listings, "render_template", rendering)
    record = repo / "designs/design-00004/design.yml"
    text = record.read_text("utf-8")
    record.write_text(re.sub(r"(?m)^(title: .*) number 4$", r"\1 number four", text), "utf-8")
    build_site(repo, site)
    names = {"_new_design_entry", "_design_text", "okh_manifest"}
    assert {(what, d) for what, d in made if what in names} == {(n, "design-00004") for n in names}
    listed = sorted({path for what, path in made if what == "category.html"})
    assert len(listed) == 1  # its own page of its category's list, in each language
    assert "number four" in (site / listed[0].replace(".md", ".html")).read_text("utf-8")
    assert "number four" in (site / "api/designs/design-00004.json").read_text("utf-8")
    finder_items = "".join(
        p.read_text("utf-8") for p in (site / "assets/makelocal/data/find").glob("items-*.js")
    )
    assert "number four" in finder_items
    same_as_a_full_build(repo, site, tmp_path)


def test_a_copy_gone_from_the_site_is_copied_again(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """An unchanged design's files, not copied again while the site folder holds them as
    the last build copied them, are copied again when one has gone from the site."""
    repo, site = built
    build_site(repo, site)
    gone = [site / "design/design-00008/design-00008.zip", site / "thumb/design-00008.webp"]
    for path in gone:
        assert path.is_file()
        path.unlink()
    build_site(repo, site)
    assert all(path.is_file() for path in gone)
    same_as_a_full_build(repo, site, tmp_path)


def test_a_file_altered_in_the_site_is_made_again(built: tuple[Path, Path], tmp_path: Path) -> None:
    """The API's whole file of designs, whose items a build cuts out for the unchanged
    designs, is made again when it is no longer what the last build wrote, not taken as it
    is (an unchanged design's page, OKH manifest and API file are trusted by their file
    being there)."""
    repo, site = built
    build_site(repo, site)
    altered = site / "api/designs.json"
    text = altered.read_text("utf-8")
    assert text.count("design-00005") > 1
    altered.write_text(text.replace("design-00005", "altered"), "utf-8")
    build_site(repo, site)
    assert "altered" not in (site / "api/designs.json").read_text("utf-8")
    same_as_a_full_build(repo, site, tmp_path)


def a_failed_build(
    repo: Path, site: Path, monkeypatch: pytest.MonkeyPatch, step: str = "cut_stylesheet"
) -> None:
    """A build of `repo` into `site` that fails once its pages are written: as it cuts the
    stylesheet (before it writes its manifests), or at another `step` of build_site."""

    def failing(*_: Any) -> dict[str, str]:
        raise sources.BuildError(f"{step} failed")

    monkeypatch.setattr(build, step, failing)
    with pytest.raises(sources.BuildError):
        build_site(repo, site)
    monkeypatch.undo()


def test_a_build_whose_search_failed_is_built_on_and_every_bundle_indexed_again(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifests are written, and let go of, before Pagefind runs, the search bundles
    once it has made them: after a failed Pagefind, the next build renders no page again
    but indexes every bundle."""
    repo, site = built
    build_site(repo, site)
    a_failed_build(repo, site, monkeypatch, "index_search")
    rendered = rendered_by_mkdocs(monkeypatch)
    given: list[dict[str, str]] = []
    index_search = build.index_search

    def watched(records: list[Any], folder: Path, before: dict[str, str]) -> dict[str, str]:
        given.append(before)
        return index_search(records, folder, before)

    monkeypatch.setattr(build, "index_search", watched)
    build_site(repo, site)
    build_site(repo, site)
    assert rendered == []
    assert given[0] == {} and given[1]  # the second build had the first's bundles
    monkeypatch.undo()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_failed_build_leaves_no_manifest_to_trust(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails after writing pages leaves the site folder unlike the last
    manifest: the next build must not take that manifest's word for what the folder holds
    (an edit undone would otherwise leave the failed build's page in place)."""
    repo, site = built
    build_site(repo, site)
    record = repo / "designs/design-00006/design.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("number 6.", "number six."), "utf-8")
    a_failed_build(repo, site, monkeypatch)
    assert "number six." in (site / "design/design-00006.html").read_text("utf-8")
    record.write_text(text, "utf-8")
    build_site(repo, site)
    assert "number six." not in (site / "design/design-00006.html").read_text("utf-8")
    same_as_a_full_build(repo, site, tmp_path)


def test_after_a_failed_build_every_file_of_the_folder_is_looked_at(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that builds on the last one removes what the last one wrote and it does not
    make; after a failed build, which leaves no manifest, what that build wrote is known
    to none: the next build looks at every file, and what it does not make goes."""
    repo, site = built
    build_site(repo, site)
    a_failed_build(repo, site, monkeypatch)
    (site / "design/made-by-the-failed-build").mkdir()
    (site / "design/made-by-the-failed-build/part.stl").write_text("solid", "utf-8")
    (site / "design/made-by-the-failed-build.html").write_text("<p>", "utf-8")
    build_site(repo, site)
    assert not (site / "design/made-by-the-failed-build.html").exists()
    assert not (site / "design/made-by-the-failed-build").exists()
    same_as_a_full_build(repo, site, tmp_path)


def test_an_edit_undone_takes_back_the_files_made_before(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """Undone, an edit's zip is the one the cache made before the edit, older than the copy
    in the site folder: it is copied all the same."""
    repo, site = built
    build_site(repo, site)
    record = repo / "designs/design-00008/design.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("number 8.", "number eight."), "utf-8")
    build_site(repo, site)
    record.write_text(text, "utf-8")
    build_site(repo, site)
    same_as_a_full_build(repo, site, tmp_path)


def test_a_damaged_manifest_or_site_file_is_made_again(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """The manifest and the site folder are files anyone can change: a finder entry not of
    the form a build keeps, an API item's place not of that form, out of the file or not
    where the item is, or a design's API file made a FIFO, is made again, without a
    traceback or a wait."""
    repo, site = built
    build_site(repo, site)
    path = Manifest.path(repo, site)
    held = json.loads(path.read_text("utf-8"))
    held["finder"]["design-00009"] = "not an entry"
    held["finder"]["design-00010"] = [{}, "title", [1, 2]]
    start, end, item = held["items"]["design-00001"]
    held["items"]["design-00001"] = [start + 1, end, item]  # another text, not its digest
    held["items"]["design-00002"] = [start, end]
    held["items"]["design-00004"] = [end, start, item]
    held["items"]["design-00006"] = [0, 10**9, item]
    held["items"]["design-00007"] = ["0", "10", item]
    path.write_text(json.dumps(held), "utf-8")
    fifo = site / "api/designs/design-00011.json"
    fifo.unlink()
    os.mkfifo(fifo)
    build_site(repo, site)
    assert fifo.is_file()
    same_as_a_full_build(repo, site, tmp_path)


def test_a_damaged_search_entry_makes_the_manifest_untrusted(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A kept page's search entry goes to Pagefind as the manifest holds it: an entry not of
    the form a build writes, and the build makes everything, without a traceback."""
    repo, site = built
    build_site(repo, site)
    path = Manifest.path(repo, site)
    held = json.loads(path.read_text("utf-8"))
    held["search"]["design/design-00001.html"] = "not an entry"
    held["search"]["design/design-00002.html"] = ["text", {}]
    path.write_text(json.dumps(held), "utf-8")
    assert Manifest.read(path) is None
    build_site(repo, site)
    same_as_a_full_build(repo, site, tmp_path)


def test_a_relative_translated_under_its_own_title_is_linked_in_french(tmp_path: Path) -> None:
    """A French design page links to a relative's French page once it has one, even when
    the translation keeps the English title: what the page links to is in its key."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 4)
    record = repo / "designs/design-00002/design.yml"
    record.write_text(
        record.read_text("utf-8") + "derived_from:\n  - design: design-00001\n", "utf-8"
    )
    translate_design(repo, 2, "Attache générée numéro 2")
    build_site(repo, site)
    title = yaml.safe_load((repo / "designs/design-00001/design.yml").read_text("utf-8"))
    translate_design(repo, 1, str(title["title"]))
    build_site(repo, site)
    page = (site / "fr/design/design-00002.html").read_text("utf-8")
    assert 'href="design-00001.html"' in page
    same_as_a_full_build(repo, site, tmp_path / "full")


def test_a_text_that_cannot_be_written_leaves_no_part_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build writes a text under its own name: one that fails halfway through is
    removed, not left for a later build to publish as it is."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    tried: list[str] = []

    def full(pieces: Callable[[], Any], written: Any) -> None:
        tried.append(written.name)
        written.write(b"half of it")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing, "write_pieces", full)
    with pytest.raises(OSError, match="No space left"):
        build_site(repo, site)
    assert tried and not Path(tried[0]).name.startswith(".")  # its own name, not a temporary
    assert not any(os.path.lexists(path) for path in tried)
    assert [p.name for p in site.rglob(".*.tmp")] == []


def test_a_text_that_cannot_replace_the_last_builds_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text the site folder holds already is written through a hidden temporary name,
    which the stale-file sweep spares: a failed replacement must not leave it to be
    published by every later build, nor harm the last build's text."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    build_site(repo, site)
    record = repo / "designs/design-00000/design.yml"
    record.write_text(record.read_text("utf-8").replace("number 0.", "number zero."), "utf-8")
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    replace, refused = os.replace, []

    def full(source: str, target: str) -> None:
        if str(target).startswith(str(site)):
            refused.append(Path(target))
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="No space left"):
        build_site(repo, site)
    assert [p.name for p in site.rglob(".*.tmp")] == []
    assert refused and refused[0].read_bytes() == before[refused[0]]


def test_a_file_that_cannot_be_copied_stops_the_build_and_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record's file gone between the checks and its copy: the build stops, names it and
    where it was to be published, and leaves no part of it there."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    copy_into = writing.copy_into

    def gone(site_dir: str, path: str, source: str, *, linked: bool) -> None:
        if path.endswith(".stl"):
            os.unlink(source)
        copy_into(site_dir, path, source, linked=linked)

    monkeypatch.setattr(writing, "copy_into", gone)
    with pytest.raises(
        BuildError,
        match=r"00000/parts/clip\.stl could not be published as design/design-00000/parts/",
    ):
        build_site(repo, site)
    assert list(site.rglob("*.stl")) == []


def test_a_link_in_place_of_a_new_text_is_replaced_not_written_through(tmp_path: Path) -> None:
    """A name that looks free (a broken link: `exists` says there is nothing) is taken: the
    text replaces the link, and nothing is written where it points."""
    repo, site, outside = tmp_path / "repo", tmp_path / "site", tmp_path / "outside.json"
    generate(repo, 2)
    build_site(repo, site)
    item = site / "api/designs/design-00001.json"
    item.unlink()
    item.symlink_to(outside)
    build_site(repo, site)
    assert not item.is_symlink() and '"design-00001"' in item.read_text("utf-8")
    assert not outside.exists()


def test_made_files_are_linked_and_the_records_files_copied(built: tuple[Path, Path]) -> None:
    """The cache's files never change once made: the site holds a second name of each.
    A record's files are the contributor's: the site holds copies, which a change to
    the site folder cannot carry back into the repository."""
    repo, site = built

    def files(folder: Path) -> dict[tuple[int, int], Path]:
        return {(s.st_dev, s.st_ino): p for p in folder.rglob("*") if (s := p.stat())}

    made, records, published = files(repo / ".cache/site"), files(repo / "designs"), files(site)
    linked = {published[file].relative_to(site).parts[0] for file in made.keys() & published}
    assert {"thumb", "mesh", "design"} <= linked  # pictures, meshes, zips
    assert records.keys() & published.keys() == set()


def _copied(site: Path, source: Path, *, linked: bool) -> Callable[[], None]:
    return partial(writing.copy_into, str(site), "thumb/x.webp", str(source), linked=linked)


def test_a_copy_replaces_a_link_and_never_writes_into_the_cache(tmp_path: Path) -> None:
    made, record, site = tmp_path / "made.webp", tmp_path / "record.webp", tmp_path / "site"
    made.write_bytes(b"made")
    record.write_bytes(b"record")
    (site / "thumb").mkdir(parents=True)
    os.link(made, site / "thumb/x.webp")  # the last build linked it
    _copied(site, record, linked=False)()
    assert (site / "thumb/x.webp").read_bytes() == b"record"
    assert made.read_bytes() == b"made"
    _copied(site, made, linked=True)()
    assert os.path.samefile(made, site / "thumb/x.webp")
    # Again: renaming a name of a file onto another of the same file leaves both.
    _copied(site, made, linked=True)()
    assert [p.name for p in site.rglob(".*")] == []
    # A killed build's temporary name, linked to the cache's file, under this pid.
    os.link(made, site / f"thumb/.x.webp.{os.getpid()}.tmp")
    _copied(site, record, linked=False)()
    assert made.read_bytes() == b"made"
    assert (site / "thumb/x.webp").read_bytes() == b"record"
    assert [p.name for p in site.rglob(".*")] == []


def test_a_killed_builds_temporary_linked_to_the_cache_is_never_written_into(
    tmp_path: Path,
) -> None:
    """A temporary name left under this pid is taken: where a file replaces another, the
    new link or copy is made anew under it, never written through it into the cache's
    file; where there is none to replace, a link is made under the file's own name."""
    made, other, site = tmp_path / "made.webp", tmp_path / "other.webp", tmp_path / "site"
    made.write_bytes(b"made")
    other.write_bytes(b"other")
    (site / "thumb").mkdir(parents=True)
    left = site / f"thumb/.x.webp.{os.getpid()}.tmp"
    os.link(made, left)
    _copied(site, other, linked=True)()  # nothing to replace
    assert os.path.samefile(other, site / "thumb/x.webp") and os.path.samefile(made, left)
    (site / "thumb/x.webp").unlink()
    (site / "thumb/x.webp").write_bytes(b"last build's")
    _copied(site, other, linked=True)()
    assert os.path.samefile(other, site / "thumb/x.webp")
    assert made.read_bytes() == b"made" and not left.exists()
    os.link(made, left)
    _copied(site, made, linked=False)()  # a copy replaces the link
    assert (site / "thumb/x.webp").read_bytes() == b"made"
    assert not os.path.samefile(made, site / "thumb/x.webp")
    assert other.read_bytes() == b"other" and not left.exists()


def test_a_killed_builds_temporary_text_is_never_written_through(tmp_path: Path) -> None:
    repo, site, outside = tmp_path / "repo", tmp_path / "site", tmp_path / "outside.json"
    generate(repo, 2)
    build_site(repo, site)
    outside.write_text("outside")
    left = site / f"api/.designs.json.{os.getpid()}.tmp"
    os.link(outside, left)
    record = repo / "designs/design-00000/design.yml"
    record.write_text(record.read_text("utf-8").replace("number 0.", "number zero."), "utf-8")
    build_site(repo, site)
    assert "number zero." in (site / "api/designs.json").read_text("utf-8")
    assert outside.read_text() == "outside" and not left.exists()


@pytest.mark.parametrize("made_anew", ["site", "site, empty", "site/fr"])
def test_a_site_folder_made_anew_beside_a_kept_cache_reads_no_manifest_of_it(
    made_anew: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publishing workflow keeps .cache/ from one run to the next, not site/: the last
    manifest of a folder that holds nothing now is not read (a build held it to the end,
    150 MB at 10,000 designs), and the whole of that site is made again."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    build_site(repo, site)
    folder = tmp_path / made_anew.split(",")[0]
    shutil.rmtree(folder)
    if made_anew.endswith("empty"):
        folder.mkdir()
    read, real = [], Manifest.read

    def reading(path: Path) -> Manifest | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(Manifest, "read", reading)
    build_site(repo, site)
    english = build.manifest_path(repo, site, "en")
    assert read == ([english] if made_anew == "site/fr" else [])
    monkeypatch.undo()
    same_as_a_full_build(repo, site, tmp_path / "full")


def test_a_first_build_removes_and_renames_no_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build writes 100,000 files at 10,000 designs: removing a temporary name that
    is not there, before and after each, was 172,000 failed calls; each file is written,
    or a file of the cache linked, under its own name, not a temporary one then renamed
    (at 1,000 designs, 4,771 renames and 4,000 links)."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    unlink, rename, removed, renamed = os.unlink, os.replace, [], []

    def counted_unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        removed.append(str(path))
        unlink(path, *args, **kwargs)

    def counted_rename(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        renamed.append(str(target))
        rename(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", counted_unlink)
    monkeypatch.setattr(os, "replace", counted_rename)
    build_site(repo, site)
    assert [path for path in removed if path.endswith(".tmp")] == []
    linked = {str(path) for path in site.rglob("*") if path.stat().st_nlink > 1}
    assert len(linked) >= 8  # zips, pictures, meshes
    assert [path for path in renamed if path.startswith(f"{site}/")] == []
    assert [p.name for p in site.rglob(".*.tmp")] == []


def test_a_copy_from_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """The files to publish are checked to be regular files before MkDocs copies them; one
    made a FIFO in between is refused by the copy too, as shutil.copyfile did."""
    fifo, site = tmp_path / "part.stl", tmp_path / "site"
    os.mkfifo(fifo)
    raised = finishes(lambda: _copied(site, fifo, linked=False)())
    assert isinstance(raised, OSError) and "FIFO" in str(raised)
    assert [p.name for p in site.rglob("*") if p.is_file()] == []


def test_a_link_refused_is_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Across file systems, or on one without links, the file is copied."""
    made, site = tmp_path / "made.webp", tmp_path / "site"
    made.write_bytes(b"made")

    def refused(source: str, link: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)
    _copied(site, made, linked=True)()
    assert (site / "thumb/x.webp").read_bytes() == b"made"
    assert not os.path.samefile(made, site / "thumb/x.webp")
    assert [p.name for p in site.rglob(".*")] == []


def test_texts_written_a_piece_at_a_time_are_the_whole_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts are encoded a piece at a time for their digest and their file: pieces of a
    few characters, among them the API's degree signs (two bytes each in UTF-8), give the
    bytes and digests of the whole texts."""
    repo = tmp_path / "repo"
    generate(repo, 2)
    build_site(repo, tmp_path / "whole")
    monkeypatch.setattr(replacing, "ENCODED_CHARACTERS", 5)
    build_site(repo, tmp_path / "pieces")
    whole, pieces = files_of(tmp_path / "whole"), files_of(tmp_path / "pieces")
    assert pieces == whole
    assert any("\N{DEGREE SIGN}".encode() in data for name, data in whole.items() if "api/" in name)
    manifests = [Manifest.read(Manifest.path(repo, tmp_path / s)) for s in ("whole", "pieces")]
    assert manifests[0] is not None and manifests[1] is not None
    assert manifests[0].outputs == manifests[1].outputs


def test_a_deferred_text_is_written_without_being_held_whole(tmp_path: Path) -> None:
    """The API's whole file of designs is written as it is made, a piece at a time, for its
    digest and again for its file: at 10,000 designs it is 55 MB."""
    piece = "{\N{DEGREE SIGN}}" * 300
    texts = Texts()
    texts.defer("api/designs.json", lambda: (piece for _ in range(4000)))  # 3.6 MB
    theme = tmp_path / "theme"
    (theme / STYLESHEETS).mkdir(parents=True)
    (theme / STYLESHEETS / "main.0.min.css").write_text("a{}", "utf-8")
    sheet = File(f"{STYLESHEETS}/main.0.min.css", str(theme), str(tmp_path / "site"), False)
    writer = writing.Writer(tmp_path / "site", Manifest("code"), None, texts, Files([sheet]), {})
    tracemalloc.start()
    try:
        writer.write_texts()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = (tmp_path / "site/api/designs.json").read_bytes()
    assert written == (piece * 4000).encode()
    assert writer.manifest.outputs["api/designs.json"] == hashlib.sha256(written).hexdigest()
    assert peak < 500_000
    assert not texts  # let go of once written


def test_a_folder_or_fifo_where_a_manifest_is_kept_makes_the_build_start_afresh(
    tmp_path: Path,
) -> None:
    """What is in the place of a manifest or its search bundles (.cache is the build's
    own) is not read, never waited on, and gives way to the build's files."""
    repo, site = tmp_path / "repo", tmp_path / "site"
    generate(repo, 2)
    build_site(repo, site)
    manifest = Manifest.path(repo, site)
    bundles = incremental.bundles_path(manifest)
    os.unlink(bundles)
    os.mkfifo(bundles)  # no writer: reading it would wait for ever
    assert finishes(lambda: Manifest.read(manifest)) is None
    for path in (manifest, bundles):
        os.unlink(path)
        (path / "inside").mkdir(parents=True)
    build_site(repo, site)
    assert manifest.is_file() and bundles.is_file()
    same_as_a_full_build(repo, site, tmp_path / "full")

"""`makelocal serve`'s quick preview of an edited design: the page the rebuild would write,
and nothing previewed that needs the rebuild."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.web import build
from generator.web.build import LANGUAGES_KEY, SERVING, BuildError, DirtyBuildNotes
from generator.web.i18n import SOURCE
from generator.web.preview import Preview
from generator.web.sources import PROJECT
from generator.web.writing import Writer
from tests.conftest import make_repo

PAGE = "design/test-clip.html"
RECORD = "designs/test-clip/design.yml"
EDITED = "Previewed and edited."


def served_build(repo: Path, site: Path) -> Preview:
    """One build of `makelocal serve` (the English site, dirty, in this process), and the
    preview it leaves for the next edit."""
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site))
    config.extra["makelocal_root"] = str(repo.resolve())
    config.extra[LANGUAGES_KEY] = (SOURCE,)
    quiet = DirtyBuildNotes()  # as serve does: notes on dirty builds are no warnings
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    preview = SERVING[str(site.resolve())].preview
    assert preview is not None
    return preview


def edit(repo: Path, old: str, new: str, record: str = RECORD) -> Path:
    path = repo / record
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return path


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, Path, Preview]:
    repo = make_repo(tmp_path / "repo")
    site = tmp_path / "site"
    return repo, site, served_build(repo, site)


def test_an_edited_design_is_shown_as_the_rebuild_writes_it(
    served: tuple[Path, Path, Preview], tmp_path: Path
) -> None:
    repo, site, preview = served
    record = edit(repo, "Used only by the tests.", EDITED)
    shown = preview.show({str(record)})
    assert shown == ["design/test-clip.md"]
    previewed = (site / PAGE).read_bytes()
    assert EDITED.encode() in previewed
    served_build(repo, site)  # the rebuild writes the page again if its bytes differ
    assert (site / PAGE).read_bytes() == previewed
    # and a served site built afresh from the edited records has the same page
    served_build(repo, tmp_path / "fresh")
    assert (tmp_path / "fresh" / PAGE).read_bytes() == previewed


@pytest.mark.parametrize(
    ("record", "old", "page"),
    [
        pytest.param(
            "catalog/makers/test-maker.yml", "A fixture maker.", "maker/test-maker", id="maker"
        ),
        pytest.param(
            "catalog/materials/test-plastic.yml",
            "name: Test plastic",
            "material/test-plastic",
            id="material",
        ),
    ],
)
def test_an_edited_record_of_another_kind_is_shown_as_the_rebuild_writes_it(
    served: tuple[Path, Path, Preview], record: str, old: str, page: str
) -> None:
    repo, site, preview = served
    new = old.replace("Test plastic", "Previewed plastic") if old.startswith("name") else EDITED
    path = edit(repo, old, new, record)
    assert preview.show({str(path)}) == [f"{page}.md"]
    previewed = (site / f"{page}.html").read_bytes()
    assert new.removeprefix("name: ").encode() in previewed
    served_build(repo, site)
    assert (site / f"{page}.html").read_bytes() == previewed


def test_an_editors_temporary_file_is_no_change(served: tuple[Path, Path, Preview]) -> None:
    repo, site, preview = served
    record = edit(repo, "Used only by the tests.", EDITED)
    gone = repo / "designs/test-clip/.design.yml.swp"  # made and deleted by the editor
    assert preview.show({str(record), str(gone)}) == ["design/test-clip.md"]
    assert EDITED in (site / PAGE).read_text("utf-8")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda repo: {str(repo / "designs/test-clip/parts/clip.stl")}, id="a part"),
        pytest.param(
            lambda repo: {str(repo / RECORD), str(repo / "designs/test-clip/parts/clip.stl")},
            id="a record and a part",
        ),
        pytest.param(lambda repo: {str(repo / "catalog/materials/notes.txt")}, id="no record"),
        pytest.param(lambda repo: {str(repo / "designs/test-clip/gone.stl")}, id="nothing listed"),
        pytest.param(lambda repo: set(), id="no file seen"),
    ],
)
def test_a_change_to_other_files_waits_for_the_rebuild(
    served: tuple[Path, Path, Preview], change: object
) -> None:
    repo, site, preview = served
    edit(repo, "Used only by the tests.", EDITED)
    (repo / "designs/test-clip/gone.stl").unlink(missing_ok=True)
    (repo / "catalog/materials/notes.txt").write_text("a note beside the records\n")
    assert callable(change)
    assert preview.show(change(repo)) == []
    assert EDITED not in (site / PAGE).read_text("utf-8")


def test_a_record_made_a_link_waits_for_the_rebuild(
    served: tuple[Path, Path, Preview], tmp_path: Path
) -> None:
    repo, site, preview = served
    record = repo / RECORD
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text(record.read_text("utf-8").replace("Used only by the tests.", EDITED))
    record.unlink()
    record.symlink_to(elsewhere)  # the validator refuses links: ML013
    assert preview.show({str(record)}) == []
    assert EDITED not in (site / PAGE).read_text("utf-8")


def test_an_edit_undone_after_a_rebuild_is_shown_and_stays(
    served: tuple[Path, Path, Preview],
) -> None:
    """The last build wrote the edit; undone, the page is the first build's again, which
    that build's Writer would take for what the folder holds."""
    repo, site, _first = served
    original = (site / PAGE).read_bytes()
    edit(repo, "Used only by the tests.", EDITED)
    preview = served_build(repo, site)  # a rebuild with no preview (a part changed too)
    record = edit(repo, EDITED, "Used only by the tests.")
    assert preview.show({str(record)}) == ["design/test-clip.md"]
    assert (site / PAGE).read_bytes() == original
    served_build(repo, site)
    assert (site / PAGE).read_bytes() == original


def test_a_file_gone_from_a_designs_subfolder_waits_for_the_rebuild(
    served: tuple[Path, Path, Preview],
) -> None:
    repo, site, preview = served
    source = repo / "designs/test-clip/src/clip.scad"  # listed, and named by the record
    record = edit(repo, "Used only by the tests.", EDITED)
    source.unlink()
    assert preview.show({str(record), str(source)}) == []
    assert EDITED not in (site / PAGE).read_text("utf-8")


def test_a_deleted_part_waits_for_the_rebuild(served: tuple[Path, Path, Preview]) -> None:
    repo, site, preview = served
    part = repo / "designs/test-clip/parts/clip.stl"
    part.unlink()
    record = edit(repo, "Used only by the tests.", EDITED)
    assert preview.show({str(record), str(part)}) == []
    assert EDITED not in (site / PAGE).read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("Used only by the tests.", "[unclosed", id="not YAML"),
        pytest.param("maturity: concept", "maturity: proven-ish", id="a schema error"),
        pytest.param("materials: [test-plastic]", "materials: [no-such]", id="a dangling name"),
        pytest.param("id: test-clip", "id: another-clip", id="another id"),
    ],
)
def test_an_edit_with_a_problem_waits_for_the_rebuild_which_reports_it(
    served: tuple[Path, Path, Preview], old: str, new: str
) -> None:
    repo, site, preview = served
    before = (site / PAGE).read_bytes()
    record = edit(repo, old, new)
    assert preview.show({str(record)}) == []
    assert (site / PAGE).read_bytes() == before


def test_a_served_build_that_fails_leaves_nothing_to_trust(
    served: tuple[Path, Path, Preview], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild that fails once it has written pages: the next one makes everything, so an
    edit undone is not left on the page the failed rebuild wrote."""
    repo, site, _ = served
    record = edit(repo, "Used only by the tests.", EDITED)

    def failing(self: Writer) -> None:
        raise OSError("the disk is full")

    monkeypatch.setattr(Writer, "finish", failing)
    with pytest.raises(OSError, match="the disk is full"):
        served_build(repo, site)
    monkeypatch.undo()
    assert EDITED.encode() in (site / PAGE).read_bytes()
    record.write_text(record.read_text("utf-8").replace(EDITED, "Used only by the tests."))
    served_build(repo, site)
    assert EDITED.encode() not in (site / PAGE).read_bytes()


def test_a_preview_then_a_failed_rebuild_then_the_edit_undone_shows_the_page_again(
    served: tuple[Path, Path, Preview], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview writes a material's page over the last build's. Should the rebuild fail
    before it writes (the preview validates only the edited record), and the edit then be
    undone, the next build's key for the page is the last build's again: it writes the
    page anyway, since the folder holds the preview's."""
    repo, site, preview = served
    page = site / "material/test-plastic.html"
    original = page.read_bytes()
    record = "catalog/materials/test-plastic.yml"
    path = edit(repo, "name: Test plastic", "name: Previewed plastic", record)
    assert preview.show({str(path)}) == ["material/test-plastic.md"]
    assert b"Previewed plastic" in page.read_bytes()

    def failing(*args: object, **kwargs: object) -> None:
        raise BuildError("the records have errors")

    with monkeypatch.context() as patch:
        patch.setattr(build, "render_site", failing)
        with pytest.raises(Abort):  # MkDocs' word for the hook's PluginError
            served_build(repo, site)
    edit(repo, "name: Previewed plastic", "name: Test plastic", record)
    served_build(repo, site)
    assert page.read_bytes() == original

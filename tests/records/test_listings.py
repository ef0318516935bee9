"""A design folder's listing is taken from the last run's while the folder's stat is the
same, and from the disk otherwise: what it finds is always what os.scandir would find."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.records import file_hashes
from generator.records.catalog import Listing, list_design_folder, load_catalog
from generator.records.parsed import FILE, Listings, ParsedRecords

DESIGN = "id: clip\ntitle: Clip\n"


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_hashes, "RACY_S", 0.0)  # the test's folders are seconds old


def design_folder(root: Path) -> Path:
    folder = root / "designs" / "clip"
    (folder / "parts").mkdir(parents=True)
    (folder / "src").mkdir()
    (folder / "design.yml").write_text(DESIGN, "utf-8")
    (folder / "parts" / "clip.stl").write_bytes(b"solid clip\nendsolid clip\n")
    (folder / "src" / "clip.scad").write_text("cube(10);\n", "utf-8")
    (folder / "away").symlink_to(root)
    return folder


def listed_again(folder: Path, listings: Listings) -> Listing:
    """The folder listed with what `listings` remembered, as the next run would."""
    return list_design_folder(folder, Listings(dict(listings.used)), "designs/clip")


@pytest.fixture
def scandir_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    calls: list[str] = []
    scandir = os.scandir

    def counted(path: str) -> object:
        calls.append(str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counted)
    yield calls


def test_a_folder_whose_stat_is_the_same_is_not_listed_again(
    tmp_path: Path, scandir_calls: list[str]
) -> None:
    folder = design_folder(tmp_path)
    listings = Listings({})
    first = list_design_folder(folder, listings, "designs/clip")
    assert sorted(listings.used) == ["designs/clip/", "designs/clip/parts/", "designs/clip/src/"]
    assert first == list_design_folder(folder)
    scandir_calls.clear()
    assert listed_again(folder, listings) == first
    assert scandir_calls == []


def test_a_file_written_in_place_is_sized_again(tmp_path: Path) -> None:
    folder = design_folder(tmp_path)
    listings = Listings({})
    list_design_folder(folder, listings, "designs/clip")
    (folder / "parts" / "clip.stl").write_bytes(b"solid longer clip\nendsolid longer clip\n")
    again = listed_again(folder, listings)
    assert again == list_design_folder(folder)
    assert again.files["parts/clip.stl"].size == len(b"solid longer clip\nendsolid longer clip\n")


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "parts" / "strap.stl").write_bytes(b"solid strap\n"),
        lambda folder: (folder / "src" / "clip.scad").unlink(),
        lambda folder: (folder / "parts" / "clip.stl").rename(folder / "parts" / "hook.stl"),
        lambda folder: os.mkfifo(folder / "src" / "pipe.scad"),
        lambda folder: (folder / "parts" / "more").mkdir(),
    ],
    ids=["file added", "file removed", "file renamed", "FIFO made", "folder made"],
)
def test_a_folder_changed_is_listed_again(tmp_path: Path, change: Callable[[Path], object]) -> None:
    folder = design_folder(tmp_path)
    listings = Listings({})
    list_design_folder(folder, listings, "designs/clip")
    change(folder)
    assert listed_again(folder, listings) == list_design_folder(folder)


def test_a_file_made_a_link_is_a_link_again(tmp_path: Path) -> None:
    folder = design_folder(tmp_path)
    listings = Listings({})
    list_design_folder(folder, listings, "designs/clip")
    (folder / "src" / "clip.scad").unlink()
    (folder / "src" / "clip.scad").symlink_to("/etc/passwd")
    again = listed_again(folder, listings)
    assert again.files["src/clip.scad"].symlink
    assert again == list_design_folder(folder)


@pytest.mark.parametrize(
    "names",
    [
        [["../outside.txt", FILE]],
        [["parts/clip.stl", FILE]],
        [["clip.stl", "x"]],
        [["missing.stl", FILE]],
        [["design.yml"]],
        "design.yml",
    ],
    ids=[
        "a name out of the folder",
        "two steps",
        "an unknown kind",
        "a file not there",
        "not a pair",
        "not a list",
    ],
)
def test_a_remembered_listing_not_of_the_form_is_taken_from_the_disk(
    tmp_path: Path, names: object
) -> None:
    # The cache is a file: what it says of a folder must not add or hide a file.
    folder = design_folder(tmp_path)
    (tmp_path / "designs" / "outside.txt").write_text("not the design's\n", "utf-8")
    listings = Listings({})
    list_design_folder(folder, listings, "designs/clip")
    held = dict(listings.used)
    held["designs/clip/"] = [held["designs/clip/"][0], names]
    assert list_design_folder(folder, Listings(held), "designs/clip") == list_design_folder(folder)


def test_the_listings_are_kept_with_the_parsed_records(
    tmp_path: Path, scandir_calls: list[str]
) -> None:
    folder = design_folder(tmp_path)
    cache = tmp_path / ".cache" / "parsed.json"
    remembered = ParsedRecords(cache)
    first = load_catalog(tmp_path, remembered=remembered)
    remembered.save()
    scandir_calls.clear()
    again = load_catalog(tmp_path, remembered=ParsedRecords(cache))
    assert again.design_files == first.design_files
    assert not [call for call in scandir_calls if call.startswith(str(folder))]
    # A folder no longer there is forgotten at the next save.
    remembered = ParsedRecords(cache)
    load_catalog(tmp_path, remembered=remembered)
    (folder / "src" / "clip.scad").unlink()
    (folder / "src").rmdir()
    remembered = ParsedRecords(cache)
    load_catalog(tmp_path, remembered=remembered)
    remembered.save()
    assert "designs/clip/src/" not in ParsedRecords(cache).listings.known


def test_a_folder_of_files_that_is_a_link_is_not_listed(tmp_path: Path) -> None:
    """A make report's folder of photos beside it (catalog/makes/<id>/) is looked at on its
    own: the record's folders on the way are not links, it may be."""
    root, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    design_folder(root)
    elsewhere.mkdir()
    (elsewhere / "secret.jpg").write_bytes(b"secret")
    makes = root / "catalog/makes"
    makes.mkdir(parents=True)
    for name in ("linked", "plain"):
        (makes / f"{name}.yml").write_text(f"id: {name}\n", "utf-8")
    (makes / "linked").symlink_to(elsewhere)
    (makes / "plain").mkdir()
    (makes / "plain/photo.jpg").write_bytes(b"photo")
    catalog = load_catalog(root)
    assert [(f.code, f.file, f.message) for f in catalog.findings] == [
        ("ML013", "catalog/makes/linked.yml", "its folder catalog/makes/linked is a symbolic link")
    ]
    assert catalog.design_files["catalog/makes/linked.yml"] == {}
    assert list(catalog.design_files["catalog/makes/plain.yml"]) == ["photo.jpg"]
    assert "away" in catalog.design_files["designs/clip/design.yml"]  # a link in it, listed

"""The design zips are written a file at a time within a size bound, and nothing the site
publishes is read through a symbolic link, even when validation is skipped."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from functools import partial
from pathlib import Path

import pytest

from generator.web import build, derived, sources
from generator.web.build import BuildError, Generated
from generator.web.derived import ZIP_TIME, Maker, write_zip
from generator.web.site import Archive
from tests.conftest import make_repo

MIB = 1024 * 1024


def generate_unvalidated(repo: Path) -> Generated:
    """What the build publishes from records the validator never saw."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "refuse_errors", lambda findings: None)
        return build.generate(repo)


def test_zips_depend_only_on_their_entries() -> None:
    entries = [("a/b.txt", b"hello"), ("a/c.bin", bytes(range(256)))]

    def written() -> bytes:
        output = io.BytesIO()
        write_zip(output, [(name, partial(io.BytesIO, data)) for name, data in entries])
        return output.getvalue()

    data = written()
    assert data == written()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == entries
        assert {i.date_time for i in archive.infolist()} == {ZIP_TIME}
        assert {(i.create_system, i.external_attr >> 16) for i in archive.infolist()} == {
            (3, 0o644)
        }
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_zip_of_large_files_is_never_whole_in_memory(tmp_path: Path) -> None:
    """120 files of 20 MiB of zeros (1.3 MiB packed in git) once took 2.5 GB to zip."""
    folder = tmp_path / "designs/big"
    folder.mkdir(parents=True)
    entries: list[tuple[str, Path | str]] = []
    for i in range(4):
        with (folder / f"zeros-{i}.stl").open("wb") as handle:
            handle.truncate(20 * MIB)  # sparse: no disk space either
        entries.append((f"big/zeros-{i}.stl", folder / f"zeros-{i}.stl"))
    entries.append(("big/okh.toml", 'title = "Big"\n'))
    maker = Maker(tmp_path, tmp_path / "cache")
    tracemalloc.start()
    try:
        made = maker.archive("design/big/big.zip", Archive(tuple(entries)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB  # the files are 80 MiB
    with zipfile.ZipFile(made) as archive:
        assert archive.namelist() == [name for name, _ in entries]
        assert archive.getinfo("big/zeros-3.stl").file_size == 20 * MIB
        assert archive.read("big/okh.toml") == b'title = "Big"\n'
    assert maker.archive("design/big/big.zip", Archive(tuple(entries))) == made  # cached


def test_a_build_reads_no_file_it_has_made_a_zip_of_already(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files' hashes are remembered by their stat (as the analysis's are): a design's
    zip, already made, is found again without reading its files; a file changed is read."""
    folder = tmp_path / "designs/x"
    folder.mkdir(parents=True)
    part = folder / "part.stl"
    part.write_bytes(b"solid x\nendsolid x\n")
    os.utime(part, ns=(0, 10**18))  # long before the build, so its hash is remembered
    archive = Archive((("x/part.stl", part), ("x/okh.toml", 'title = "X"\n')))
    made = Maker(tmp_path, tmp_path / "cache")
    first = made.archive("design/x/x.zip", archive)
    made.hashes.save()
    again = Maker(tmp_path, tmp_path / "cache")
    read: list[Path] = []
    opened = Maker._published

    def counted(self: Maker, path: Path) -> object:
        read.append(path)
        return opened(self, path)

    monkeypatch.setattr(Maker, "_published", counted)
    assert again.archive("design/x/x.zip", archive) == first and read == []
    part.write_bytes(b"solid y\nendsolid y\n")
    changed = again.archive("design/x/x.zip", archive)
    assert changed != first and read == [part, part]  # hashed, then zipped
    with zipfile.ZipFile(changed) as zipped:
        assert zipped.read("x/part.stl") == b"solid y\nendsolid y\n"


def test_a_zip_over_the_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(derived, "MAX_FOLDER_BYTES", 3 * MIB)
    for i in range(2):
        with (tmp_path / f"{i}.bin").open("wb") as handle:
            handle.truncate(2 * MIB)
    archive = Archive((("x/0.bin", tmp_path / "0.bin"), ("x/1.bin", tmp_path / "1.bin")))
    with pytest.raises(BuildError, match=r"design/x/x.zip: its files come to over 3 MiB.*ML308"):
        Maker(tmp_path, tmp_path / "cache").archive("design/x/x.zip", archive)
    assert not any((tmp_path / "cache").rglob("*.zip"))


def test_a_zip_reads_no_link_and_no_fifo(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("TOKEN=1\n")
    (tmp_path / "designs/x").mkdir(parents=True)
    os.symlink(tmp_path / "secret", tmp_path / "designs/x/linked.txt")
    os.mkfifo(tmp_path / "designs/x/pipe.txt")
    os.symlink(tmp_path / "designs/x", tmp_path / "designs/y")
    (tmp_path / "designs/x/plain.txt").write_text("plain\n")
    maker = Maker(tmp_path, tmp_path / "cache")
    for name, said in [
        ("x/linked.txt", "cannot be read"),  # O_NOFOLLOW: the link itself is refused
        ("x/pipe.txt", "not a regular file"),
        ("y/plain.txt", "a folder on its way is a symbolic link"),
        ("y/../x/plain.txt", "not a file of the records"),  # `..` after a link leaves it
        ("../../secret", "not a file of the records"),
    ]:
        archive = Archive(((name, tmp_path / "designs" / name),))
        with pytest.raises(BuildError, match=said):
            maker.archive("design/x/x.zip", archive)


def test_a_linked_design_folder_is_never_published(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    (outside / "parts").mkdir(parents=True)
    design = (repo / "designs/test-clip/design.yml").read_text("utf-8")
    (outside / "design.yml").write_text(design.replace("id: test-clip", "id: linked"))
    (outside / "parts/clip.stl").write_bytes(
        (repo / "designs/test-clip/parts/clip.stl").read_bytes()
    )
    (outside / ".env").write_text("TOKEN=secret\n")
    os.symlink(outside, repo / "designs/linked")
    generated = generate_unvalidated(repo)
    assert not any("linked" in target for target in generated.files)
    assert not any("linked" in page.path for page in generated.pages)
    for target, made in generated.files.items():
        if target.endswith(".zip"):
            with zipfile.ZipFile(made) as archive:
                assert not any(".env" in name for name in archive.namelist())


@pytest.mark.parametrize("linked", ["parts/clip.stl", "parts"])
def test_a_linked_part_is_not_published_without_validation(tmp_path: Path, linked: str) -> None:
    repo = make_repo(tmp_path / "repo")
    folder = repo / "designs/test-clip"
    (folder / linked).rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", folder / linked)
    with pytest.raises(BuildError, match=r"design/test-clip/parts/clip.stl: .* is, or lies in a"):
        generate_unvalidated(repo)

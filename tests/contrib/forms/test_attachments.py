"""Attachments as the workflow saved them: a zip is opened within bounds (files, sizes,
names, links, nested zips, passwords), photos are scaled and lose their metadata, and
every refusal says what to do."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from generator.contrib.forms.attachments import (
    MAX_ENTRIES,
    Attachment,
    Upload,
    UploadProblem,
    read_attachment,
    sniffed_suffix,
    unzipped,
)
from generator.contrib.forms.photos import MAX_SIDE, prepared_photo
from generator.contrib.forms.uploads import safe_file_name

MIB = 1024 * 1024


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_gives_its_files_by_their_last_name() -> None:
    data = _zip(
        {"a/b/hook.stl": b"solid x", "../../evil.scad": b"cube();", "__MACOSX/._hook.stl": b""}
    )
    found = list(unzipped("parts.zip", data))
    assert [(u.name, u.origin) for u in found] == [
        ("hook.stl", "`hook.stl` in `parts.zip`"),
        ("evil.scad", "`evil.scad` in `parts.zip`"),
    ]


def test_a_zip_bomb_is_stopped_at_the_limit_whatever_its_header_says() -> None:
    bomb = _zip({"huge.scad": b"\0" * (3 * MIB)})  # .scad files may be 2 MiB
    with pytest.raises(UploadProblem, match=r"is over 2\.0 MiB, the limit for \.scad files"):
        list(unzipped("bomb.zip", bomb))
    # A header that claims a small size does not let more through.
    lying = bytearray(bomb)
    info = zipfile.ZipFile(io.BytesIO(bomb)).infolist()[0]
    for offset in (info.header_offset + 22, bytes(lying).rfind(b"PK\x01\x02") + 24):
        lying[offset : offset + 4] = (100).to_bytes(4, "little")
    with pytest.raises(UploadProblem):
        list(unzipped("bomb.zip", bytes(lying)))


def test_too_many_files_a_link_a_nested_zip_and_a_password_are_refused() -> None:
    many = _zip({f"p{i}.stl": b"x" for i in range(MAX_ENTRIES + 1)})
    with pytest.raises(UploadProblem, match=f"holds {MAX_ENTRIES + 1} files"):
        list(unzipped("many.zip", many))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("passwd.stl")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(UploadProblem, match="is a link, not a file"):
        list(unzipped("link.zip", buffer.getvalue()))
    with pytest.raises(UploadProblem, match="is a zip inside the zip"):
        list(unzipped("outer.zip", _zip({"inner.zip": _zip({"a.stl": b"x"})})))
    locked = bytearray(_zip({"a.stl": b"x"}, zipfile.ZIP_STORED))
    locked[6] |= 1  # the local header's "encrypted" flag
    central = bytes(locked).rfind(b"PK\x01\x02")
    locked[central + 8] |= 1
    with pytest.raises(UploadProblem, match="protected by a password"):
        list(unzipped("locked.zip", bytes(locked)))


def test_a_file_that_is_not_a_zip_says_so() -> None:
    with pytest.raises(UploadProblem, match="cannot be opened as a zip"):
        list(unzipped("parts.zip", b"PK\x03\x04 broken"))


def test_a_missing_or_oversized_download_is_named(tmp_path: Path) -> None:
    item = Attachment("https://github.com/user-attachments/files/1/big.zip", "big.zip")
    with pytest.raises(UploadProblem, match=r"`big\.zip` could not be downloaded"):
        read_attachment(tmp_path, item)
    (tmp_path / item.saved_name).symlink_to("/etc/passwd")
    with pytest.raises(UploadProblem, match="could not be downloaded"):
        read_attachment(tmp_path, item)


def test_pictures_without_a_name_are_known_by_their_bytes(tmp_path: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    assert sniffed_suffix(png.getvalue()) == ".png"
    assert sniffed_suffix(b"\xff\xd8\xff\xe0") == ".jpg"
    assert sniffed_suffix(b'<?xml version="1.0"?>\n<svg xmlns="x">') == ".svg"
    assert sniffed_suffix(b"solid hook") == ""
    item = Attachment(
        "https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", ""
    )
    (tmp_path / item.saved_name).write_bytes(png.getvalue())
    (upload,) = read_attachment(tmp_path, item)
    assert upload.name == "photo.png" and upload.origin == "a picture"


def _jpeg_with_location(size: tuple[int, int]) -> bytes:
    image = Image.new("RGB", size, (120, 130, 140))
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: turned 90 degrees
    gps = exif.get_ifd(0x8825)
    gps[2] = (0.0, 20.0, 5.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_turned_upright_scaled_and_stripped_of_its_metadata() -> None:
    photo = prepared_photo(
        Upload("IMG_2034.JPG", _jpeg_with_location((4000, 3000)), "`IMG_2034.JPG`")
    )
    assert photo.name == "IMG_2034.jpg"
    image = Image.open(io.BytesIO(photo.data))
    assert image.size == (MAX_SIDE * 3 // 4, MAX_SIDE)  # upright: it was turned on its side
    assert "exif" not in image.info and not image.getexif()


def test_what_is_not_a_photo_is_refused() -> None:
    with pytest.raises(UploadProblem, match=r"`x\.png` cannot be read as a picture"):
        prepared_photo(Upload("x.png", b"\x89PNG\r\n\x1a\nbroken", "`x.png`"))
    gif = io.BytesIO()
    Image.new("P", (4, 4)).save(gif, "GIF")
    with pytest.raises(UploadProblem, match="is a GIF picture: send photos as PNG, JPEG or WebP"):
        prepared_photo(Upload("x.png", gif.getvalue(), "`x.png`"))


def test_a_picture_too_large_to_open_is_refused_before_it_is_decoded() -> None:
    header = io.BytesIO()
    Image.new("1", (9000, 9000)).save(header, "PNG")  # 81 megapixels, a few kB of file
    with pytest.raises(UploadProblem, match="has 9000 x 9000 pixels"):
        prepared_photo(Upload("big.png", header.getvalue(), "`big.png`"))


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("head band.STL", "head-band.stl"),
        ("Kopfbänder (v2).stl", "Kopfbander-v2.stl"),
        ("../../evil.scad", "evil.scad"),
        ("con.scad", "con-1.scad"),
        ("...", "file"),
        ("a\u202egnp.exe", "agnp.exe"),
    ],
)
def test_file_names_are_made_safe_to_publish(given: str, safe: str) -> None:
    assert safe_file_name(given) == safe

"""Picture sizes read from the header alone agree with Pillow's, for every picture in the
repository and for generated ones of each kind (PNG; baseline, progressive and EXIF
JPEG; lossy, lossless and extended WebP); broken headers are errors, not guesses."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PIL import Image

from generator.records.image_size import ImageSizeError, image_size

ROOT = Path(__file__).resolve().parents[2]
PICTURES = sorted(
    p
    for p in ROOT.glob("**/*")
    if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")
    and p.is_file()
    and not any(part.startswith(".") or part in ("site", "node_modules") for part in p.parts)
)


def pillow_size(path: Path) -> tuple[int, int] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


@pytest.mark.parametrize("path", PICTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_picture_in_the_repository_reads_as_pillow_reads_it(path: Path) -> None:
    expected = pillow_size(path)
    if expected is None:  # a picture the fixtures break on purpose
        with pytest.raises((ImageSizeError, OSError)):
            image_size(path, path.suffix.lower())
    else:
        assert image_size(path, path.suffix.lower()) == expected


def save(tmp_path: Path, name: str, size: tuple[int, int], mode: str, **options: object) -> Path:
    path = tmp_path / name
    Image.new(mode, size, (10, 200, 30, 128)[: len(mode)]).save(path, **options)
    return path


@pytest.mark.parametrize(
    ("name", "mode", "options"),
    [
        ("a.png", "RGB", {}),
        ("b.png", "RGBA", {}),
        ("c.jpg", "RGB", {}),
        ("d.jpg", "RGB", {"progressive": True}),
        ("e.jpg", "RGB", {"exif": b"Exif\x00\x00" + b"\x00" * 3000}),
        ("f.webp", "RGB", {"quality": 80}),
        ("g.webp", "RGB", {"lossless": True}),
        ("h.webp", "RGBA", {"quality": 80}),
    ],
)
def test_generated_pictures_of_each_kind(
    name: str, mode: str, options: dict[str, object], tmp_path: Path
) -> None:
    for size in ((1, 1), (317, 45), (2000, 1333)):
        path = save(tmp_path, name, size, mode, **options)
        assert image_size(path, path.suffix) == size


@pytest.mark.parametrize(
    ("suffix", "data"),
    [
        (".png", b"\x89PNG\r\n\x1a\n"),
        (".png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x00\x00\x00\x00\x05"),
        (".jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        (".jpg", b"\xff\xd8" + b"\xff\xe1\xff\xff" + b"\x00" * 10),
        (".jpg", b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 20),
        (".jpg", b"\xff\xd8\xff\xe0\x00\x00"),
        (".webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 14),
    ],
)
def test_broken_headers_are_errors(suffix: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(data)
    with pytest.raises(ImageSizeError):
        image_size(path, suffix)


def test_a_jpeg_of_segments_only_ends(tmp_path: Path) -> None:
    path = tmp_path / "loop.jpg"
    path.write_bytes(b"\xff\xd8" + b"\xff\xfe\x00\x02" * 5000)
    with pytest.raises(ImageSizeError):
        image_size(path, ".jpg")

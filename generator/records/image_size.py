"""The width and height of a PNG, JPEG or WebP picture, read from its header alone.

Checking that a photo is not too large to decode (ML305) needs only its size, which each
format states near its start: PNG in its first chunk (IHDR), WebP in its first chunk
(VP8, VP8L or VP8X), JPEG in its start-of-frame segment, after any segments before it
(EXIF, thumbnails), which are skipped by their stated lengths. Reading these few bytes
spares `makelocal validate` importing Pillow (tests/quality/test_startup.py), and a file
whose header cannot be read is reported as not a picture, as Pillow would.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

# JPEG start-of-frame markers (baseline, progressive, lossless...): they carry the size.
# C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) are not frames.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Markers that stand alone, without a length: TEM and the restart markers.
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
MAX_JPEG_SEGMENTS = 1000  # a real header has a few dozen; a crafted one cannot loop forever


class ImageSizeError(Exception):
    """The header does not say the picture's size."""


def image_size(path: Path, suffix: str) -> tuple[int, int]:
    """(width, height) in pixels of the picture at `path`, by its extension's format."""
    with path.open("rb") as handle:
        if suffix == ".png":
            return _png(handle.read(24))
        if suffix == ".webp":
            return _webp(handle.read(30))
        if suffix in (".jpg", ".jpeg"):
            return _jpeg(handle)
    raise ImageSizeError(f"no reader for {suffix} pictures")


def _png(head: bytes) -> tuple[int, int]:
    if len(head) < 24 or head[12:16] != b"IHDR":
        raise ImageSizeError("the PNG does not start with its header chunk")
    width, height = struct.unpack(">II", head[16:24])
    return _checked(width, height)


def _webp(head: bytes) -> tuple[int, int]:
    if len(head) < 30 or head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        raise ImageSizeError("not a WebP file")
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":  # lossy: a key frame's size
        width, height = struct.unpack("<HH", head[26:30])
        return _checked(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and head[20] == 0x2F:  # lossless: 14-bit sizes less one
        bits = int.from_bytes(head[21:25], "little")
        return _checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":  # extended: 24-bit canvas sizes less one
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return _checked(width, height)
    raise ImageSizeError("the WebP header states no size")


def _jpeg(handle: BinaryIO) -> tuple[int, int]:
    if handle.read(2) != b"\xff\xd8":
        raise ImageSizeError("not a JPEG file")
    for _ in range(MAX_JPEG_SEGMENTS):
        marker = _next_marker(handle)
        if marker in _STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the pixels begin: no frame before
            break
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            break
        length = int.from_bytes(length_bytes, "big")
        if length < 2:
            break
        if marker in _SOF:
            frame = handle.read(5)
            if len(frame) < 5:
                break
            height, width = struct.unpack(">HH", frame[1:5])
            return _checked(width, height)
        handle.seek(length - 2, 1)
    raise ImageSizeError("the JPEG states no frame size before its pixels")


def _next_marker(handle: BinaryIO) -> int:
    """The next marker's code, past any fill bytes (0xFF repeated)."""
    byte = handle.read(1)
    if byte != b"\xff":
        raise ImageSizeError("the JPEG's segments do not follow one another")
    while byte == b"\xff":
        byte = handle.read(1)
    if not byte:
        raise ImageSizeError("the JPEG ends inside its header")
    return byte[0]


def _checked(width: int, height: int) -> tuple[int, int]:
    if width <= 0 or height <= 0:
        raise ImageSizeError(f"the header states a size of {width} x {height} pixels")
    return width, height

"""Reading STL files defensively.

trimesh returns an empty scene instead of an error for an empty, truncated or lying file,
and silently drops NaN vertices. This reader checks the binary size formula (84 + 50 n
bytes) and parses ASCII line by line itself, so that every bad file gives a message that
says what is wrong and how to fix it, and never a wrong mesh.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from generator.records.regular_file import FileTooLarge, NotRegularFile, read_whole_file

DEFAULT_MAX_MB = 200.0
BINARY_HEADER = 84
BINARY_FACET = 50
BINARY_DTYPE = np.dtype([("normal", "<f4", 3), ("vertices", "<f4", (3, 3)), ("attribute", "<u2")])
REEXPORT = "re-export the part as STL from its source"
# An ASCII STL is read line by line: 23 MB take 2 s and 220 MB of memory, and a 99 MB
# file of short lines took 28 s and 1.9 GB. A larger one must be binary, which holds the
# same mesh in a fifth of the bytes and is read at once.
MAX_ASCII_MB = 25.0
# Meshes kept parsed for the run (see _Parsed): a few parts' worth, within memory.
CACHE_ENTRIES = 8
CACHE_BYTES = 256 * 1024 * 1024

# Magic bytes of formats sometimes saved with an .stl name.
OTHER_FORMATS: list[tuple[bytes, str]] = [
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a 3MF file is one)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ISO-10303", "a STEP file"),
    (b"<", "an XML or HTML file"),
]
_NUMBER = re.compile(rb"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


class StlError(ValueError):
    """An STL file that cannot be read; the message names the file."""


def read_triangles(path: Path, max_mb: float = DEFAULT_MAX_MB) -> np.ndarray:
    """The triangles of an STL file as a float64 array of shape (n, 3, 3), read-only.

    A file whose content was parsed before in this run is not parsed again (see
    `parse_once`): the validator, the analysis and the build read a part's file each, and a
    design may name one file for many parts.
    """
    limit = int(max_mb * 1e6)
    try:
        data = read_whole_file(path, limit)
    except FileTooLarge:
        raise StlError(
            f"{path}: file is {path.stat().st_size / 1e6:.0f} MB, over the {max_mb:g} MB "
            "limit; simplify the mesh or raise the limit (--max-stl-mb)"
        ) from None
    except NotRegularFile:  # reading a FIFO would wait for a writer forever
        raise StlError(
            f"{path}: not a regular file (a FIFO, device or socket); give the STL file itself"
        ) from None
    except OSError as error:
        raise StlError(f"{path}: cannot be read ({error.strerror})") from error
    try:
        return parse_once(data)
    except StlError as error:
        raise StlError(f"{path}: {error}") from None


class _Parsed:
    """Meshes parsed in this run, by the sha256 of their bytes, and the errors of files
    that could not be: at most CACHE_ENTRIES meshes of CACHE_BYTES in all, the least
    recently used leaving first."""

    def __init__(self) -> None:
        self.results: OrderedDict[bytes, np.ndarray | str] = OrderedDict()

    def get(self, key: bytes) -> np.ndarray | str | None:
        found = self.results.get(key)
        if found is not None:
            self.results.move_to_end(key)
        return found

    def put(self, key: bytes, result: np.ndarray | str) -> None:
        self.results[key] = result
        while len(self.results) > CACHE_ENTRIES or self._bytes() > CACHE_BYTES:
            self.results.popitem(last=False)

    def _bytes(self) -> int:
        return sum(r.nbytes if isinstance(r, np.ndarray) else len(r) for r in self.results.values())


_PARSED = _Parsed()


def parse_once(data: bytes) -> np.ndarray:
    """`parse_stl`, parsing each distinct content once per run (a 20 MiB ASCII STL named
    by ten parts was parsed ten times: 106 s); the array is read-only, as it is shared."""
    key = hashlib.sha256(data).digest()
    found = _PARSED.get(key)
    if isinstance(found, str):
        raise StlError(found)
    if found is not None:
        return found
    try:
        triangles = parse_stl(data)
    except StlError as error:
        _PARSED.put(key, str(error))
        raise
    triangles.flags.writeable = False
    _PARSED.put(key, triangles)
    return triangles


def parse_stl(data: bytes) -> np.ndarray:
    """Triangles from the bytes of a binary or ASCII STL; StlError says what is wrong."""
    if not data:
        raise StlError(f"file is empty (0 bytes); {REEXPORT}")
    for magic, name in OTHER_FORMATS:
        if data.startswith(magic):
            raise StlError(f"not an STL file: it is {name}; export the part as STL")
    if len(data) >= BINARY_HEADER:
        count = struct.unpack_from("<I", data, 80)[0]
        if len(data) == BINARY_HEADER + BINARY_FACET * count:
            return _binary(data, count)
    if data.lstrip()[:5].lower() == b"solid" and _looks_like_text(data):
        if len(data) > MAX_ASCII_MB * 1e6:
            raise StlError(
                f"ASCII STL of {len(data) / 1e6:.0f} MB, over the {MAX_ASCII_MB:g} MB read as "
                "text; export the part as binary STL (a fifth of the size)"
            )
        return _ascii(data)
    if len(data) < BINARY_HEADER:
        raise StlError(
            f"file is {len(data)} bytes, too short for an STL (a binary STL has an "
            f"84-byte header); {REEXPORT}"
        )
    expected = BINARY_HEADER + BINARY_FACET * count
    raise StlError(
        f"binary STL header says {count} triangles, which take {expected} bytes, but the "
        f"file has {len(data)} bytes: it is truncated or corrupt; {REEXPORT}"
    )


def _looks_like_text(data: bytes) -> bool:
    # Binary STLs may also start with "solid"; their float data nearly always holds NUL bytes.
    return b"\x00" not in data[:4096]


def _binary(data: bytes, count: int) -> np.ndarray:
    if count == 0:
        raise StlError(f"binary STL holds no triangles; {REEXPORT}")
    records = np.frombuffer(data, dtype=BINARY_DTYPE, count=count, offset=BINARY_HEADER)
    return _checked(records["vertices"].astype(np.float64), lambda i: f"triangle {i + 1}")


def _ascii(data: bytes) -> np.ndarray:
    # splitlines() also splits on bare CR, which some old exporters write.
    lines = data.splitlines()
    vertex_lines = [n for n, line in enumerate(lines) if line.lstrip()[:6].lower() == b"vertex"]
    facets = sum(1 for line in lines if line.lstrip()[:5].lower() == b"facet")
    if not vertex_lines:
        raise StlError(f"ASCII STL holds no 'vertex' lines, so no triangles; {REEXPORT}")
    values = np.empty((len(vertex_lines), 3))
    for row, number in enumerate(vertex_lines):
        fields = lines[number].split()
        if len(fields) != 4 or not all(_NUMBER.match(f) or _special(f) for f in fields[1:]):
            shown = lines[number].strip()[:60].decode("ascii", "replace")
            raise StlError(
                f"line {number + 1}: expected 'vertex x y z' with three numbers, found "
                f"'{shown}'; {REEXPORT}"
            )
        values[row] = [float(f) for f in fields[1:]]
    if len(vertex_lines) % 3 or facets != len(vertex_lines) // 3:
        raise StlError(
            f"ASCII STL has {facets} facets but {len(vertex_lines)} vertices (3 per facet "
            f"expected): it is truncated or corrupt; {REEXPORT}"
        )
    triangles = values.reshape(-1, 3, 3)
    return _checked(triangles, lambda i: f"line {vertex_lines[3 * i] + 1}")


def _special(field: bytes) -> bool:
    # nan and inf parse as floats; they are reported by _checked with their place.
    return field.lower().lstrip(b"+-") in (b"nan", b"inf", b"infinity")


def _checked(triangles: np.ndarray, place: Callable[[int], str]) -> np.ndarray:
    bad = ~np.isfinite(triangles).all(axis=(1, 2))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise StlError(
            f"{int(bad.sum())} of {len(triangles)} triangles have NaN or infinite "
            f"coordinates (first at {place(first)}); {REEXPORT}"
        )
    return triangles

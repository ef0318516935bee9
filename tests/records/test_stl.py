"""The STL reader: good files parse, every kind of bad file gives a clear StlError."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import trimesh
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.validate import validate_catalog
from generator.records import stl
from generator.records.catalog import load_catalog
from generator.records.stl import StlError, parse_stl, read_triangles


def binary_stl(triangles: np.ndarray, header: bytes = b"binary") -> bytes:
    records = np.zeros(len(triangles), dtype=[("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")])
    records["v"] = triangles
    return header.ljust(80, b" ") + struct.pack("<I", len(triangles)) + records.tobytes()


def ascii_stl(triangles: np.ndarray, newline: str = "\n") -> bytes:
    lines = ["solid part"]
    for tri in triangles:
        lines += ["facet normal 0 0 0", " outer loop"]
        lines += [f"  vertex {float(x)!r} {float(y)!r} {float(z)!r}" for x, y, z in tri]
        lines += [" endloop", "endfacet"]
    lines.append("endsolid part")
    return newline.join(lines).encode()


CUBE = trimesh.creation.box((10, 20, 30)).triangles


def test_binary_and_ascii_parse_to_the_same_triangles() -> None:
    from_binary = parse_stl(binary_stl(CUBE))
    from_ascii = parse_stl(ascii_stl(CUBE))
    assert from_binary.shape == (12, 3, 3)
    np.testing.assert_allclose(from_binary, CUBE, atol=1e-5)
    np.testing.assert_allclose(from_ascii, CUBE)


def test_binary_whose_header_starts_with_solid_is_binary() -> None:
    assert parse_stl(binary_stl(CUBE, header=b"solid exported by a CAD tool")).shape == (12, 3, 3)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_ascii_line_ends(newline: str) -> None:
    np.testing.assert_allclose(parse_stl(ascii_stl(CUBE, newline)), CUBE)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (binary_stl(CUBE)[:-30], "truncated"),
        (binary_stl(CUBE)[:80] + struct.pack("<I", 13) + binary_stl(CUBE)[84:], "13 triangles"),
        (binary_stl(CUBE)[:80] + struct.pack("<I", 11) + binary_stl(CUBE)[84:], "11 triangles"),
        (binary_stl(CUBE[:0]), "no triangles"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(500), "JPEG"),
        (b"PK\x03\x04" + bytes(200), "ZIP"),
        (b"solid x\nfacet normal 0 0 0\nouter loop\nvertex 1 2\n", "line 4"),
        (ascii_stl(CUBE)[:-200], "facets"),
        (b"solid empty\nendsolid empty\n", "no 'vertex'"),
        (b"tiny", "too short"),
        (bytes(range(256)) * 3, "truncated or corrupt"),
    ],
)
def test_bad_files_say_what_is_wrong(data: bytes, words: str) -> None:
    with pytest.raises(StlError, match=words):
        parse_stl(data)


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_coordinates_are_refused(value: float) -> None:
    bad = CUBE.copy()
    bad[5, 1, 2] = value
    with pytest.raises(StlError, match=r"NaN or infinite.*triangle 6"):
        parse_stl(binary_stl(bad))
    with pytest.raises(StlError, match="NaN or infinite"):
        parse_stl(ascii_stl(bad))


def test_errors_name_the_file_and_the_size_limit_applies(tmp_path: Path) -> None:
    path = tmp_path / "photo.stl"
    path.write_bytes(b"\xff\xd8\xff" + bytes(100))
    with pytest.raises(StlError, match=r"photo\.stl: not an STL file: it is a JPEG image"):
        read_triangles(path)
    big = tmp_path / "big.stl"
    big.write_bytes(binary_stl(np.repeat(CUBE, 200, axis=0)))
    with pytest.raises(StlError, match=r"big\.stl: file is .* over the 0.05 MB limit"):
        read_triangles(big, max_mb=0.05)
    with pytest.raises(StlError, match=r"missing\.stl: cannot be read"):
        read_triangles(tmp_path / "missing.stl")


SEEDS = [binary_stl(CUBE), ascii_stl(CUBE), ascii_stl(CUBE, "\r")]


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.integers(0, 255),
            st.sampled_from(["set", "insert", "delete", "cut"]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_fuzzed_files_parse_or_fail_cleanly(seed: bytes, edits: list) -> None:
    data = bytearray(seed)
    for position, value, kind in edits:
        at = position % (len(data) + 1)
        if kind == "set" and at < len(data):
            data[at] = value
        elif kind == "insert":
            data.insert(at, value)
        elif kind == "delete" and at < len(data):
            del data[at]
        elif kind == "cut":
            del data[at:]
    try:
        triangles = parse_stl(bytes(data))
    except StlError as error:
        assert str(error)
    else:
        assert triangles.ndim == 3 and triangles.shape[1:] == (3, 3) and len(triangles) > 0
        assert np.isfinite(triangles).all()


# --- parsed once per content, within a budget ------------------------------------------


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every file actually parsed, with an empty cache of parsed meshes."""
    monkeypatch.setattr(stl, "_PARSED", stl._Parsed())
    parsed: list[int] = []

    def counting(data: bytes) -> np.ndarray:
        parsed.append(len(data))
        return parse_stl(data)

    monkeypatch.setattr(stl, "parse_stl", counting)
    return parsed


def test_the_same_content_is_parsed_once(tmp_path: Path, parses: list[int]) -> None:
    for name in ("a.stl", "b.stl"):
        (tmp_path / name).write_bytes(ascii_stl(CUBE))
    first = read_triangles(tmp_path / "a.stl")
    again = read_triangles(tmp_path / "a.stl")
    other = read_triangles(tmp_path / "b.stl")  # same bytes under another name
    assert len(parses) == 1 and first is again is other
    assert not first.flags.writeable  # shared, so no caller may change it
    (tmp_path / "a.stl").write_bytes(binary_stl(CUBE))  # changed content: parsed again
    read_triangles(tmp_path / "a.stl")
    assert len(parses) == 2


def test_a_file_that_cannot_be_read_is_parsed_once_too(tmp_path: Path, parses: list[int]) -> None:
    for name in ("a.stl", "b.stl"):
        (tmp_path / name).write_bytes(b"solid x\nnot a vertex\n")
    for name in ("a.stl", "b.stl", "a.stl"):
        with pytest.raises(StlError, match=rf"^{tmp_path / name}: ASCII STL holds no 'vertex'"):
            read_triangles(tmp_path / name)
    assert len(parses) == 1


def test_the_cache_keeps_a_few_meshes_only(tmp_path: Path, parses: list[int]) -> None:
    for i in range(stl.CACHE_ENTRIES + 1):
        (tmp_path / f"{i}.stl").write_bytes(binary_stl(CUBE + i))
        read_triangles(tmp_path / f"{i}.stl")
    assert len(stl._PARSED.results) == stl.CACHE_ENTRIES
    read_triangles(tmp_path / f"{stl.CACHE_ENTRIES}.stl")  # the newest is kept
    read_triangles(tmp_path / "0.stl")  # the oldest was let go
    assert len(parses) == stl.CACHE_ENTRIES + 2


def test_the_cache_keeps_within_its_bytes(
    tmp_path: Path, parses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stl, "CACHE_BYTES", CUBE.nbytes * 2)
    for i in range(3):
        (tmp_path / f"{i}.stl").write_bytes(binary_stl(CUBE + i))
        read_triangles(tmp_path / f"{i}.stl")
    assert len(stl._PARSED.results) == 2


def test_a_large_ascii_file_is_refused_before_it_is_parsed(
    tmp_path: Path, parses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 99 MB ASCII file of short lines took 28 s and 1.9 GB to parse; binary is read at once."""
    monkeypatch.setattr(stl, "MAX_ASCII_MB", 0.001)
    path = tmp_path / "text.stl"
    path.write_bytes(b"solid x\n" + b"ab\n" * 1000)
    with pytest.raises(StlError, match=r"ASCII STL of 0 MB, over the 0.001 MB read as text; "):
        read_triangles(path)
    path.write_bytes(binary_stl(np.repeat(CUBE, 10, axis=0)))  # larger, but binary
    assert len(read_triangles(path)) == 120


def test_the_validator_parses_a_file_named_by_many_parts_once(
    repo: Path, parses: list[int]
) -> None:
    """A 20 MiB ASCII STL named by ten parts: validation took 18.7 s, now 2.5 s."""
    design = repo / "designs/test-clip/design.yml"
    copies = "".join(
        f"  - {{id: p{i}, name: P{i}, file: parts/clip.stl, quantity: 1, "
        "process: test-printing, materials: [test-plastic]}\n"
        for i in range(9)
    )
    text = design.read_text("utf-8").replace("sources:\n", copies + "sources:\n", 1)
    design.write_text(text, "utf-8")
    findings = validate_catalog(load_catalog(repo))
    assert [f for f in findings if f.severity == "error"] == []
    assert len(parses) == 1

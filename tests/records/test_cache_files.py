"""The caches below .cache/ give back what was put in them, or nothing: a record read from
the cache is the record parsed, whatever its values; a cache that is not JSON, of another
format, or that cannot be written is simply not used."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from generator.records import file_hashes, loader, regular_file
from generator.records.cache_file import read_cache, write_cache
from generator.records.documents import Document
from generator.records.loader import load
from generator.records.parsed import FORMAT, ParsedRecords


def loaded(path: Path, cache: Path) -> Document:
    remembered = ParsedRecords(cache)
    document = load(path, "designs/d/design.yml", remembered, positions=False)
    remembered.save()
    assert isinstance(document, Document)
    return document


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("quantity: 3\n", 3),
        ("name: Écran facial\n", "Écran facial"),
        # orjson would read this integer back as a float: the cache is not written.
        ("quantity: 123456789012345678901234567890\n", 123456789012345678901234567890),
    ],
)
def test_a_record_read_from_the_cache_is_the_record_parsed(
    tmp_path: Path, text: str, value: object
) -> None:
    record = tmp_path / "design.yml"
    record.write_text(text, "utf-8")
    cache = tmp_path / "parsed.json"
    first = loaded(record, cache)
    again = loaded(record, cache)
    assert first.data == again.data
    (key,) = again.data
    assert type(again.data[key]) is type(value)
    assert again.data[key] == value


def test_a_record_that_can_be_cached_is_written_in_this_format(tmp_path: Path) -> None:
    record = tmp_path / "design.yml"
    record.write_text("quantity: 3\n", "utf-8")
    cache = tmp_path / "parsed.json"
    loaded(record, cache)
    assert ParsedRecords(cache).known  # written, and read back
    held = json.loads(cache.read_text("utf-8"))
    assert held["format"] == FORMAT


def test_a_cache_of_another_format_is_not_read(tmp_path: Path) -> None:
    cache = tmp_path / "parsed.json"
    held = {"format": FORMAT - 1, "records": {"designs/d/design.yml": ["x", {"a": 1}, "a: 1"]}}
    cache.write_text(json.dumps(held), "utf-8")
    assert ParsedRecords(cache).known == {}


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b'"\\ud800"'])
def test_a_cache_that_is_not_json_reads_as_nothing(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "cache.json"
    cache.write_bytes(content)
    assert read_cache(cache) is None
    assert read_cache(tmp_path / "missing.json") is None
    assert gc.isenabled()  # paused while reading only


def test_a_document_that_cannot_be_written_leaves_the_last_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    assert write_cache(cache, {"b": [1, 2], "a": "é"}, sort_keys=True)
    assert cache.read_text("utf-8") == '{"a":"é","b":[1,2]}'
    for unwritable in ({"a": 2**64}, {"a": "\udcff"}, {1: "a"}):
        assert not write_cache(cache, unwritable)
        assert read_cache(cache) == {"a": "é", "b": [1, 2]}
    assert not (tmp_path / "cache.tmp").exists()


def test_a_record_whose_stat_is_the_same_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_hashes, "RACY_S", 0.0)  # written long enough ago
    record = tmp_path / "design.yml"
    record.write_text("quantity: 3\n", "utf-8")
    cache = tmp_path / "parsed.json"
    loaded(record, cache)
    read: list[Path] = []

    def reading(path: Path, limit: int) -> bytes:
        read.append(path)
        return regular_file.read_regular_file(path, limit)

    monkeypatch.setattr(loader, "read_regular_file", reading)
    assert loaded(record, cache).data == {"quantity": 3}
    assert read == []
    # The same size and time of change, other bytes: the inode's change time moved on.
    before = record.stat()
    record.write_text("quantity: 4\n", "utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert loaded(record, cache).data == {"quantity": 4}
    assert read == [record]


def test_a_record_changed_just_now_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed less than RACY_S ago may change again within its clock's tick."""
    record = tmp_path / "design.yml"
    record.write_text("quantity: 3\n", "utf-8")
    cache = tmp_path / "parsed.json"
    read: list[Path] = []

    def reading(path: Path, limit: int) -> bytes:
        read.append(path)
        return regular_file.read_regular_file(path, limit)

    monkeypatch.setattr(loader, "read_regular_file", reading)
    loaded(record, cache)
    loaded(record, cache)
    assert read == [record, record]

"""The bounded read every reader of outside files uses: a file of exactly its limit is
read whole, one byte more is too large, and a FIFO, device or folder is refused at once."""

from __future__ import annotations

import os
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.contrib.forms.attachments import Attachment, UploadProblem, read_attachment
from generator.contrib.report_data import ReportUnreadable, load_report
from generator.records.outline import OutlineError, read_outline
from generator.records.regular_file import (
    FileTooLarge,
    NotRegularFile,
    read_regular_file,
    read_whole_file,
)


def finishes(call: Callable[[], object], seconds: float = 10.0) -> Exception | None:
    """What `call` raised (None if nothing), failing the test if it has not returned in
    `seconds`, as a read that waits for a FIFO's writer would not: the thread is left."""
    raised: list[Exception | None] = []

    def run() -> None:
        try:
            call()
        except Exception as error:  # handed to the test to judge
            raised.append(error)
        else:
            raised.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still reading after {seconds:g} s"
    return raised[0]


def test_a_file_of_exactly_the_limit_is_read_whole_and_one_byte_more_is_too_large(
    tmp_path: Path,
) -> None:
    path = tmp_path / "part.svg"
    path.write_bytes(b"x" * 100)
    assert read_whole_file(path, 100) == b"x" * 100
    assert read_whole_file(path, 101) == b"x" * 100
    with pytest.raises(FileTooLarge, match=r"part\.svg is over 99 bytes"):
        read_whole_file(path, 99)
    empty = tmp_path / "empty.svg"
    empty.write_bytes(b"")
    assert read_whole_file(empty, 0) == b""
    with pytest.raises(FileTooLarge):
        read_whole_file(path, 0)


def test_a_prefix_read_stops_at_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "record.yml"
    path.write_bytes(b"abcdef")
    assert read_regular_file(path, 4) == b"abcd"


def test_a_read_reserves_the_file_s_size_not_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "part.stl"
    path.write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        assert read_whole_file(path, 200_000_000) == b"x" * 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_a_file_longer_than_its_size_says_is_read_on_to_the_limit() -> None:
    # /proc's files are regular and say they are empty, as a file that grew since its
    # size was read would say too little.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    whole = read_regular_file(status, 1_000_000)
    assert b"VmRSS" in whole
    assert read_regular_file(status, 10) == whole[:10]


def test_a_fifo_a_device_and_a_folder_are_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # no writer: a blocking open or read would wait forever
    for path in (fifo, Path("/dev/zero")):
        assert isinstance(finishes(lambda p=path: read_whole_file(p, 1024)), NotRegularFile)
    assert isinstance(finishes(lambda: read_whole_file(tmp_path, 1024)), IsADirectoryError)
    assert isinstance(finishes(lambda: read_whole_file(tmp_path / "gone", 1)), FileNotFoundError)


def test_each_reader_refuses_a_fifo_in_its_own_words(tmp_path: Path) -> None:
    item = Attachment("https://github.com/user-attachments/files/1/parts.zip", "parts.zip")
    for name in (item.saved_name, "report.json", "sheet.svg"):
        os.mkfifo(tmp_path / name)
    upload = finishes(lambda: read_attachment(tmp_path, item))
    assert isinstance(upload, UploadProblem)
    assert str(upload) == "`parts.zip` could not be downloaded from the issue"
    report = finishes(lambda: load_report(tmp_path / "report.json"))
    assert isinstance(report, ReportUnreadable)
    assert str(report) == "report.json is not a regular file"
    outline = finishes(lambda: read_outline(tmp_path / "sheet.svg"))
    assert isinstance(outline, OutlineError) and "not a regular file" in str(outline)
    assert "give the drawing itself" in str(outline)


def test_each_reader_says_its_limit_in_its_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.contrib import report_data
    from generator.contrib.forms import attachments
    from generator.records import outline

    monkeypatch.setattr(attachments, "MAX_DOWNLOAD_BYTES", 2048)
    monkeypatch.setattr(report_data, "MAX_REPORT_BYTES", 3 * 2**20)
    monkeypatch.setattr(outline, "MAX_BYTES", 2 * 2**20)
    item = Attachment("https://github.com/user-attachments/files/1/parts.zip", "parts.zip")
    (tmp_path / item.saved_name).write_bytes(b"x" * 2049)
    with pytest.raises(UploadProblem, match=r"^`parts\.zip` is over 2 KiB$"):
        read_attachment(tmp_path, item)
    (tmp_path / "report.json").write_bytes(b" " * (3 * 2**20 + 1))
    with pytest.raises(ReportUnreadable, match=r"^report\.json is over 3 MiB$"):
        load_report(tmp_path / "report.json")
    (tmp_path / "sheet.svg").write_bytes(b" " * (2 * 2**20 + 1))
    with pytest.raises(OutlineError, match=r"sheet\.svg: over 2 MB; simplify the drawing$"):
        read_outline(tmp_path / "sheet.svg")

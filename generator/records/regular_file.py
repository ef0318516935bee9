"""Reading a file's bytes within a bound, from regular files only.

Git stores no FIFOs or devices, yet a local folder, an issue's download folder or a
workflow's report path may hold one: reading a FIFO waits for a writer forever, and a
device such as /dev/zero never ends. Only the standard library is used: the pull-request
comment reads its report with this from a Python that has nothing installed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFile(OSError):
    """A FIFO, device or socket where a file was expected (a folder is IsADirectoryError)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is a FIFO, device or socket, not a regular file")


class FileTooLarge(Exception):
    """A file longer than its limit; each caller says so in its own words."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} is over {limit} bytes")


def open_regular_file(path: str | Path) -> BinaryIO:
    """The file at `path` opened to read its bytes; NotRegularFile for anything else."""
    return _opened(path)[0]


def read_regular_file(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of a regular file; NotRegularFile for anything else.

    It is read in as many bytes as its size says, and one more: one read of `limit` bytes
    would reserve all of them first (200 MB for every mesh of a build), and a file that
    grew since is read on to the limit.
    """
    handle, status = _opened(path)
    with handle:
        data = handle.read(min(limit, status.st_size + 1))
        if len(data) > status.st_size and len(data) < limit:
            data += handle.read(limit - len(data))
        return data


def _opened(path: str | Path) -> tuple[BinaryIO, os.stat_result]:
    """The file opened, with its stat: opened without blocking and checked on the open
    descriptor, so it cannot change in between."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    handle = os.fdopen(descriptor, "rb")
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        handle.close()
        raise NotRegularFile(Path(path))
    return handle, status


def read_whole_file(path: Path, limit: int) -> bytes:
    """All of a regular file of at most `limit` bytes: FileTooLarge past it (found by
    reading one byte more, whatever the file's size said), NotRegularFile for a FIFO or
    device, OSError when it cannot be read."""
    data = read_regular_file(path, limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, limit)
    return data

"""Content hashes of files, remembered across runs by each file's stat (as git's index
does): the analysis finds a part's cached result, and the site build its derived files,
without reading every file again."""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.records.cache_file import read_cache, write_cache

# How a file is opened to hash it: by default, as it is; the site build opens contributed
# files only through its own checks (no link, no FIFO, nothing outside the records).
HashOpener = Callable[[Path], io.BufferedReader]


def opened_as_it_is(path: Path) -> io.BufferedReader:
    return path.open("rb")


# A file changed less than this long before its hash was taken may change again within the
# same tick of its clock unseen (git's "racy" files): its hash is not remembered.
RACY_S = 2.0


def settled_stamp(info: os.stat_result) -> str:
    """What tells a file's version apart without reading it: its size, its time of change,
    its inode and the time its inode changed (`ctime`, which no user can set back); "" for
    a file changed less than RACY_S ago, which may change again unseen."""
    if max(info.st_mtime_ns, info.st_ctime_ns) >= time.time_ns() - int(RACY_S * 1e9):
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_ctime_ns}"


class FileHashes:
    """The content hashes of the records' files, remembered by each file's size,
    modification time and inode (as git's index does), so that a build does not read every
    STL again to find its cached analysis or its derived files. A file whose stat differs
    is hashed anew."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = False
        known = read_cache(path)
        self.known: dict[str, list[Any]] = known if isinstance(known, dict) else {}

    def of(self, path: Path, opened: HashOpener = opened_as_it_is) -> str:
        try:
            info = path.stat()
        except OSError:
            return "unreadable"
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        remembered = self.known.get(str(path))
        if isinstance(remembered, list) and remembered[:3] == stamp and len(remembered) == 4:
            return str(remembered[3])
        content_hash = file_hash(path, opened)
        if info.st_mtime_ns < (time.time() - RACY_S) * 1e9 and content_hash != "unreadable":
            self.known[str(path)] = [*stamp, content_hash]
            self.changed = True
        return content_hash

    def save(self) -> None:
        if not self.changed:
            return
        write_cache(self.path, self.known, sort_keys=True)


def file_hash(path: Path, opened: HashOpener = opened_as_it_is) -> str:
    """The SHA-256 of a file's content, or "unreadable"."""
    try:
        with opened(path) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"

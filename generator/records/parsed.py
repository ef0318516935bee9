"""Record data remembered by the content of its file, so that a command that reads the
whole catalogue parses only the files that changed since it last ran.

Kept in .cache/records/parsed.json: for each record file (by its path in the repository),
the SHA-256 of its bytes, its data, its first line and its stat (a file whose stat is the
same is not even read). A remembered record has no
positions (line and column of each value): whatever reports on a record parses it anew
(`Catalog.reparse`). The file is JSON, never pickle: a cache in the repository's folder
must not be able to run code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.records.cache_file import read_cache, write_cache

CACHE_FILE = Path(".cache") / "records" / "parsed.json"
# The form of the file; another number and the file is not read. 2: written by orjson, which
# writes no integer it would read back as a float (generator.records.cache_file); 3: each
# record with its file's stat.
FORMAT = 3


class ParsedRecords:
    """The remembered records, and those used or parsed in this run."""

    def __init__(self, path: Path) -> None:
        """The records remembered at `path`."""
        self.path = path
        self.known: dict[str, list[Any]] = {}
        self.used: dict[str, list[Any]] = {}
        held = read_cache(path)
        if isinstance(held, dict) and held.get("format") == FORMAT:
            records = held.get("records")
            self.known = records if isinstance(records, dict) else {}

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def unchanged(self, display: str, stamp: str) -> tuple[Any, str] | None:
        """The data and first line of a record file as remembered, while its stat is the
        same (`settled_stamp`): the file is neither read nor hashed again."""
        entry = self.known.get(display)
        if stamp and isinstance(entry, list) and len(entry) == 4 and entry[3] == stamp:
            self.used[display] = entry
            return entry[1], str(entry[2])
        return None

    def get(self, display: str, digest: str, stamp: str) -> tuple[Any, str] | None:
        """The data and first line of a record file whose bytes have this digest (its stat,
        `stamp`, kept for the next run)."""
        entry = self.known.get(display)
        if isinstance(entry, list) and len(entry) == 4 and entry[0] == digest:
            self.used[display] = [*entry[:3], stamp]
            return entry[1], str(entry[2])
        return None

    def put(self, display: str, digest: str, data: Any, first_line: str, stamp: str) -> None:
        self.used[display] = [digest, data, first_line, stamp]

    def digests(self) -> dict[str, str]:
        """The SHA-256 of each record file read in this run, by its display path."""
        return {display: str(entry[0]) for display, entry in self.used.items()}

    def save(self) -> None:
        """Write the records used in this run (so the file forgets removed records)."""
        if self.used == self.known:
            return
        write_cache(self.path, {"format": FORMAT, "records": self.used})

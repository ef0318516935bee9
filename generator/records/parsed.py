"""Record data remembered by the content of its file, so that a command that reads the
whole catalogue parses only the files that changed since it last ran.

Kept in .cache/records/parsed.json: for each record file (by its path in the repository),
the SHA-256 of its bytes, its data, its first line and its stat (a file whose stat is the
same is not even read); and for each folder of a design's files, its entries' names and
kinds, with the folder's stat (`Listings`). A remembered record has no
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
# record with its file's stat; 4: the design folders' listings.
FORMAT = 4
# The kinds of a folder's entries a listing keeps.
FILE, FOLDER, LINK, SPECIAL = "f", "d", "l", "s"
KINDS = (FILE, FOLDER, LINK, SPECIAL)


class ParsedRecords:
    """The remembered records, and those used or parsed in this run."""

    def __init__(self, path: Path) -> None:
        """The records remembered at `path`."""
        self.path = path
        self.known: dict[str, list[Any]] = {}
        self.used: dict[str, list[Any]] = {}
        self.listings = Listings({})
        held = read_cache(path)
        if isinstance(held, dict) and held.get("format") == FORMAT:
            records, folders = held.get("records"), held.get("folders")
            self.known = records if isinstance(records, dict) else {}
            self.listings = Listings(folders if isinstance(folders, dict) else {})

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
        """Write the records and listings used in this run (so the file forgets removed
        records and folders)."""
        if self.used == self.known and self.listings.used == self.listings.known:
            return
        document = {"format": FORMAT, "records": self.used, "folders": self.listings.used}
        write_cache(self.path, document)


class Listings:
    """The names and kinds of a folder's entries, remembered with the folder's stat
    (`settled_stamp`). A folder's time of change moves whenever an entry is made, removed
    or renamed in it, and the time its inode changed with it, so while the stat is the same
    so are the names, and their kinds (a file made a link or a folder is removed and made
    again). Listing the 30,000 folders of 10,000 designs took 0.95 s with os.scandir, and
    0.70 s with each folder's stat and its files' (medians of three). A file's own stat (its
    size, its time of change) is still taken each time: writing into a file moves no
    folder's times."""

    def __init__(self, known: dict[str, Any]) -> None:
        self.known = known
        self.used: dict[str, list[Any]] = {}

    def get(self, folder: str, stamp: str) -> list[Any] | None:
        """The entries ([name, kind]) of `folder` (its path from the repository's root) as
        remembered, in order of name, while its stat is `stamp`. The cache is a file: its
        entries are checked by `entry_of` as they are used."""
        entry = self.known.get(folder)
        if not (stamp and isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp):
            return None
        if not isinstance(entry[1], list):
            return None
        self.used[folder] = entry
        return entry[1]

    def put(self, folder: str, stamp: str, names: list[tuple[str, str]]) -> None:
        if stamp:
            self.used[folder] = [stamp, [list(name) for name in names]]


def entry_of(held: Any) -> tuple[str, str] | None:
    """A remembered entry (name, kind), or None if it is not of the form made: a name of
    one step, none that would lead out of its folder, and a kind."""
    if not (isinstance(held, list) and len(held) == 2):
        return None
    name, kind = held
    if (
        not isinstance(name, str)
        or name in ("", ".", "..")
        or "/" in name
        or "\0" in name
        or kind not in KINDS
    ):
        return None
    return name, kind

"""A loaded record and where its values came from: what the records' readers share that
needs no YAML parser (generator.records.loader parses YAML; reading one STL or building
the built-in records does not load it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JsonPath = tuple[str | int, ...]
# The largest STL file read unless told otherwise (makelocal analyse --max-stl-mb), MB.
DEFAULT_MAX_MB = 200.0


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A loaded YAML file: plain data plus the position of every value and key."""

    path: Path
    data: Any
    values: dict[JsonPath, Mark] = field(default_factory=dict)
    keys: dict[JsonPath, Mark] = field(default_factory=dict)
    # Source text of numbers, so that `version: 3.10` can be reported as written.
    number_text: dict[JsonPath, str] = field(default_factory=dict)
    # Folded block scalars (`>`), which YAML joins into one line: their lines as written,
    # with the number of the first, so that a list folded away can be reported.
    folded: dict[JsonPath, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    first_line: str = ""
    # False for a record remembered by generator.records.parsed: it has no positions.
    positioned: bool = True

    def mark(self, path: JsonPath, *, key: bool = False) -> Mark:
        """Position of the value (or its key) at `path`, or of the nearest parent that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Mark(1, 1))

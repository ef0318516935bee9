"""Records named as a contributor writes them: `PETG`, `recycled pet`, `FDM 3D printing`
or the id itself, matched to the catalogue's ids without regard to case, spaces or
punctuation, with a close id suggested for a near miss."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

SUGGESTION_CUTOFF = 0.8  # `recycled-nylon` is no near miss for `recycled-pla` (0.69)


def key(text: str) -> str:
    """A name reduced to what tells it apart: lower case, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _short(name: str) -> str:
    """A record name without its explanation: `Recycled PET (polyethylene ...)` is
    `Recycled PET`."""
    return re.split(r"\s[(\u2014-]\s?", name, maxsplit=1)[0]


@dataclass(frozen=True)
class Names:
    """The records of one type, by id, with their names."""

    kind: str  # as a reader says it: "material", "process", "design", "maker"
    names: Mapping[str, str]  # id -> name or title

    def find(self, text: str) -> str | None:
        """The id `text` names (an id, a name or a name's first words), or None."""
        wanted = key(text)
        if not wanted:
            return None
        if wanted in self.names:
            return wanted
        for record_id, name in sorted(self.names.items()):
            if wanted in (key(name), key(_short(name))):
                return record_id
        return None

    def suggestion(self, text: str) -> str | None:
        """The id of the record whose id or name is closest to `text`, if close enough."""
        by_key: dict[str, str] = {}
        for record_id, name in sorted(self.names.items()):
            for alias in (record_id, key(name), key(_short(name))):
                by_key.setdefault(alias, record_id)
        close = difflib.get_close_matches(key(text), list(by_key), n=1, cutoff=SUGGESTION_CUTOFF)
        return by_key[close[0]] if close else None

    def display(self, record_id: str) -> str:
        return self.names.get(record_id, record_id)

"""Records named as a contributor writes them: `PETG`, `recycled pet`, `FDM 3D printing`
or the id itself, matched to the catalogue's ids without regard to case, spaces or
punctuation, with a close id suggested for a near miss."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.contrib.inert_text import literal

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

    def suggestions(self, text: str) -> list[str]:
        """The ids of the records whose id or name is close to `text`, or holds it as a
        whole word or words (`face shield` in `face-shield-headband`): at most three."""
        by_key: dict[str, str] = {}
        for record_id, name in sorted(self.names.items()):
            for alias in (record_id, key(name), key(_short(name))):
                by_key.setdefault(alias, record_id)
        wanted = key(text)
        close = difflib.get_close_matches(wanted, list(by_key), n=1, cutoff=SUGGESTION_CUTOFF)
        found = [by_key[close[0]]] if close else []
        if wanted:
            pattern = re.compile(rf"(^|-){re.escape(wanted)}(-|$)")
            found += sorted({by_key[alias] for alias in by_key if pattern.search(alias)})
        return list(dict.fromkeys(found))[:3]

    def hint(self, text: str, *, by_name: bool = False) -> str:
        """` Did you mean x or y?` for a near miss (its names, or ids), else ""."""
        shown = [
            literal(self.display(found) if by_name else found) for found in self.suggestions(text)
        ]
        if not shown:
            return ""
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        return f" Did you mean {listed}?"

    def display(self, record_id: str) -> str:
        return self.names.get(record_id, record_id)

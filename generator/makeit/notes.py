"""Sentences matching and the repairability score write for people, typed: an English
template with {name} where its values go, the values, and which of them are labels (the
titles of a schema's coded values), which a language's catalogue translates too. The site
writes them through its catalogue, which holds the same templates (generator.web.catalogue
lists them); JSON and the command line take the English."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    template: str
    values: tuple[tuple[str, str], ...] = ()
    labels: frozenset[str] = frozenset()  # the names of the values that are labels

    def written(self, translate: Callable[[str], str] | None = None) -> str:
        """The sentence through `translate` (a catalogue's gettext); English without."""
        if translate is None:
            return self.template.format(**dict(self.values))
        values = {k: translate(v) if k in self.labels else v for k, v in self.values}
        return translate(self.template).format(**values)

    @property
    def english(self) -> str:
        return self.written()


def note(template: str, /, *labels: str, **values: object) -> Note:
    """A sentence: its template, the names of its values that are labels, its values."""
    return Note(template, tuple((k, str(values[k])) for k in sorted(values)), frozenset(labels))

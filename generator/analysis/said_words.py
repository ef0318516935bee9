"""The analysis's sentences (reasons, assumptions, settings in words) in a language, from
the findings' catalogue: each sentence's template (context `reason`) and terms (context
`reason word`) translated, its numbers written as the language writes them
(generator.findings.numbers), names as they are. A sentence the catalogue does not wholly
translate is not written half in one language: `in_language` gives None, and the reader is
shown the English."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis.said import Clause, Figure, written
from generator.findings.language import ENGLISH, TEMPLATE_CONTEXT, TERM_CONTEXT, translated
from generator.findings.numbers import localised


@dataclass
class CatalogueWords:
    """A language's words for a sentence; the English it has no translation of is noted."""

    language: str
    missing: list[str] = field(default_factory=list)

    def template(self, english: str) -> str:
        return self._translated(TEMPLATE_CONTEXT, english)

    def term(self, english: str) -> str:
        return self._translated(TERM_CONTEXT, english)

    def number(self, figure: Figure) -> str:
        plain = format(figure.number, figure.style.removeprefix(","))
        return localised(plain, figure.number, self.language)

    def _translated(self, context: str, english: str) -> str:
        found = translated(context, english, self.language)
        if found is None:
            self.missing.append(english)
        return english if found is None else found


def in_language(said: Clause, language: str) -> str | None:
    """The sentence in `language`; None when the catalogue lacks part of it."""
    if language == ENGLISH:
        return written(said)
    words = CatalogueWords(language)
    text = written(said, words)
    return None if words.missing else text

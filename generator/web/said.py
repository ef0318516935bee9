"""What another stage says on a page, in the page's language: the analysis's sentences (a
part's reasons, its assumptions, the print settings in words) when the findings' catalogue
translates the whole sentence (generator.analysis.said_words), else their English, marked as
English (generator.web.i18n.english); matching's and the repairability score's notes
through the site's catalogue. The templates' `said` filter."""

from __future__ import annotations

from markupsafe import Markup

from generator.analysis.said import Clause, written
from generator.analysis.said_words import in_language
from generator.makeit.notes import Note
from generator.web.i18n import current, english, gettext


def said_text(said: Clause | Note) -> str | Markup:
    if isinstance(said, Note):  # the site's catalogue holds matching's and the score's words
        return said.written(gettext)
    text = in_language(said, current().code)
    return english(written(said)) if text is None else text

"""What the analysis says on a page (a part's reasons, the print settings in words): in
the page's language when the findings' catalogue translates the whole sentence
(generator.findings.reasons), else its English, marked as English
(generator.web.i18n.english). The templates' `said` filter."""

from __future__ import annotations

from markupsafe import Markup

from generator.analysis.said import Clause, written
from generator.findings.reasons import in_language
from generator.web.i18n import current, english


def said_text(said: Clause) -> str | Markup:
    text = in_language(said, current().code)
    return english(written(said)) if text is None else text

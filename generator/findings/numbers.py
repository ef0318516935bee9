"""Numbers as each language writes them: English as Python writes them (`12000.5`); French
with a decimal comma, and thousands grouped from five digits by a narrow no-break space
(`12 000,5`, but `2026`), as French typography does. The site (generator.web.words) and
the analysis's reasons (generator.analysis.said_words) write numbers through this."""

from __future__ import annotations

NARROW_NO_BREAK_SPACE = "\u202f"
# French groups the thousands of numbers of five digits or more (10 000, but 2026).
GROUPED_FROM = 10_000


def localised(written: str, value: float, language: str) -> str:
    """A number written the English way without grouping (`12000.5`), as `language`
    writes it."""
    if language == "en" or "e" in written:
        return written
    sign, digits = ("-", written[1:]) if written.startswith("-") else ("", written)
    whole, _point, fraction = digits.partition(".")
    if abs(value) >= GROUPED_FROM and whole.isdigit():
        groups: list[str] = []
        while len(whole) > 3:
            whole, last = whole[:-3], whole[-3:]
            groups.insert(0, last)
        whole = NARROW_NO_BREAK_SPACE.join([whole, *groups])
    return sign + whole + ("," + fraction if fraction else "")

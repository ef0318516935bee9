"""Text from an unknown hand shown in a GitHub comment as written and made nothing of,
and figures rounded as a reader wants them. Standard library only: the trusted comment
workflow runs this with nothing installed (generator.contrib.comment)."""

from __future__ import annotations

import math
import re
import unicodedata

MAX_TEXT = 300  # characters of any one text shown


def literal(text: str, *, cell: bool = False) -> str:
    """Text as a code span, in which GitHub shows it as written and makes nothing of it:
    no link, reference, mention, image, HTML or emphasis. On one line, with invisible
    characters (a right-to-left override among them) written as escapes, and cut at
    MAX_TEXT characters; `cell`: inside a table, where `|` must be escaped."""
    shown = "".join(_visible(c) for c in " ".join(text.split()))
    if len(shown) > MAX_TEXT:
        shown = shown[: MAX_TEXT - 1] + "\u2026"
    if not shown:
        return "(empty)"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return fence + pad + (shown.replace("|", "\\|") if cell else shown) + pad + fence


def _visible(character: str) -> str:
    if unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
        return character.encode("unicode_escape", "backslashreplace").decode("ascii")
    return character


def known(value: str, allowed: set[str] | frozenset[str]) -> str:
    """A word shown as is when it is one the check writes, else as code."""
    return value if value in allowed else literal(value, cell=True)


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def rounded(value: float | None) -> str:
    """A measured figure to three significant digits, as a reader wants it (169, 15.2,
    0.56, 1,234), never `169.377` or `1.2e+03`; `?` for one that is unknown."""
    if value is None:
        return "?"
    if value == 0:
        return "0"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{round(value, decimals):,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

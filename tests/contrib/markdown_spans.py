"""What GitHub reads as Markdown in a comment: the text outside its code spans."""

from __future__ import annotations

import re

_RUN = re.compile(r"`+")


def outside_code_spans(markdown: str) -> str:
    """The comment with every code span (CommonMark: a run of backticks up to the next run
    of the same length, on one line here) replaced by `CODE`."""
    lines = []
    for line in markdown.splitlines():
        kept, position = [], 0
        while opening := _RUN.search(line, position):
            fence = opening.group()
            closing = re.compile(rf"(?<!`){fence}(?!`)").search(line, opening.end())
            if closing is None:
                break
            kept += [line[position : opening.start()], "CODE"]
            position = closing.end()
        lines.append("".join(kept) + line[position:])
    return "\n".join(lines)


# Contributor text that GitHub would turn into something outside a code span: a web
# address, an issue reference, a mention, an image, a link, HTML.
LIVE = re.compile(r"www\.|https?://[\w-]|#\d|@\w|!\[|(?<!\\)\]\(|<\w|&#", re.IGNORECASE)


def live_markdown(markdown: str) -> list[str]:
    """Whatever would form a link, reference, mention, image or HTML outside code spans."""
    return LIVE.findall(outside_code_spans(markdown))

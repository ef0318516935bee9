"""An issue form's body, read back into its answers.

GitHub writes a filled issue form as Markdown: each field's label as a `### Label`
heading, then the answer; `_No response_` for a field left empty; a checkbox as
`- [X] label` or `- [ ] label`; a file dragged into a text box as a link (a picture as an
image, or an `<img>` tag) to GitHub's attachment store. Sections are found by the form's
own labels, in the form's order, so a `###` line a contributor types inside an answer
stays part of that answer unless it repeats a later label word for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NO_RESPONSE = "_No response_"
MAX_BODY_CHARS = 200_000  # GitHub caps an issue body at 65,536 characters
_CHECKBOX = re.compile(r"[-*]\s+\[([ xX])\]\s+(\S.*)")  # on a stripped line
# A Markdown link or image, an <img> tag's src, or a bare address.
_MARKDOWN_LINK = re.compile(r"(!?)\[([^\]\n]{0,300})\]\(\s*<?(https?://[^\s)>]{1,2000})>?\s*\)")
_IMG_TAG = re.compile(r"<img\b[^>]{0,2000}?\bsrc\s*=\s*[\"']?(https?://[^\s\"'>]{1,2000})", re.I)
_IMG_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"'>]{0,300})[\"']", re.I)
_BARE_URL = re.compile(r"(?<![(<\"'=])\bhttps?://[^\s)<>\"']{1,2000}")


@dataclass(frozen=True)
class Link:
    """An address in an answer, with the text shown for it (a file's name, a picture's
    alternative text), or "" for a bare address."""

    url: str
    text: str
    image: bool


def sections(body: str, labels: Sequence[str]) -> dict[str, str | None]:
    """Each label's answer, by label: its text without surrounding blank lines, or None
    when it was left empty or its heading is not in the body."""
    found: dict[str, str | None] = dict.fromkeys(labels)
    headings = {f"### {label}": index for index, label in enumerate(labels)}
    current: int | None = None
    lines: list[str] = []
    next_index = 0

    def close() -> None:
        if current is not None:
            text = "\n".join(lines).strip("\n").rstrip()
            found[labels[current]] = None if text.strip() in ("", NO_RESPONSE) else text

    for line in body[:MAX_BODY_CHARS].replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        index = headings.get(line.rstrip())
        if index is not None and index >= next_index:
            close()
            current, lines, next_index = index, [], index + 1
        elif current is not None:
            lines.append(line)
    close()
    return found


def headings_present(body: str, labels: Sequence[str]) -> int:
    """How many of the labels stand as headings in the body."""
    present = {line.rstrip() for line in body[:MAX_BODY_CHARS].splitlines()}
    return sum(f"### {label}" in present for label in labels)


def checked(text: str | None) -> list[str]:
    """The labels of the ticked checkboxes in an answer."""
    ticked = []
    for line in (text or "").splitlines():
        match = _CHECKBOX.fullmatch(line.strip())
        if match and match.group(1) in "xX":
            ticked.append(match.group(2))
    return ticked


def links(text: str | None) -> list[Link]:
    """Every address in an answer, in the order written, each once."""
    found: dict[str, Link] = {}
    positions: list[tuple[int, Link]] = []
    source = text or ""
    for match in _MARKDOWN_LINK.finditer(source):
        positions.append((match.start(), Link(match.group(3), match.group(2), bool(match[1]))))
    for match in _IMG_TAG.finditer(source):
        alt = _IMG_ALT.search(match.group(0))
        positions.append((match.start(), Link(match.group(1), alt.group(1) if alt else "", True)))
    for match in _BARE_URL.finditer(source):
        positions.append((match.start(), Link(match.group(0), "", False)))
    for _, link in sorted(positions, key=lambda item: item[0]):
        found.setdefault(link.url, link)
    return list(found.values())


def without_links(text: str) -> str:
    """An answer with its links, images and <img> tags taken out (a caption's words)."""
    text = _MARKDOWN_LINK.sub(" ", text)
    text = re.sub(r"<img\b[^>]{0,2000}>", " ", text, flags=re.I)
    return " ".join(_BARE_URL.sub(" ", text).split())

"""Material's stylesheet cut down to the rules this site can use.

mkdocs-material ships one stylesheet for every feature it has (137 KB, two thirds of what
a design page loads); the site uses a few of them. The rules whose selectors name a class no
page and no script of the site uses are dropped (54 KB left; screenshots of every kind of
page are unchanged, tests/web/test_styles.py). generator/web/writing.py collects the
classes as the pages are written, and names the result after its own content, so a
browser never keeps a cut made for an older build.

A selector is kept unless a class it requires is unused, or it requires a writing
direction no page has (`[dir=rtl]`: Material's rules for right-to-left languages, 3.2 KB
of the cut, while the site's languages are written left to right). Classes and
directions inside :is(), :where(), :not() and :has() are not required (an alternative,
or an absence), and rules that name no class nor direction (elements, other attributes,
@font-face, @keyframes) are always kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import tinycss2
from tinycss2.ast import AtRule, Node, QualifiedRule

STYLESHEETS = "assets/stylesheets"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
WORD = re.compile(r"[A-Za-z][\w-]*")
# A writing direction, as Material's selectors require it and as the pages give it (on
# <body>); each is held among the used classes as "dir=ltr" or "dir=rtl".
DIRECTION = re.compile(r"\[dir=[\"']?(ltr|rtl)[\"']?\]")
DIRECTION_ATTRIBUTE = re.compile(r'\sdir="(ltr|rtl)"')
# Pseudo-classes whose arguments name alternatives or absences, not requirements.
OPTIONAL = re.compile(r":(?:is|where|not|has)\(")
NESTED = ("media", "supports")


def used_classes(pages: Iterable[str], scripts: Iterable[str]) -> set[str]:
    """The classes the pages use and their writing directions, and every word of the
    site's scripts (any of which may be a class they add)."""
    used: set[str] = set()
    for html in pages:
        for found in CLASS_ATTRIBUTE.finditer(html):
            used.update(found.group(1).split())
        used.update(f"dir={found.group(1)}" for found in DIRECTION_ATTRIBUTE.finditer(html))
    for script in scripts:
        used.update(WORD.findall(script))
    return used


def _required(selector: str) -> list[str]:
    """The classes an element must have to match `selector`, and the writing direction
    ("dir=rtl") it must be in."""
    outside, depth, at = [], 0, 0
    while at < len(selector):
        opened = OPTIONAL.match(selector, at) if depth == 0 else None
        if opened:
            depth, at = 1, opened.end()
            continue
        if depth:
            depth += {"(": 1, ")": -1}.get(selector[at], 0)
        else:
            outside.append(selector[at])
        at += 1
    required = "".join(outside)
    return [*CLASS.findall(required), *(f"dir={d}" for d in DIRECTION.findall(required))]


def _selectors(prelude: list[Node]) -> list[str]:
    """A rule's selectors, split at its top-level commas."""
    selectors: list[str] = []
    current: list[str] = []
    depth = 0
    for character in tinycss2.serialize(prelude):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            selectors.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    selectors.append("".join(current).strip())
    return selectors


def _trim(rules: Iterable[Node], used: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = [s for s in _selectors(rule.prelude) if set(_required(s)) <= used]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in NESTED and rule.content:
            inner = _trim(tinycss2.parse_rule_list(rule.content, True, True), used)
            if inner:
                kept.append(
                    f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}"
                )
        elif isinstance(rule, AtRule):
            kept.append(tinycss2.serialize([rule]))
    return kept


def trimmed(css: str, used: set[str]) -> str:
    """`css` without the rules no element with the `used` classes can match."""
    return "".join(_trim(tinycss2.parse_stylesheet(css, True, True), used))

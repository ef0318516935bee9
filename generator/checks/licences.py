"""The licence allowlist (kept here, in one place) and a small SPDX expression check."""

from __future__ import annotations

import re

# Open hardware, open content and open source licences that let anyone make, change and
# sell the design. Non-commercial (NC) and no-derivatives (ND) licences are not open.
OPEN_LICENCES: dict[str, str] = {
    "CERN-OHL-P-2.0": "CERN Open Hardware Licence v2, permissive",
    "CERN-OHL-W-2.0": "CERN Open Hardware Licence v2, weakly reciprocal",
    "CERN-OHL-S-2.0": "CERN Open Hardware Licence v2, strongly reciprocal",
    "TAPR-OHL-1.0": "TAPR Open Hardware License v1.0",
    "SHL-0.51": "Solderpad Hardware License v0.51",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "CC-BY-3.0": "Creative Commons Attribution 3.0",
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-3.0": "Creative Commons Attribution Share Alike 3.0",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "MIT": "MIT License",
    "Apache-2.0": "Apache License 2.0",
    "BSD-2-Clause": "BSD 2-Clause License",
    "BSD-3-Clause": "BSD 3-Clause License",
    "GPL-2.0-or-later": "GNU General Public License v2.0 or later",
    "GPL-3.0-only": "GNU General Public License v3.0 only",
    "GPL-3.0-or-later": "GNU General Public License v3.0 or later",
    "LGPL-3.0-or-later": "GNU Lesser General Public License v3.0 or later",
    "MPL-2.0": "Mozilla Public License 2.0",
    "Unlicense": "The Unlicense",
}
ALLOWED_EXCEPTIONS = {"Classpath-exception-2.0", "LLVM-exception"}

_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z0-9.+-]+)")
_OPERATORS = ("AND", "OR", "WITH")
# After these (or at the start) a licence or "(" comes next; after a licence or ")", an
# operator or ")".
_BEFORE_LICENCE = (None, "(", "AND", "OR")


# Words people add to a licence's name that its SPDX id leaves out.
_NAME_WORDS = re.compile(r"\b(LICEN[CS]E|INTERNATIONAL|UNPORTED|GENERIC|VERSION)\b")
# Names of a licence that its SPDX id does not resemble.
_ALIASES = {"PUBLIC-DOMAIN": "CC0-1.0", "CC-ZERO": "CC0-1.0"}
# Creative Commons licences that forbid selling (NC) or changing (ND) the work.
_NOT_OPEN_PARTS = {"NC": "non-commercial", "ND": "no-derivatives"}


def licence_key(name: str) -> str:
    """A licence's name with case, spaces, "v" and trailing ".0"s taken out, so that the ways
    people write one licence compare equal: `CC BY-SA 4.0`, `cc-by-sa v4` and
    `CC-BY-SA-4.0` are all `CC-BY-SA-4`."""
    key = _NAME_WORDS.sub(" ", name.upper())
    key = re.sub(r"(?<![A-Z])V(?=\d)|(?<=[A-Z]{2})V(?=\d)", " ", key)  # `v4`, `GPLv3`
    key = re.sub(r"[\s_/-]+", "-", key.strip())
    return re.sub(r"(\d)(\.0)+(?!\d)", r"\1", key).strip("-")


def spelling_problem(expression: str) -> str | None:
    """What `expression` means when it is one licence written the way people say it rather
    than as its SPDX id (`CC BY-SA 4.0`), or None."""
    key = licence_key(expression)
    if not key:
        return None
    same = [spdx for spdx in OPEN_LICENCES if licence_key(spdx) == key]
    if key in _ALIASES:
        same = [_ALIASES[key]]
    if len(same) == 1 and same[0] != expression:
        return f"write the licence as its SPDX id: did you mean {same[0]!r}?"
    versions = [spdx for spdx in OPEN_LICENCES if licence_key(spdx).startswith(key + "-")]
    if versions and len(versions) <= 3:
        return f"write the licence as its SPDX id: did you mean {' or '.join(map(repr, versions))}?"
    parts = key.split("-")
    kinds = [
        kind for part, kind in _NOT_OPEN_PARTS.items() if parts[:1] == ["CC"] and part in parts
    ]
    if kinds:
        return (
            f"{expression!r} is a {' and '.join(kinds)} Creative Commons licence, which is not "
            "open: local producers could not sell or adapt what they make"
        )
    return None


def licence_problem(expression: str) -> str | None:
    """None if the SPDX expression is well formed and every licence in it is open;
    otherwise what is wrong."""
    written = expression.strip()
    if written not in OPEN_LICENCES:
        problem = spelling_problem(written)
        if problem:
            return problem
        words = written.split()
        if len(words) > 1 and not any(
            w in OPEN_LICENCES or w in _OPERATORS or "(" in w or ")" in w for w in words
        ):  # words of a name, not an expression: "All rights reserved"
            return f"{expression!r} is not an open licence on the allowed list"
    tokens: list[str] = []
    position = 0
    text = expression.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            return f"cannot read the licence expression {expression!r}"
        tokens.append(match.group(1))
        position = match.end()
    depth = 0
    previous: str | None = None
    for token in tokens:
        problem = _token_problem(token, previous, expression)
        if problem:
            return problem
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            return f"unbalanced parentheses in {expression!r}"
        previous = token
    if depth != 0 or previous in (*_BEFORE_LICENCE, "WITH"):
        return f"incomplete licence expression {expression!r}"
    return None


def _token_problem(token: str, previous: str | None, expression: str) -> str | None:
    """What is wrong with `token` where it stands (after `previous`), if anything."""
    if previous == "WITH":  # SPDX: WITH joins one licence id and one exception id
        if token in ("(", ")", *_OPERATORS):
            return f"expected a licence exception after WITH in {expression!r}"
        if token not in ALLOWED_EXCEPTIONS:
            return f"the licence exception {token!r} is not on the allowed list"
        return None
    licence_next = previous in _BEFORE_LICENCE
    if token in (")", *_OPERATORS):
        if licence_next:
            return f"expected a licence before {token!r} in {expression!r}"
        if token == "WITH" and previous == ")":
            return f"WITH must follow a single licence, not parentheses, in {expression!r}"
        return None
    if not licence_next:
        return f"expected AND, OR or WITH before {token!r} in {expression!r}"
    if token == "(" or token in OPEN_LICENCES:
        return None
    known = {k.lower(): k for k in OPEN_LICENCES}
    if token.lower() in known:
        return f"write the licence id as {known[token.lower()]!r}"
    return f"{token!r} is not an open licence on the allowed list"

"""What to write instead of an id or a file path in the wrong form: the schema's pattern
says only that it does not match; these say which character is wrong and what the value
would be without it."""

from __future__ import annotations

import re

from generator.findings.suggest import slug_of

# The patterns of the schemas' ids and file paths, as written in schemas/.
SLUG_MARK = "[a-z0-9]+(-[a-z0-9]+)*"
PATH_MARK = "[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*"
_PATH_CHARACTER = re.compile(r"[A-Za-z0-9_./-]")


def form_advice(pattern: str, value: str) -> str | None:
    """The specific fix for `value`, which does not match the schema's `pattern`, when the
    pattern is an id's or a file path's; None for any other pattern, or no specific fix."""
    if SLUG_MARK in pattern:
        return _id_advice(value)
    if PATH_MARK in pattern:
        return _path_advice(value, pattern)
    return None


def _id_advice(value: str) -> str | None:
    slug = slug_of(value)
    if not slug or slug == value:
        return None  # nothing left to suggest, or a name Windows keeps for a device
    return (
        f"{value!r} is not an id (lower-case letters, digits and single hyphens): "
        f"did you mean {slug!r}?"
    )


def _path_advice(value: str, pattern: str) -> str | None:
    """A space, a leading `./` or `/`, an empty folder (`//`), a trailing `/`, an extension
    in capitals, or a character file names here may not hold."""
    fixed = value.strip()
    if " " in fixed:
        name = "/".join(re.sub(r"\s+", "-", part.strip()) for part in fixed.split("/"))
        return (
            f"{value!r} has a space: rename the file to {name!r} and write that here "
            "(file names here use letters, digits, hyphens, underscores and dots)"
        )
    if fixed.startswith(("./", "/")):
        start = "./" if fixed.startswith("./") else "/"
        return (
            f"{value!r} starts with {start!r}: write the path from the design's folder, "
            f"such as {fixed.lstrip('./')!r}"
        )
    if "//" in fixed:
        return f"{value!r} has an empty folder name (//): write {re.sub('/+', '/', fixed)!r}"
    if fixed.endswith("/"):
        return f"{value!r} ends in /: name the file, not its folder"
    odd = sorted({c for c in fixed if not _PATH_CHARACTER.fullmatch(c)})
    if odd:
        shown = " ".join(repr(c) for c in odd)
        return (
            f"{value!r} holds {shown}, which file names here may not: rename the file with "
            "letters a-z, digits, hyphens, underscores and dots"
        )
    lower = re.sub(r"\.([A-Za-z0-9]+)$", lambda m: "." + m.group(1).lower(), fixed)
    if lower != fixed and re.fullmatch(pattern.replace("$", r"\Z"), lower):
        return f"{value!r}: write the extension in lower case, {lower!r} (and rename the file)"
    return None

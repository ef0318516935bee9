"""What makes a file name unfit to publish, and how a name is printed on one line: for a
record's file, a design's files and what a contributor uploads."""

from __future__ import annotations

import re
import unicodedata

# Names Windows keeps for devices, with any extension (`con.scad` too); a file so named
# cannot be checked out or unzipped there. Windows reads superscript digits as digits.
WINDOWS_DEVICE = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
_WINDOWS_FORBIDDEN = '<>:"|?*'
# The longest name (of a file or a folder) in UTF-8 bytes: file systems allow 255, and the
# site replaces a file through a temporary name up to 13 bytes longer (generator.web.replacing).
MAX_NAME_BYTES = 200


def file_name_problem(name: str) -> str | None:
    """What makes a file name (a path with forward slashes) unfit to publish, or None.

    A name that is not UTF-8 cannot go into the site's zips or JSON; a line break in one
    can forge lines of a report and an escape sequence can rewrite a terminal; a
    right-to-left override shows `photo\\u202egnp.exe` as `photoexe.png`; a backslash is a
    folder separator to Windows (`..\\..\\evil.bat` climbs out of where a zip is opened),
    and Windows refuses its reserved characters and device names. A name too long for the
    site to replace its file (`MAX_NAME_BYTES`) would stop every later build.
    """
    # A printable name has no character of the categories "C" (Cc, Cf, Cs, Co, Cn), so
    # only another name's characters are looked up (a build asks 40,000 names).
    categories = set() if name.isprintable() else {unicodedata.category(c) for c in name}
    if "Cs" in categories:  # bytes that are not UTF-8, kept by Python as lone surrogates
        return "is not UTF-8"
    if "Cc" in categories:
        return "holds a line break or another control character"
    if "Cf" in categories:
        return "holds an invisible formatting character (one can reverse how it reads)"
    if "\\" in name:
        return "holds a backslash, which Windows reads as a folder separator"
    forbidden = sorted({c for c in name if c in _WINDOWS_FORBIDDEN})
    if forbidden:
        return f"holds {' and '.join(map(repr, forbidden))}, which Windows does not allow"
    for part in name.split("/"):
        if WINDOWS_DEVICE.fullmatch(part):
            return f"uses {part!r}, a name Windows keeps for a device"
        if part.endswith((".", " ")):
            return f"has {part!r} ending in a dot or space, which Windows drops"
        size = len(part.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            return f"has a name of {size} bytes, over the {MAX_NAME_BYTES} a name may have"
    return None


def printable(name: str) -> str:
    """A file name as it can be printed on one line: a byte that is not UTF-8 (which Python
    keeps as a lone surrogate), a control or an invisible formatting character is written
    as an escape, such as \\xff, \\n or \\u202e."""
    if name.isprintable():  # no character of the categories "C" (a build asks 20,000 paths)
        return name
    return "".join(_escaped(c) for c in name)


def _escaped(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cs":
        code = ord(character)
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    if category in ("Cc", "Cf"):
        return character.encode("unicode_escape").decode("ascii")
    return character

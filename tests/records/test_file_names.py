"""File names as findings print them (escaped, on one line) and the names a design or make
folder may not hold (generator.records.catalog)."""

from __future__ import annotations

import os
import unicodedata

import pytest

from generator.records.file_names import _escaped, file_name_problem, printable


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (os.fsdecode(b"notes-\xff.txt"), "notes-\\xff.txt"),
        ("two\nlines\x1b[2J.txt", "two\\nlines\\x1b[2J.txt"),
        ("photo\u202egnp.exe", "photo\\u202egnp.exe"),
        ("zero\u200bwidth.txt", "zero\\u200bwidth.txt"),
        ("\ud800.txt", "\\ud800.txt"),  # a surrogate no file system decoding makes
        ("café/clip.scad", "café/clip.scad"),
    ],
)
def test_names_print_on_one_line_with_escapes(name: str, shown: str) -> None:
    assert printable(name) == shown
    assert printable(name).isprintable()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (os.fsdecode(b"notes-\xff.txt"), "is not UTF-8"),
        ("two\nlines.txt", "holds a line break or another control character"),
        ("photo\u202egnp.exe", "holds an invisible formatting character"),
        ("..\\..\\Users\\Public\\evil.bat", "holds a backslash"),
        ("a:b?.txt", "holds ':' and '?', which Windows does not allow"),
        ('say "hi" <now> | later*', "holds '\"' and '*' and '<' and '>' and '|'"),
        ("con.scad", "uses 'con.scad', a name Windows keeps for a device"),
        ("src/AUX", "uses 'AUX'"),
        ("nul.tar.gz", "uses 'nul.tar.gz'"),
        ("com1/part.stl", "uses 'com1'"),
        ("lpt9.txt", "uses 'lpt9.txt'"),
        ("com\u00b9.txt", "uses 'com\u00b9.txt'"),
        ("notes.", "ending in a dot or space"),
        ("src /part.stl", "ending in a dot or space"),
        ("a" * 197 + ".stl", "has a name of 201 bytes, over the 200 a name may have"),
        ("é" * 101 + "/part.stl", "has a name of 202 bytes"),  # bytes, not characters
    ],
)
def test_names_that_may_not_be_published(name: str, problem: str) -> None:
    found = file_name_problem(name)
    assert found is not None and problem in found


@pytest.mark.parametrize(
    "name",
    [
        "parts/clip.stl",
        "src/clip_v2.scad",
        "café.png",
        "console.scad",
        "com10.txt",
        "auxiliary",
        "a" * 196 + ".stl",  # 200 bytes
    ],
)
def test_ordinary_names_pass(name: str) -> None:
    assert file_name_problem(name) is None


def test_every_character_is_escaped_as_its_category_says() -> None:
    # The printable names' shortcut against the character-by-character rule, over the
    # first planes and the characters of every category "C" beyond them.
    characters = [chr(c) for c in range(0x3000)]
    characters += ["\ufeff", "\ufff9", "\U000e0001", "\U000f0000", "\U0010fffd", "\U0003ffff"]
    for character in characters:
        assert printable(f"a{character}b") == f"a{_escaped(character)}b", hex(ord(character))
        categories = {unicodedata.category(character)}
        if categories & {"Cs", "Cc", "Cf"}:
            assert file_name_problem(f"a{character}b") is not None, hex(ord(character))

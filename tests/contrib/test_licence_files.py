"""Reading a licence from the file its authors ship: the full texts and the short notices
of the common licences give their SPDX id; a Creative Commons licence named without its
version gives every version it could be, never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.contrib.licence_files import is_licence_file, read_licence, restriction
from tests.conftest import FIXTURES

# Debian ships the full texts of these licences; each must read as its SPDX id.
COMMON_LICENCES = Path("/usr/share/common-licenses")
DEBIAN_TEXTS = {
    "GPL-3": "GPL-3.0-only",
    "GPL-2": "GPL-2.0-only",
    "LGPL-3": "LGPL-3.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "Apache-2.0": "Apache-2.0",
    "MPL-2.0": "MPL-2.0",
    "CC0-1.0": "CC0-1.0",
    "BSD": "BSD-3-Clause",
    "GFDL-1.3": "GFDL-1.3-only",
}


@pytest.mark.parametrize(("name", "spdx"), sorted(DEBIAN_TEXTS.items()))
def test_full_licence_texts_read_as_their_id(name: str, spdx: str) -> None:
    path = COMMON_LICENCES / name
    if not path.is_file():
        pytest.skip(f"{path} is not installed (Debian's base-files ships it)")
    reading = read_licence(path.read_text("utf-8", errors="replace"))
    assert reading is not None and reading.spdx == spdx


def test_the_affero_text_is_not_read_as_the_gpl() -> None:
    text = (FIXTURES / "okh/AGPL-3.0-or-later.txt").read_text("utf-8")
    reading = read_licence(text)
    assert reading is not None and reading.spdx == "AGPL-3.0-only"


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        ("Attribution-ShareAlike 4.0 International\n\n=====\n\nCreative Commons Corporation",
         "CC-BY-SA-4.0"),
        ("This work is licensed under Creative Commons' Attribution 4.0 International (CC BY "
         "4.0)", "CC-BY-4.0"),
        ("Attribution-NonCommercial-ShareAlike 4.0 International", "CC-BY-NC-SA-4.0"),
        ("Attribution-NoDerivs 3.0 Unported", "CC-BY-ND-3.0"),
        ("CERN Open Hardware Licence Version 2 - Strongly Reciprocal\n\nPreamble",
         "CERN-OHL-S-2.0"),
        ("CERN Open Hardware Licence Version 2 - Permissive", "CERN-OHL-P-2.0"),
        ("\ufeffCERN Open Hardware Licence v1.2 \n\nPreamble", "CERN-OHL-1.2"),
        ("The TAPR Open Hardware License\nVersion 1.0 (May 25, 2007)", "TAPR-OHL-1.0"),
        ("MIT License\n\nPermission is hereby granted, free of charge, to any person\n"
         "obtaining a copy of this software", "MIT"),
        ("you can redistribute it under the terms of the GNU General Public License as "
         "published by the Free Software Foundation, either version 3 of the License, or\n"
         "(at your option) any later version.", "GPL-3.0-or-later"),
        ("// SPDX-License-Identifier: CERN-OHL-W-2.0\n", "CERN-OHL-W-2.0"),
    ],
)  # fmt: skip
def test_texts_and_notices_read_as_their_id(text: str, spdx: str) -> None:
    reading = read_licence(text)
    assert reading is not None and reading.spdx == spdx


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This thing was created by Thingiverse user postiman, and is licensed under cc-sa.",
         "BY-SA"),
        ("Licensed under Creative Commons Attribution Share Alike", "BY-SA"),
        ("licensed under cc-nc-sa", "BY-NC-SA"),
        ("and is licensed under cc.", "BY"),
    ],
)  # fmt: skip
def test_a_licence_without_its_version_lists_every_version(text: str, kind: str) -> None:
    reading = read_licence(text)
    assert reading is not None and reading.spdx is None
    assert f"CC-{kind}-3.0" in reading.candidates and f"CC-{kind}-4.0" in reading.candidates


def test_unknown_text_is_none() -> None:
    assert read_licence("All rights reserved. Do not copy.") is None


def test_restrictions_are_named() -> None:
    assert restriction("CC-BY-NC-SA-4.0") is not None and "sell" in str(restriction("CC-BY-NC-4.0"))
    assert "adapt" in str(restriction("CC-BY-ND-4.0"))
    assert restriction("CC-BY-SA-4.0") is None and restriction("CERN-OHL-S-2.0") is None


@pytest.mark.parametrize(
    ("name", "is_one"),
    [("LICENSE", True), ("LICENCE.md", True), ("License", True), ("COPYING", True),
     ("LICENSE-CC-BY-SA", True), ("license.txt", True), ("licensed-parts.stl", False),
     ("README.md", False)],
)  # fmt: skip
def test_licence_file_names(name: str, is_one: bool) -> None:
    assert is_licence_file(name) is is_one

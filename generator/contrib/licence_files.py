"""Reading a design's licence from the files its authors ship: which SPDX licence a
LICENSE, LICENCE or COPYING file holds, from the licence's own text or a short notice.

Licence texts are recognised by phrases that only they contain (a title with its version),
so a notice that names a licence ("licensed under Creative Commons' Attribution 4.0
International") reads as that licence too. What cannot be read for sure is said so, never
guessed: a Creative Commons licence named without its version ("licensed under cc-sa", as
Thingiverse exports write) could be any of its versions, and a person must find out which.

Pure: takes text, returns a typed reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

# File names a licence is kept under: LICENSE, LICENCE.md, COPYING, License, LICENSE-CC-BY-SA...
LICENCE_NAME = re.compile(r"^(?:licen[cs]e|copying)(?:[-_. ].*)?$", re.IGNORECASE)
SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+() -]+?)\s*(?:\*/|-->|$)", re.M)


@dataclass(frozen=True)
class LicenceReading:
    """What a licence file says. `spdx` is set when the licence is known for sure;
    `candidates` when it is named without a version (a person must choose); `phrase` is the
    words it was recognised by, to show."""

    spdx: str | None
    phrase: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Text:
    spdx: str
    pattern: re.Pattern[str]


def _phrase(text: str) -> re.Pattern[str]:
    """A phrase matched whatever the spacing, line breaks and case."""
    words = (re.escape(word) for word in text.split())
    return re.compile(r"\s+".join(words), re.IGNORECASE)


def _cc(kind: str, version: str, suffix: str = "") -> _Text:
    """A Creative Commons licence by its title: "Attribution-ShareAlike 4.0"."""
    names = {
        "BY": "Attribution",
        "BY-SA": "Attribution-ShareAlike",
        "BY-NC": "Attribution-NonCommercial",
        "BY-NC-SA": "Attribution-NonCommercial-ShareAlike",
        "BY-ND": "Attribution-NoDerivatives",
        "BY-NC-ND": "Attribution-NonCommercial-NoDerivatives",
    }
    title = names[kind].replace("-", r"[- ]?\s*")
    if version < "4.0":  # version 3.0 and earlier say NoDerivs
        title = title.replace("NoDerivatives", "NoDerivs")
    pattern = re.compile(
        rf"(?<![-\w]){title}\s+{re.escape(version)}{suffix}(?![.\d])", re.IGNORECASE
    )
    return _Text(f"CC-{kind}-{version}", pattern)


# Longest names first: "Attribution-NonCommercial-ShareAlike 4.0" also contains "ShareAlike 4.0".
_CC_KINDS = ("BY-NC-SA", "BY-NC-ND", "BY-NC", "BY-ND", "BY-SA", "BY")
KNOWN_TEXTS: tuple[_Text, ...] = (
    *(_cc(kind, version) for kind in _CC_KINDS for version in ("4.0", "3.0", "2.5", "2.0")),
    _Text("CC0-1.0", _phrase("CC0 1.0 Universal")),
    _Text("CERN-OHL-S-2.0", _phrase("CERN Open Hardware Licence Version 2 - Strongly Reciprocal")),
    _Text("CERN-OHL-W-2.0", _phrase("CERN Open Hardware Licence Version 2 - Weakly Reciprocal")),
    _Text("CERN-OHL-P-2.0", _phrase("CERN Open Hardware Licence Version 2 - Permissive")),
    _Text("CERN-OHL-1.2", _phrase("CERN Open Hardware Licence v1.2")),
    _Text("TAPR-OHL-1.0", _phrase("The TAPR Open Hardware License Version 1.0")),
    _Text("SHL-0.51", _phrase("Solderpad Hardware License v0.51")),
    _Text("AGPL-3.0-only", _phrase("GNU AFFERO GENERAL PUBLIC LICENSE Version 3")),
    _Text("LGPL-3.0-only", _phrase("GNU LESSER GENERAL PUBLIC LICENSE Version 3")),
    _Text("LGPL-2.1-only", _phrase("GNU LESSER GENERAL PUBLIC LICENSE Version 2.1")),
    _Text("LGPL-2.0-only", _phrase("GNU LIBRARY GENERAL PUBLIC LICENSE Version 2")),
    _Text("GPL-3.0-only", _phrase("GNU GENERAL PUBLIC LICENSE Version 3")),
    _Text("GPL-2.0-only", _phrase("GNU GENERAL PUBLIC LICENSE Version 2")),
    _Text("GPL-1.0-only", _phrase("GNU GENERAL PUBLIC LICENSE Version 1")),
    *(
        _Text(f"GFDL-{version}-only", _phrase(f"GNU Free Documentation License Version {version}"))
        for version in ("1.3", "1.2", "1.1")
    ),
    # After the texts (the text of each holds a sample notice): a notice that grants a
    # version "or (at your option) any later version".
    *(
        _Text(spdx, re.compile(
            rf"GNU\s+{kind}General\s+Public\s+License.{{0,300}}?version\s+{version}\s+of\s+"
            r"the\s+License,?\s+or\s+\(at\s+your\s+option\)\s+any\s+later\s+version",
            re.IGNORECASE | re.DOTALL,
        ))
        for spdx, kind, version in (
            ("AGPL-3.0-or-later", r"Affero\s+", "3"),
            ("LGPL-3.0-or-later", r"Lesser\s+", "3"),
            ("LGPL-2.1-or-later", r"Lesser\s+", r"2\.1"),
            ("GPL-3.0-or-later", "", "3"),
            ("GPL-2.0-or-later", "", "2"),
        )
    ),
    _Text("MPL-2.0", _phrase("Mozilla Public License Version 2.0")),
    _Text("MPL-1.1", _phrase("Mozilla Public License Version 1.1")),
    _Text("Apache-2.0", re.compile(r"Apache License,?\s+Version 2\.0", re.IGNORECASE)),
    _Text("Unlicense", _phrase("This is free and unencumbered software released into the public")),
    _Text("MIT", _phrase("Permission is hereby granted, free of charge, to any person obtaining")),
    _Text("BSD-3-Clause", re.compile(
        r"Redistribution and use in source and binary forms.*Neither the name", re.I | re.S
    )),
    _Text("BSD-2-Clause", _phrase("Redistribution and use in source and binary forms")),
)  # fmt: skip

# A Creative Commons licence named without a version: "cc-sa", "CC BY-SA", "Creative Commons
# Attribution Share Alike". Each short name and the SPDX ids it can stand for.
_UNVERSIONED_CC = re.compile(
    r"(?<![\w-])(?:cc|creative\s+commons)(?:[\s-]+(?:by|attribution))?"
    r"((?:[\s-]+(?:nc|non-?commercial|nd|no-?deriv\w*|sa|share[\s-]?alike))*)(?![\w-])",
    re.IGNORECASE,
)
CC_VERSIONS = {
    "BY": ("1.0", "2.0", "2.5", "3.0", "4.0"),
    "BY-SA": ("1.0", "2.0", "2.5", "3.0", "4.0"),
    "BY-NC": ("1.0", "2.0", "2.5", "3.0", "4.0"),
    "BY-NC-SA": ("1.0", "2.0", "2.5", "3.0", "4.0"),
    "BY-ND": ("1.0", "2.0", "2.5", "3.0", "4.0"),
    "BY-NC-ND": ("2.0", "2.5", "3.0", "4.0"),
}


def _shown(words: str) -> str:
    """Matched words as one line, shortened for a message."""
    line = " ".join(words.split())
    return line if len(line) <= 80 else line[:77] + "..."


def is_licence_file(name: str) -> bool:
    """Whether a file name is one a licence is kept under."""
    return bool(LICENCE_NAME.match(PurePosixPath(name).name))


def read_licence(text: str) -> LicenceReading | None:
    """The licence a licence file holds, or None if it is none that is known."""
    tag = SPDX_TAG.search(text)
    if tag:
        return LicenceReading(tag.group(1).strip(), tag.group(0).strip())
    for known in KNOWN_TEXTS:
        found = known.pattern.search(text)
        if found:
            return LicenceReading(known.spdx, _shown(found.group(0)))
    return _unversioned(text)


def _unversioned(text: str) -> LicenceReading | None:
    """A Creative Commons licence named without a version, with the ids it could be."""
    for found in _UNVERSIONED_CC.finditer(text):
        words = found.group(1).lower()
        kind = "BY"
        if "nc" in words or "commercial" in words:
            kind += "-NC"
        if "nd" in words or "deriv" in words:
            kind += "-ND"
        elif "sa" in words or "alike" in words:
            kind += "-SA"
        candidates = tuple(f"CC-{kind}-{version}" for version in CC_VERSIONS[kind])
        return LicenceReading(None, _shown(found.group(0)), candidates)
    return None


def restriction(spdx: str) -> str | None:
    """Why a licence keeps a design from being open, in words: non-commercial or
    no-derivatives; None for any other (the allowed list decides the rest)."""
    parts = set(spdx.upper().replace("(", " ").replace(")", " ").replace("-", " ").split())
    if "NC" in parts:
        return "a non-commercial licence: local producers could not sell what they make"
    if "ND" in parts:
        return "a no-derivatives licence: nobody could adapt the design to their materials"
    return None

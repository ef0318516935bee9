"""A small PDF writer for drawings of lines and text, in millimetres.

A PDF of lines and text needs little: a header, numbered objects (catalogue, page tree,
font, pages and their content streams), a cross-reference table of the objects' byte
offsets and a trailer (ISO 32000-1, sections 7.5 and 8). Lines are `m` (move), `l`
(line), `h` (close) and `S` (stroke); text uses Helvetica, one of the 14 standard fonts
every PDF reader has, so nothing is embedded. The bytes depend only on what is drawn: no
date, no random document id.

`Canvas` takes coordinates in millimetres from the page's top left corner, y down, as SVG
and paper patterns do; the page's transformation matrix turns them into PDF points (1/72
inch, y up). Text is ASCII: anything else is spelled out in ASCII first (`ascii_text`).
"""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PT_PER_MM = 72 / 25.4

# Advance widths of Helvetica's ASCII characters 32-126 in 1/1000 of the font size, from
# Adobe's Core 14 font metrics (Helvetica.afm, version 002.000), WinAnsiEncoding.
HELVETICA_WIDTHS = (
    # space ! " # $ % & ' ( ) * + , - . /
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    # 0-9 : ; < = > ?
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    # @ A-O
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    # P-Z [ \ ] ^ _
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    # ` a-o
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    # p-z { | } ~
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip

# Characters that have a usual ASCII spelling and no decomposition to one.
_SPELLED = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00d7": "x",
    "\u2026": "...",
    "\u00b0": " deg",
    "\u00b5": "u",
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0153": "oe",
    "\u00a0": " ",
}


def ascii_text(text: str) -> str:
    """Text in printable ASCII: accents dropped (é to e), a few signs spelled out, white
    space as spaces, anything else a question mark."""
    out = []
    for char in unicodedata.normalize("NFKD", text):
        if " " <= char <= "~":
            out.append(char)
        elif char in _SPELLED:
            out.append(_SPELLED[char])
        elif char.isspace():
            out.append(" ")
        elif not unicodedata.combining(char):
            out.append("?")
    return "".join(out)


def text_width(text: str, size: float) -> float:
    """Width of ASCII text in Helvetica at `size` (in the size's unit)."""
    return sum(HELVETICA_WIDTHS[ord(c) - 32] for c in ascii_text(text)) * size / 1000


def fit_text(text: str, size: float, width: float) -> str:
    """The text, cut short with "..." if it is wider than `width`."""
    text = ascii_text(text)
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "...", size) > width:
        text = text[:-1]
    return text.rstrip() + "..."


def wrap_text(text: str, size: float, width: float) -> list[str]:
    """The text in lines no wider than `width`, broken between words."""
    lines: list[str] = []
    line = ""
    for word in ascii_text(text).split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [fit_text(x, size, width) for x in lines]


def number(value: float) -> str:
    """A number as PDF writes it: at most 3 decimals, no exponent, no "-0"."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _string(text: str) -> str:
    """A PDF literal string of ASCII text: backslash and parentheses escaped."""
    escaped = ascii_text(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


@dataclass
class Canvas:
    """One page's drawing, in millimetres from the top left corner."""

    width_mm: float
    height_mm: float
    operators: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Millimetres, y down: scale to points and flip about the page's top edge.
        # Six decimals: three would make 50 mm print 50.006 mm.
        k = f"{PT_PER_MM:.6f}"
        self.operators.append(f"{k} 0 0 -{k} 0 {number(self.height_mm * PT_PER_MM)} cm")

    def line_width(self, mm: float) -> None:
        self.operators.append(f"{number(mm)} w")

    def dash(self, on_mm: float = 0, off_mm: float = 0) -> None:
        """Dashed lines from now on; no arguments for solid ones."""
        pattern = f"{number(on_mm)} {number(off_mm)}" if on_mm else ""
        self.operators.append(f"[{pattern}] 0 d")

    def gray(self, level: float) -> None:
        """Stroke and fill colour, 0 black to 1 white."""
        self.operators.append(f"{number(level)} G {number(level)} g")

    def save(self) -> None:
        self.operators.append("q")

    def restore(self) -> None:
        self.operators.append("Q")

    def clip(self, x: float, y: float, width: float, height: float) -> None:
        """Draw only inside this rectangle until `restore` (call `save` first)."""
        self.operators.append(f"{_rect(x, y, width, height)} re W n")

    def path(self, points: Sequence[tuple[float, float]], closed: bool = False) -> None:
        """A polyline, stroked."""
        if len(points) < 2:
            return
        parts = [f"{number(points[0][0])} {number(points[0][1])} m"]
        parts.extend(f"{number(x)} {number(y)} l" for x, y in points[1:])
        parts.append("h S" if closed else "S")
        self.operators.append(" ".join(parts))

    def rectangle(
        self, x: float, y: float, width: float, height: float, fill: bool = False
    ) -> None:
        self.operators.append(f"{_rect(x, y, width, height)} re {'f' if fill else 'S'}")

    def circle(self, x: float, y: float, radius: float) -> None:
        """A circle, stroked: four Bezier arcs (the usual 0.5523 handle length)."""
        k = 0.5523 * radius
        ops = [f"{number(x + radius)} {number(y)} m"]
        for (ax, ay), (bx, by), (cx, cy) in (
            ((radius, k), (k, radius), (0, radius)),
            ((-k, radius), (-radius, k), (-radius, 0)),
            ((-radius, -k), (-k, -radius), (0, -radius)),
            ((k, -radius), (radius, -k), (radius, 0)),
        ):
            ops.append(
                f"{number(x + ax)} {number(y + ay)} {number(x + bx)} {number(y + by)} "
                f"{number(x + cx)} {number(y + cy)} c"
            )
        self.operators.append(" ".join([*ops, "S"]))

    def text(self, x: float, y: float, size: float, text: str, align: str = "left") -> None:
        """ASCII text in Helvetica, `size` mm high (its em), its baseline at y; `align` is
        left, centre or right of x."""
        text = ascii_text(text)
        if align != "left":
            x -= text_width(text, size) / (2 if align == "centre" else 1)
        # The text matrix flips y back, so the letters stand upright on the page.
        self.operators.append(
            f"BT /F1 {number(size)} Tf 1 0 0 -1 {number(x)} {number(y)} Tm {_string(text)} Tj ET"
        )

    def content(self) -> bytes:
        return "\n".join(self.operators).encode("ascii") + b"\n"


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f"{number(x)} {number(y)} {number(width)} {number(height)}"


def _title(text: str) -> bytes:
    """A text string for the document's information: UTF-16BE with its byte-order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def pdf_document(pages: Iterable[Canvas], title: str) -> bytes:
    """The PDF of the pages, each at its own size. Viewers are asked to print at actual
    size (PrintScaling None, PDF 1.6), which a pattern needs."""
    pages = list(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /PrintScaling /None >> >>",
        b"",  # the page tree, filled in below once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _title(title) + b" /Producer (MakeLocal) >>",
    ]
    kids = []
    for page in pages:
        stream = zlib.compress(page.content(), 9)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
        media = f"[0 0 {number(page.width_mm * PT_PER_MM)} {number(page.height_mm * PT_PER_MM)}]"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox {media} "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    # The comment of bytes above 127 tells transfer programs the file is binary.
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number_, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number_ + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)

"""What a design's files hold, checked before anything is published: a file the site
serves on its own must be a type on the list, be what its name says, and carry nothing a
browser would run.

The site publishes parts and sources byte for byte at their own address, where a browser
opens them: an SVG with a `<script>`, an HTML page named `notes.html`, a PDF with
JavaScript or an STL whose header reads as HTML would run with the site's origin. So:
- only the extensions in FILE_TYPES are published, each checked for what it holds;
- an SVG is read as XML and must use only drawing elements and attributes (no script,
  event handler, foreign object, outside reference or style that fetches);
- a PDF must start as one and name no action that runs or opens something;
- an image must be the format its extension says, and small enough to decode;
- no other file may begin like an HTML page (WHATWG's MIME sniffing patterns).
The validator reports each problem as a finding; the build refuses to publish a file that
has one, even when validation was skipped.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from generator.records.image_size import ImageSizeError, image_size
from generator.records.regular_file import NotRegularFile, read_regular_file

# Files larger than this are not read whole to check them (the change check caps sizes
# lower); an SVG or PDF over it is refused rather than published unchecked.
MAX_CHECKED_BYTES = 50 * 1024 * 1024
# An image with more pixels than this takes hundreds of MB to decode (a 13000 x 13000
# PNG of 20 KB peaked the build at 920 MB); a 48-megapixel photo is under it.
MAX_IMAGE_PIXELS = 50_000_000
# Compressed PDF streams are inflated up to this much in all, to look for actions in them.
MAX_INFLATED_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    name: str  # as a reader says it
    formats: tuple[str, ...]  # the `format` values of a design's source that fit it


# Every type the site publishes on its own, by extension.
FILE_TYPES: dict[str, FileType] = {
    ".stl": FileType("STL mesh", ("other",)),
    ".3mf": FileType("3MF model", ("other",)),
    ".obj": FileType("OBJ mesh", ("other",)),
    ".scad": FileType("OpenSCAD source", ("openscad",)),
    ".fcstd": FileType("FreeCAD model", ("freecad",)),
    ".step": FileType("STEP model", ("step",)),
    ".stp": FileType("STEP model", ("step",)),
    ".iges": FileType("IGES model", ("other",)),
    ".igs": FileType("IGES model", ("other",)),
    ".f3d": FileType("Fusion 360 archive", ("other",)),
    ".dxf": FileType("DXF drawing", ("dxf",)),
    ".svg": FileType("SVG drawing", ("svg",)),
    ".pdf": FileType("PDF document", ("pdf",)),
    ".png": FileType("PNG image", ("other",)),
    ".jpg": FileType("JPEG image", ("other",)),
    ".jpeg": FileType("JPEG image", ("other",)),
    ".webp": FileType("WebP image", ("other",)),
    ".txt": FileType("plain text", ("other",)),
    ".csv": FileType("CSV table", ("other",)),
}
IMAGE_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}
# WHATWG MIME Sniffing, "identifying a resource with an unknown MIME type": a file that
# begins (after white space) with one of these is sniffed as HTML by a browser that is not
# told its type.
_HTML_START = re.compile(
    rb"^[\t\n\x0c\r ]*<(?:!DOCTYPE HTML|HTML|HEAD|SCRIPT|IFRAME|H1|DIV|FONT|TABLE|A|STYLE|"
    rb"TITLE|B|BODY|BR|P|!--)[\t\n\x0c\r >]",
    re.IGNORECASE,
)
_XML_START = re.compile(rb"^[\t\n\x0c\r ]*<\?xml", re.IGNORECASE)

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Drawing editors' own bookkeeping, which a browser ignores.
INERT_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
}
SVG_ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "path", "rect",
    "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "clipPath", "mask", "linearGradient", "radialGradient", "stop", "pattern", "marker",
    "style", "a", "image", "switch",
}  # fmt: skip
# An SVG's own references: to one of its elements (#id) or an embedded raster image.
_INNER_REFERENCE = re.compile(r"^(#[^\s]*|data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/=\s]*)$")
_STYLE_FETCH = re.compile(r"url\s*\(|@import|expression\s*\(|javascript:", re.IGNORECASE)
# PDF names that run script, open other files or programs, or submit data.
_PDF_ACTIONS = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData|GoToE)\b"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def file_type(name: str) -> FileType | None:
    return FILE_TYPES.get(PurePosixPath(name).suffix.lower())


def content_problem(
    name: str, path: Path, size: int, declared_format: str | None = None
) -> Problem | None:
    """What keeps the file `name` (read from `path`, `size` bytes) from being published,
    or None. `declared_format` is a source's `format` field, if it has one."""
    suffix = PurePosixPath(name).suffix.lower()
    kind = FILE_TYPES.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted({s.lstrip(".") for s in FILE_TYPES}))
        return Problem(
            "ML302", f"{name!r}: the site does not publish {suffix or 'extensionless'} files "
            f"(allowed: {allowed})"
        )  # fmt: skip
    if declared_format is not None and declared_format not in kind.formats:
        return Problem(
            "ML304",
            f"{name!r} is a {kind.name}, but the record says its format is "
            f"{declared_format!r} (use {' or '.join(map(repr, kind.formats))})",
        )
    whole = suffix in (".svg", ".pdf")
    if whole and size > MAX_CHECKED_BYTES:
        return Problem(
            "ML302", f"{name!r} is {size:,} bytes, over the {MAX_CHECKED_BYTES:,} that can be "
            "checked for script"
        )  # fmt: skip
    try:
        # Bounded by the file's size, not only the limit: reading 50 MB at once reserves
        # them first, for every drawing a build checks.
        data = read_regular_file(path, MAX_CHECKED_BYTES if whole else 4096)
    except NotRegularFile:
        return Problem("ML012", f"{name!r} is a FIFO, device or socket, not a file")
    except OSError as error:
        return Problem("ML012", f"{name!r} cannot be read: {error.strerror}")
    if suffix == ".svg":
        return _svg_problem(name, data)
    if suffix == ".pdf":
        return _pdf_problem(name, data)
    if suffix in IMAGE_MAGIC:
        return _image_problem(name, path, suffix, data)
    if _HTML_START.match(data) or _XML_START.match(data):
        return Problem(
            "ML304", f"{name!r} begins like an HTML or XML page, which a browser may run; "
            f"it is not a {kind.name}"
        )  # fmt: skip
    return None


def _svg_problem(name: str, data: bytes) -> Problem | None:
    if b"<!ENTITY" in data or re.search(rb"<!DOCTYPE[^>]*\[", data):
        return Problem("ML303", f"{name!r} declares XML entities; export it without them")
    if re.search(rb"<\?xml-stylesheet", data, re.IGNORECASE):
        return Problem("ML303", f"{name!r} asks for a style sheet (xml-stylesheet)")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return Problem("ML304", f"{name!r} is not an SVG that can be read as XML ({error})")
    if root.tag != f"{{{SVG_NS}}}svg":
        return Problem("ML304", f"{name!r} is not an SVG (its root element is {root.tag!r})")
    for element in root.iter():
        found = _svg_element_problem(element)
        if found:
            return Problem("ML303", f"{name!r} {found}: only drawing elements may be published")
    return None


def _local(tag: str) -> tuple[str, str]:
    namespace, _, local = tag.rpartition("}")
    return namespace.lstrip("{"), local


def _svg_element_problem(element: ElementTree.Element) -> str | None:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return None
    namespace, local = _local(element.tag)
    if namespace in INERT_NAMESPACES:
        return None
    if namespace != SVG_NS or local not in SVG_ELEMENTS:
        return f"holds a <{local}> element"
    for attribute, value in element.attrib.items():
        attribute_ns, attribute_name = _local(attribute)
        if attribute_name.lower().startswith("on"):
            return f"holds an event handler ({attribute_name} on <{local}>)"
        if attribute_name == "href" and attribute_ns in ("", XLINK_NS):
            if local == "a" and value.strip().lower().startswith("https://"):
                continue
            if not _INNER_REFERENCE.match(value.strip()):
                return f"refers outside itself ({attribute_name}={value[:40]!r} on <{local}>)"
        if attribute_name == "style" and _STYLE_FETCH.search(value):
            return f"has a style that fetches or runs something (on <{local}>)"
    if local == "style" and _STYLE_FETCH.search(element.text or ""):
        return "has a <style> that fetches or runs something"
    return None


def _pdf_problem(name: str, data: bytes) -> Problem | None:
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        return Problem("ML304", f"{name!r} is not a PDF (it does not begin with %PDF-)")
    texts = [data]
    inflated = 0
    for stream in _PDF_STREAM.finditer(data):
        if inflated > MAX_INFLATED_BYTES:
            break
        try:
            text = zlib.decompressobj().decompress(stream.group(1), MAX_INFLATED_BYTES)
        except zlib.error:
            continue  # not a Flate stream (an image, say)
        inflated += len(text)
        texts.append(text)
    for text in texts:
        names = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)
        action = _PDF_ACTIONS.search(names)
        if action:
            return Problem(
                "ML303", f"{name!r} holds the PDF action /{action.group(1).decode()}, which "
                "runs script or opens other files; save it again without it (print to PDF)"
            )  # fmt: skip
    return None


def _image_problem(name: str, path: Path, suffix: str, data: bytes) -> Problem | None:
    if not any(data.startswith(magic) for magic in IMAGE_MAGIC[suffix]) or (
        suffix == ".webp" and data[8:12] != b"WEBP"
    ):
        return Problem("ML304", f"{name!r} is not a {FILE_TYPES[suffix].name}")
    try:
        width, height = image_size(path, suffix)
    except (OSError, ImageSizeError) as error:
        return Problem("ML304", f"{name!r} is not an image that can be read ({error})")
    if width * height > MAX_IMAGE_PIXELS:
        return Problem(
            "ML305", f"{name!r} is {width} x {height} pixels, over {MAX_IMAGE_PIXELS:,}; "
            "scale it down (2000 px wide is plenty for the site)"
        )  # fmt: skip
    return None

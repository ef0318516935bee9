"""The files a form's answers carry, sorted by what they are for: parts (STL meshes, SVG or
DXF outlines), editable sources, and photos with their captions; each given a name that
may be published."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.contrib.forms import body
from generator.contrib.forms.attachments import (
    MAX_ATTACHMENTS,
    PHOTO_SUFFIXES,
    UNNAMED,
    UNNAMED_ORIGIN,
    Upload,
    UploadProblem,
    read_attachment,
)
from generator.contrib.forms.form import Answers
from generator.contrib.forms.photos import prepared_photo
from generator.contrib.inert_text import literal
from generator.records.content import FILE_TYPES
from generator.records.file_names import WINDOWS_DEVICE

PART_SUFFIXES = frozenset({".stl", ".svg", ".dxf"})
# What a design's `src/` may hold: every published type but pictures, meshes to print
# and tables.
SOURCE_SUFFIXES = frozenset(FILE_TYPES) - set(PHOTO_SUFFIXES) - {".stl", ".txt", ".csv"}
_DEFAULT_CAPTIONS = re.compile(
    r"^(image|img|photo|picture|screenshot|dsc[nf]?|pxl|p)?[\s_-]*[\d_-]*$", re.I
)


@dataclass(frozen=True)
class Photo:
    upload: Upload
    caption: str | None  # the words the contributor wrote beside it


@dataclass
class Files:
    parts: list[Upload] = field(default_factory=list)
    sources: list[Upload] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)


def safe_file_name(name: str) -> str:
    """A file name that may be published: letters, digits, `_`, `-` and `.` only, the
    extension in lower case, not a name Windows keeps for a device."""
    pure = PurePosixPath(name.replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", pure).encode("ascii", "ignore").decode()
    stem, dot, suffix = ascii_name.rpartition(".")
    if not dot:
        stem, suffix = ascii_name, ""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "file"
    if WINDOWS_DEVICE.fullmatch(stem):
        stem += "-1"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{stem[:100]}.{suffix}" if suffix else stem[:100]


def captions(text: str | None) -> dict[str, str]:
    """The words written beside each attachment in a field, by its address: on its own
    line, or else on the line after it (when that line holds no address)."""
    found: dict[str, str] = {}
    lines = (text or "").splitlines()
    for index, line in enumerate(lines):
        urls = [link.url for link in body.links(line)]
        if not urls:
            continue
        words = body.without_links(line).strip(" -*:")
        if not words and index + 1 < len(lines) and not body.links(lines[index + 1]):
            words = body.without_links(lines[index + 1]).strip(" -*:")
        for url in urls:
            if words:
                found[url] = words
    return found


def _kind(upload: Upload, field_id: str) -> str | None:
    """Where a file sent in a field goes: parts, sources or photos; None if nowhere."""
    suffix = upload.suffix
    if suffix in PHOTO_SUFFIXES:
        return "photos"
    if field_id == "parts" and suffix in PART_SUFFIXES:
        return "parts"
    if field_id in ("parts", "sources") and suffix in SOURCE_SUFFIXES:
        return "sources"
    return None


_WANTED = {
    "parts": "parts are STL meshes (in a .zip), or SVG or DXF outlines",
    "sources": "sources are files such as .scad, .FCStd, .step, .svg, .dxf or .pdf (in a .zip)",
    "photos": "photos are PNG, JPEG or WebP pictures",
}


def collect(answers: Answers, folder: Path, field_ids: tuple[str, ...]) -> Files:
    """The files sent in the given fields, read from the workflow's download `folder`."""
    files = Files()
    total = 0
    for field_id in field_ids:
        written = captions(answers.by_id.get(field_id))
        for item in answers.attachments_in(field_id):
            total += 1
            if total > MAX_ATTACHMENTS:
                answers.problem(field_id, f"holds more than {MAX_ATTACHMENTS} files: zip them.")
                return files
            try:
                uploads = read_attachment(folder, item)
            except UploadProblem as problem:
                answers.problem(field_id, f"{problem}.")
                continue
            for upload in uploads:
                _sort(answers, files, field_id, upload, written.get(item.url))
    return files


def _sort(
    answers: Answers, files: Files, field_id: str, upload: Upload, caption: str | None
) -> None:
    kind = _kind(upload, field_id)
    if kind is None:
        answers.problem(field_id, f"{upload.origin} is not for this field: {_WANTED[field_id]}.")
    elif kind == "photos":
        try:
            photo = prepared_photo(upload)
        except UploadProblem as problem:
            answers.problem(field_id, f"{problem}.")
            return
        if upload.origin == UNNAMED_ORIGIN:  # GitHub kept no name: number it
            numbered = f"{UNNAMED}-{len(files.photos) + 1}{photo.suffix}"
            photo = Upload(numbered, photo.data, photo.origin)
        files.photos.append(Photo(photo, caption))
    else:
        (files.parts if kind == "parts" else files.sources).append(upload)


def placed(
    answers: Answers, uploads: list[Upload], field_id: str, folder: str
) -> dict[str, Upload]:
    """The uploads by their path in `folder` (`parts/headband.stl`); a problem for two
    different files that would get the same name."""
    by_path: dict[str, Upload] = {}
    for upload in uploads:
        path = f"{folder}/{safe_file_name(upload.name)}"
        if path in by_path and by_path[path].data != upload.data:
            answers.problem(
                field_id,
                f"{by_path[path].origin} and {upload.origin} would both be saved as "
                f"{literal(path)}: rename one.",
            )
            continue
        by_path[path] = upload
    return by_path


def caption_of(photo: Photo, title: str, number: int, count: int) -> str:
    """The photo's caption: the contributor's words, else the picture's own name when it is
    more than `image 3`, else the design or make's title (numbered when there are more)."""
    if photo.caption:
        return photo.caption[:300]
    stem = PurePosixPath(photo.upload.name).stem
    if not _DEFAULT_CAPTIONS.match(stem):
        return re.sub(r"[_-]+", " ", stem).strip().capitalize()[:300]
    return f"{title}, photo {number}" if count > 1 else title

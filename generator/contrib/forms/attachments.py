"""The files attached to an issue: which links are attachments, where the workflow saved
each, and what each holds (a zip is opened, within bounds).

GitHub stores a file dragged into an issue at an address of its own: a file as
`https://github.com/user-attachments/files/<number>/<name>`, a picture as
`https://github.com/user-attachments/assets/<uuid>` (older issues: the same under
`https://github.com/<owner>/<repo>/`). Only such addresses are attachments; the
workflow downloads each (size-capped) to the name `saved_name` gives it, so this module
reads local files only. GitHub does not take .stl, .dxf or .scad files, so contributors
put them in a .zip, which is opened here: at most MAX_ENTRIES files, each within its
kind's size limit, read in bounded chunks whatever its header claims, names reduced to
their last part (no folder can be climbed out of), links and nested zips refused.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.contrib.changes import DEFAULT_LIMIT, MIB, SIZE_LIMITS
from generator.contrib.forms.body import Link
from generator.contrib.inert_text import literal
from generator.records.catalog import MAX_FOLDER_BYTES
from generator.records.regular_file import FileTooLarge, read_whole_file

MAX_ATTACHMENTS = 40  # per issue
MAX_DOWNLOAD_BYTES = 25 * MIB  # GitHub's limit for an attached file
MAX_ENTRIES = 200  # files in one zip
PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
UNNAMED = "photo"  # the name of a picture GitHub keeps by number only
UNNAMED_ORIGIN = "a picture"
_ATTACHMENT = re.compile(
    r"https://github\.com/(?:[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}/)?"
    r"(?:user-attachments/)?"
    r"(?:files/[0-9]{1,20}/[^/?#\s]{1,255}|assets/(?:[0-9]{1,20}/)?[0-9a-fA-F-]{36})"
)
# Files a zip may carry that are no part of a design: an archiver's or a desktop's own.
_JUNK = re.compile(r"(^|/)(__MACOSX/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.I)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF8", ".gif"),
    (b"PK\x03\x04", ".zip"),
)


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str  # the name it was uploaded under, or "" for a picture GitHub names by number

    @property
    def saved_name(self) -> str:
        """The file name the workflow saves it under: from the address alone, so the
        workflow and this command agree without sharing anything else."""
        return hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Upload:
    """One file a contributor sent: its name and content, and where it came from as the
    contributor knows it, in Markdown with the names as code (`headband.stl` in
    `parts.zip`)."""

    name: str
    data: bytes
    origin: str

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


class UploadProblem(Exception):
    """Why an attachment cannot be used, in words for the contributor (Markdown, with
    every name the contributor gave as code)."""


def attachment(link: Link) -> Attachment | None:
    """The attachment a link leads to, or None if it is not one of GitHub's."""
    if not _ATTACHMENT.fullmatch(link.url):
        return None
    text = link.text.strip()
    named = "." in text and not text.lower().startswith("image")
    if named:  # GitHub writes the name the file was uploaded under as the link's text
        return Attachment(link.url, text)
    return Attachment(link.url, link.url.rsplit("/", 1)[-1] if "/files/" in link.url else "")


def _limit(suffix: str) -> int:
    """The largest file of a kind that may be published."""
    return SIZE_LIMITS.get(suffix, DEFAULT_LIMIT)


def _raw_limit(suffix: str) -> int:
    """The largest file of a kind taken from an issue: a photo is scaled down afterwards."""
    return MAX_DOWNLOAD_BYTES if suffix in PHOTO_SUFFIXES else _limit(suffix)


def _kind(suffix: str) -> str:
    return f"{suffix} files" if suffix else "files without an extension"


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MiB" if count >= MIB else f"{max(1, round(count / 1024))} KiB"


def sniffed_suffix(data: bytes) -> str:
    """The extension a file's first bytes say it has, or "" when they say nothing."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if re.match(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", data[:4096], re.S):
        return ".svg"
    return ""


def read_attachment(folder: Path, item: Attachment) -> list[Upload]:
    """The files an attachment holds, as the workflow saved it in `folder`: itself, or
    the files in it when it is a zip. UploadProblem says what is wrong with it."""
    path = folder / item.saved_name
    shown = literal(item.name) if item.name else UNNAMED_ORIGIN
    not_downloaded = f"{shown} could not be downloaded from the issue"
    if path.is_symlink():  # the workflow saves plain files; a link may point anywhere
        raise UploadProblem(not_downloaded)
    try:
        data = read_whole_file(path, MAX_DOWNLOAD_BYTES)
    except FileNotFoundError:
        raise UploadProblem(
            f"{not_downloaded} (files over {_size(MAX_DOWNLOAD_BYTES)} are not)"
        ) from None
    except OSError:  # a FIFO, device or folder in its place, or unreadable
        raise UploadProblem(not_downloaded) from None
    except FileTooLarge:
        raise UploadProblem(f"{shown} is over {_size(MAX_DOWNLOAD_BYTES)}") from None
    sniffed = sniffed_suffix(data)
    name = item.name or f"{UNNAMED}{sniffed}"
    if sniffed == ".zip" or name.lower().endswith(".zip"):
        return list(unzipped(name, data))
    return [_checked(Upload(name, data, shown))]


def _checked(upload: Upload) -> Upload:
    limit = _raw_limit(upload.suffix)
    if len(upload.data) > limit:
        raise UploadProblem(
            f"{upload.origin} is {_size(len(upload.data))}; {_kind(upload.suffix)} "
            f"may be at most {_size(limit)}"
        )
    return upload


def unzipped(name: str, data: bytes) -> Iterator[Upload]:
    """The files in a zip, each read in bounded chunks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [i for i in archive.infolist() if not i.is_dir() and not _JUNK.search(i.filename)]
        if len(entries) > MAX_ENTRIES:
            raise UploadProblem(
                f"{literal(name)} holds {len(entries)} files; a zip may hold {MAX_ENTRIES}"
            )
        total = 0
        for info in entries:
            inner = PurePosixPath(info.filename.replace("\\", "/")).name
            origin = f"{literal(inner)} in {literal(name)}"
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UploadProblem(f"{origin} is a link, not a file")
            if info.flag_bits & 0x1:
                raise UploadProblem(
                    f"{literal(name)} is protected by a password: zip it without one"
                )
            suffix = PurePosixPath(inner).suffix.lower()
            if suffix == ".zip":
                raise UploadProblem(
                    f"{origin} is a zip inside the zip: put its files in {literal(name)}"
                )
            limit = _raw_limit(suffix)
            content = _bounded_read(archive, info, limit)
            if content is None:
                raise UploadProblem(
                    f"{origin} is over {_size(limit)}, the limit for {_kind(suffix)}"
                )
            total += len(content)
            if total > MAX_FOLDER_BYTES:
                raise UploadProblem(
                    f"the files in {literal(name)} come to over {_size(MAX_FOLDER_BYTES)}"
                )
            yield _checked(Upload(inner, content, origin))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, ValueError, OSError):
        raise UploadProblem(f"{literal(name)} cannot be opened as a zip: make it again") from None
    except (NotImplementedError, RuntimeError):
        raise UploadProblem(
            f"{literal(name)} uses a kind of zip compression that cannot be opened here: "
            "make the zip again with your system's own 'Compress' or 'Send to zip' command"
        ) from None


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The entry's content, or None once it passes `limit` bytes (whatever the header said)."""
    if info.file_size > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(MIB):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)

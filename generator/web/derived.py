"""Files the build makes from contributed files: mesh scripts for the 3D viewer, WebP
images, printable patterns and zips, kept in a content-addressed cache so a rebuild only
redoes what changed. Contributed files are opened to publish them only when they are
regular files inside the records, reached through no symbolic link.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image

from generator.findings.progress import Progress
from generator.records.catalog import MAX_FOLDER_BYTES, LinkedFolders
from generator.records.file_hashes import FileHashes, HashOpener, opened_as_it_is
from generator.records.outline import OutlineError
from generator.records.stl import StlError, read_triangles
from generator.web.markup import script_json
from generator.web.patterns import PATTERN_VERSION, pattern_bytes
from generator.web.site import Archive, ImageJob, PatternJob, Site

# The build's cache of the files it makes, below the repository (generator.web.build).
CACHE_FOLDER = ".cache/site"
# A fixed time for zip entries, so the same inputs give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MIB = 1024 * 1024
CHUNK_BYTES = MIB  # files are hashed and zipped a piece at a time
WEBP_QUALITY = 80


class BuildError(Exception):
    """The site cannot be built; the message says why and what to do."""


# --- pure helpers -------------------------------------------------------------------------


def mesh_script(triangles: np.ndarray) -> str:
    """A part's mesh as a classic script for the viewer (works from file://, unlike fetch).

    Shared vertices are stored once, in the order of their coordinates (x, then y, then
    z), quantised to 16 bits within the bounding box (3 µm steps on a 200 mm part: finer
    than any printer), then base64 encoded.
    """
    # Imported here: the mesh module brings in scipy (0.2 s), and a build whose mesh
    # scripts are all cached makes none.
    from generator.analysis.mesh import index

    # Rounded to float32 first, as the viewer stores them, so that corners which differ
    # only beyond float32 are one vertex.
    mesh = index(triangles.astype(np.float32).astype(np.float64))
    # Sorting the merged vertices is cheaper than merging by a sort of every corner.
    order = np.lexsort(mesh.vertices.T[::-1])
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    unique = mesh.vertices[order].astype(np.float32)
    inverse = rank[mesh.faces]
    low = unique.min(axis=0) if len(unique) else np.zeros(3, np.float32)
    high = unique.max(axis=0) if len(unique) else np.zeros(3, np.float32)
    span = np.where(high - low > 0, high - low, 1.0)
    quantised = np.round((unique - low) / span * 65535).astype("<u2")
    wide = len(unique) > 65535
    indices = inverse.reshape(-1).astype("<u4" if wide else "<u2")
    data = {
        "low": [round(float(v), 4) for v in low],
        "high": [round(float(v), 4) for v in high],
        "wide": wide,
        "vertices": base64.b64encode(quantised.tobytes()).decode("ascii"),
        "indices": base64.b64encode(indices.tobytes()).decode("ascii"),
    }
    return f"MakeLocalViewer.mesh(document.currentScript,{script_json(data)});\n"


Opener = Callable[[], io.BufferedIOBase]  # opens one file to publish, to read once


def write_zip(destination: BinaryIO, entries: Iterable[tuple[str, Opener]]) -> None:
    """A zip whose bytes depend only on the entries (fixed times, modes and order), each
    opened in turn and copied a piece at a time: a zip of large files is never whole in
    memory, nor are all its files open at once."""
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, open_source in entries:
            # Opened by name, an entry takes the archive's compression, and ZipInfo's
            # default time, 1980-01-01 (ZIP_TIME); its mode is set after it is written, as
            # only the central directory, written last, holds it.
            with open_source() as source, archive.open(name, "w") as entry:
                shutil.copyfileobj(source, entry, CHUNK_BYTES)
            info = archive.getinfo(name)
            info.create_system = 3  # Unix, so the mode below is read everywhere
            info.external_attr = 0o644 << 16


def webp_bytes(data: bytes, width: int) -> bytes:
    """An image scaled down (never up) to `width` and encoded as WebP, without metadata."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if converted.width > width:
        height = max(1, round(converted.height * width / converted.width))
        converted = converted.resize((width, height), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    converted.save(output, "WEBP", quality=WEBP_QUALITY, method=4)
    return output.getvalue()


# --- cached file making ---------------------------------------------------------------------


class Maker:
    """Makes derived files once per distinct input, in a content-addressed cache folder."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.cache = cache
        # The contributed files' content hashes, remembered by their stat: a build does not
        # read every file of every design again to find what it made of them.
        self.hashes = FileHashes(cache / "hashes.json")
        self.linked = LinkedFolders(root)  # a Maker lives for one build

    def make(self, key: bytes, suffix: str, write: Callable[[Path], object]) -> Path:
        """The file made for `key`, written by `write(path)` if it is not made yet."""
        digest = hashlib.sha256(key).hexdigest()
        path = self.cache / digest[:2] / f"{digest}{suffix}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
            try:
                write(temporary)
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
            temporary.replace(path)  # atomic: a parallel build never sees half a file
        return path

    def mesh(self, stl: Path) -> Path:
        return self.make(
            b"mesh-v2\0" + self._content(stl),
            ".js",
            lambda path: path.write_text(mesh_script(_triangles(stl))),
        )

    def image(self, job: ImageJob) -> Path:
        key = f"webp-v2\0{job.width}\0{WEBP_QUALITY}\0".encode() + self._content(job.source)
        return self.make(
            key, ".webp", lambda path: path.write_bytes(_convert(job, _read(job.source)))
        )

    def pattern(self, job: PatternJob) -> Path:
        """A printable pattern's PDF; made again when an outline or the drawing changes."""
        key = f"pattern-v{PATTERN_VERSION}\0{job!r}\0".encode() + b"".join(
            self._content(part.source) for part in job.parts
        )
        return self.make(key, ".pdf", lambda path: path.write_bytes(_pattern(job)))

    def _check(self, path: Path) -> None:
        """BuildError for a path outside the records or through a linked folder."""
        absolute = os.path.abspath(path)
        if ".." in path.parts or not absolute.startswith(self.linked.top):
            raise BuildError(f"{path}: not a file of the records; it is not published")
        if self.linked.through_link(os.path.dirname(absolute)):
            raise BuildError(f"{path}: a folder on its way is a symbolic link; it is not published")

    def _content(self, path: Path, opened: HashOpener = opened_as_it_is) -> bytes:
        """A file's SHA-256, remembered by its stat; read, when it must be, by `opened`."""
        found = self.hashes.of(path, opened)
        if found == "unreadable":
            raise BuildError(f"{path}: cannot be read")
        return found.encode()

    def _fingerprint(self, source: Path | str | PatternJob) -> tuple[bytes, int]:
        """What an entry of a zip is made of, and its size in bytes."""
        if isinstance(source, str):
            data = source.encode("utf-8")
            return hashlib.sha256(data).digest(), len(data)
        if isinstance(source, PatternJob):  # its file's name is the hash of its inputs
            pdf = self.pattern(source)
            return pdf.name.encode(), pdf.stat().st_size
        # A contributed file is read only as it would be published.
        self._check(source)
        return self._content(source, self._published), source.stat().st_size

    def archive(self, target: str, archive: Archive) -> Path:
        """The zip, keyed by its entries' names and contents and written to its cache file
        a file at a time (120 files of 20 MiB took 2.5 GB built in memory); BuildError
        when its files come to more than MAX_FOLDER_BYTES."""
        openers = [(name, self._opener(source)) for name, source in archive.entries]
        key, total = [b"zip-v2\0"], 0
        for name, source in archive.entries:
            content, size = self._fingerprint(source)
            key += [name.encode(), b"\0", content, b"\0"]
            total += size
            if total > MAX_FOLDER_BYTES:
                raise BuildError(
                    f"{target}: its files come to over {MAX_FOLDER_BYTES // MIB} MiB, more than "
                    "a design's zip may hold; keep the design folder smaller (ML308)"
                )
        return self.make(b"".join(key), ".zip", partial(_zip_file, entries=openers))

    def _opener(self, source: Path | str | PatternJob) -> Opener:
        if isinstance(source, str):
            return partial(io.BytesIO, source.encode("utf-8"))
        if isinstance(source, PatternJob):  # made here, in the build cache
            pdf = self.pattern(source)
            return lambda: pdf.open("rb")
        return partial(self._published, source)

    def _published(self, path: Path) -> io.BufferedReader:
        """A contributed file opened to publish it, never through a symbolic link (the file
        itself or a folder on its way: a linked design folder would publish whatever it
        points to), and only if it is a regular file (a FIFO would block forever)."""
        self._check(path)
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as error:
            raise BuildError(f"{path}: cannot be read ({error.strerror})") from None
        handle = os.fdopen(descriptor, "rb")
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            handle.close()
            raise BuildError(f"{path}: not a regular file (a FIFO, device or socket)")
        return handle


def _zip_file(path: Path, entries: list[tuple[str, Opener]]) -> None:
    with path.open("wb") as output:
        write_zip(output, entries)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise BuildError(f"{path}: cannot be read ({error.strerror})") from None


def _triangles(stl: Path) -> np.ndarray:
    try:
        return read_triangles(stl)
    except StlError as error:
        raise BuildError(str(error)) from None


def _pattern(job: PatternJob) -> bytes:
    try:
        return pattern_bytes(job)
    except OutlineError as error:
        raise BuildError(str(error)) from None


def _convert(job: ImageJob, data: bytes) -> bytes:
    try:
        return webp_bytes(data, job.width)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise BuildError(f"{job.source}: not an image that can be read ({error})") from None


# --- the stage --------------------------------------------------------------------------------


def site_files(site: Site, maker: Maker, progress: Progress) -> dict[str, Path | str]:
    """The files the English site copies and makes (pictures, meshes, patterns, zips) by
    where the site has them, each made by `maker` (from its cache when made before)."""
    made = make_files(
        [
            {target: partial(maker.mesh, stl) for target, stl in site.meshes.items()},
            {target: partial(maker.image, job) for target, job in site.images.items()},
            {target: partial(maker.pattern, job) for target, job in site.patterns.items()},
            {t: partial(maker.archive, t, archive) for t, archive in site.archives.items()},
        ],
        progress,
    )
    maker.hashes.save()
    files: dict[str, Path | str] = {}
    taken = {page.path for page in site.pages} | set(site.texts)
    groups: list[Mapping[str, Path | str]] = [site.copies, site.made, *made]
    for group in groups:
        for target, source in group.items():
            if target in files or target in taken:
                raise BuildError(f"two files of the site would both be {target}; rename one")
            files[target] = source
    return files


def make_files(
    groups: list[dict[str, Callable[[], Path]]], progress: Progress
) -> list[dict[str, Path]]:
    """Each group's files made (or taken from the cache), by their site path, each reported
    to `progress` as it is done."""
    progress.begin("making files", sum(len(group) for group in groups))
    try:
        made: list[dict[str, Path]] = []
        for group in groups:
            files: dict[str, Path] = {}
            for target, make in group.items():
                files[target] = make()
                progress.advance(target)
            made.append(files)
        return made
    finally:
        progress.end()

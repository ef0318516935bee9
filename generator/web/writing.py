"""Writing a build into the site folder: only what differs, and deleting only what the
build no longer makes.

MkDocs renders the pages and copies the theme's files, in its "dirty" mode (a file already
there, not older than its source, is not copied again). The Writer, driven by the MkDocs
hook, writes the generated texts that differ and copies the records' and the cache's files
the last build did not copy from the same source (`split_copies`, `copy_into`) before the
pages are rendered, decides for each page whether its bytes are new, cuts Material's
stylesheet to the classes the pages use (generator.web.styles), and removes files of
earlier builds. Each written page's digest goes into the build's manifest
(generator.web.incremental).

The stylesheet's name comes from its content, so a browser never keeps a cut made for an
older build. Pages are written pointing at the last build's cut; only when the classes the
pages use change (a first build, or a new kind of content) is every page pointed at the
new one afterwards (`cut_stylesheet`). Another language's site (site/fr/) takes Material's
files from the English site's: one cut serves the pages of every language.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Collection, Iterable, Mapping
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from generator.records.regular_file import open_regular_file
from generator.web.derived import CACHE_FOLDER
from generator.web.incremental import Manifest, digest
from generator.web.markup import attribute
from generator.web.replacing import TEMPORARY_NAME, encoded, replace_file, write_pieces
from generator.web.search import FOLDER, record_of, text_digest
from generator.web.site import Heading, Texts
from generator.web.styles import STYLESHEETS, trimmed, used_classes

# What MkDocs writes besides the files it is given: the theme's static templates.
TEMPLATES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
SEARCH_FOLDER = FOLDER  # written by the search indexer


def theme_stylesheet(files: Files) -> File | None:
    """Material's whole stylesheet among the theme's files."""
    for file in files:
        name = file.dest_uri
        if name.startswith(f"{STYLESHEETS}/main.") and name.endswith(".min.css"):
            return file
    return None


def copy_into(site_dir: str, path: str, source: str, *, linked: bool) -> None:
    """A file the site publishes at `path`, copied from a record's folder, or, `linked`, a
    second name of a file of the cache of made files (generator.web.derived), whose files
    never change once made (each is named by its content): a first build at 10,000
    designs links 40,000 files (zips, pictures, meshes) and writes 52 MB less. A link's
    time of change is the cache file's: an edit undone brings back an older time, which a
    server that answers by Last-Modified alone (not by ETag) may call unchanged.

    The build copies itself, not MkDocs: a File object for each of the 60,000 copies of a
    first build at 10,000 designs was held to its end (about 60 MB)."""

    def copy(written: BinaryIO) -> None:
        # Never a FIFO's reader (it would wait for ever), as shutil.copyfile.
        with open_regular_file(source) as read:
            shutil.copyfileobj(read, written)

    replace_file(os.path.join(site_dir, path), copy, link=source if linked else None)


def copy_print(source: str, linked: bool) -> str | None:
    """The fingerprint of what a copy is made from (`source`): a file of the cache (`linked`)
    by its name, for it never changes; another by its path, size and time of change, or
    None when it cannot be read."""
    if linked:
        return digest(source)[:16]
    try:
        found = os.stat(source)
    except OSError:
        return None
    return digest(f"{source}\0{found.st_size}\0{found.st_mtime_ns}")[:16]


def split_copies(
    copies: Mapping[str, Path | str],
    previous: Manifest | None,
    manifest: Manifest,
    site: str,
    root: Path,
) -> tuple[dict[str, tuple[str, bool]], list[str]]:
    """The files the site copies (`copies`, by their path in it), each with its source and
    whether it is linked (a file of the cache of made files, below `root`); apart, those
    the `site` folder holds as the `previous` build copied them (the same fingerprint),
    which are not copied again (40,000 at 10,000 designs). Every fingerprint goes into the
    `manifest`, from which the next build tells the same: a copy that fails stops the
    build, which then writes no manifest."""
    before = previous.copies if previous else {}
    made = f"{root / CACHE_FOLDER}{os.sep}"
    copied: dict[str, tuple[str, bool]] = {}
    kept: list[str] = []
    for path, source in sorted(copies.items()):
        linked = str(source).startswith(made)
        printed = copy_print(str(source), linked)
        if printed is not None:
            manifest.copies[path] = printed
        if printed is not None and printed == before.get(path) and os.path.isfile(f"{site}/{path}"):
            kept.append(path)
        else:
            copied[path] = (str(source), linked)
    return copied, kept


def table_of_contents(toc: tuple[Heading, ...]) -> TableOfContents:
    """Generated headings (generator.web.site.Heading) as MkDocs' table of contents."""
    tokens: list[dict[str, Any]] = []
    for heading in toc:
        token = {
            "level": heading.level,
            "id": attribute(heading.id),
            "name": attribute(heading.text),
            "children": [],
        }
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]


class RenderedPage(Page):
    """A page MakeLocal renders (generate): no Markdown for MkDocs to convert. MkDocs makes
    a Python-Markdown converter, with its extensions, for each page it converts: 0.33 to
    0.38 ms a page, to convert nothing (so about 3.5 s over the 10,375 pages of a first
    build at 10,000 designs)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        # What MkDocs' render leaves of an empty page; on_page_content gives the body.
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class KeptPage(File):
    """A page whose output the site folder holds already: MkDocs' dirty build neither
    renders nor writes it."""

    def is_modified(self) -> bool:
        return False


class Writer:
    """What one build writes (see the module's docstring)."""

    def __init__(
        self,
        site_dir: Path,
        manifest: Manifest,
        previous: Manifest | None,
        texts: Texts,
        files: Files,
        copies: Mapping[str, tuple[str, bool]],
        source: Writer | None = None,
        others: tuple[str, ...] = (),
        scripts: list[str] | None = None,
        kept_files: Collection[str] = (),
    ) -> None:
        """A build of `site_dir` with MkDocs' `files` and the `copies` it makes (by their
        path, each with its source and whether it is linked: `copy_into`), of which the
        site folder does not hold the last build's; `source`, the English site's Writer, for
        another language's site (in a folder of the English one); `others`, the folders of
        the other languages' sites inside this one, which are theirs to write; `scripts`,
        the site's own scripts, whose words the stylesheet's cut keeps; `kept_files`, the files
        the site folder holds as this build would make them, which MkDocs is not given."""
        self.site_dir = site_dir
        self.manifest = manifest
        self.before = previous.outputs if previous else {}
        # What the last build wrote: only that can have gone stale (without it, a walk).
        self.written_before = {*previous.outputs, *previous.copies} if previous else None
        self.texts = texts
        self.others = others
        self.whole: Path
        self.theme_sheet: str
        self.sheet: str
        if source is not None:
            self.whole, self.theme_sheet, self.sheet = (
                source.whole,
                source.theme_sheet,
                source.sheet,
            )
        else:
            sheet = theme_stylesheet(files)
            if sheet is None or sheet.abs_src_path is None:
                raise ValueError("Material's stylesheet is not among the theme's files")
            self.whole = Path(sheet.abs_src_path)
            # Never copied: the site publishes the cut.
            files.remove(sheet)
            for file in [f for f in files if f.dest_uri == sheet.dest_uri + ".map"]:
                files.remove(file)
            self.theme_sheet = sheet.dest_uri
            held = previous.stylesheet if previous and previous.stylesheet else ""
            self.sheet = held or sheet.dest_uri
        # The last build's cut: what it was made from, and its name.
        self.cut_before = (previous.stylesheet_inputs, previous.stylesheet) if previous else None
        self.expected = {f.dest_uri for f in files} | set(texts) | set(TEMPLATES) | set(kept_files)
        self.expected |= copies.keys()
        self.copies = copies
        self.pages: list[str] = []
        kept = {f.dest_uri for f in files if f.is_documentation_page() and not f.is_modified()}
        if previous:
            for page in kept:
                if page in previous.page_classes:
                    set_id = previous.page_classes[page]
                    manifest.page_classes[page] = set_id
                    manifest.class_sets[set_id] = previous.class_sets[set_id]
                if page in previous.search:
                    manifest.search[page] = previous.search[page]
        self.pages.extend(sorted(kept))
        self.scripts = scripts or []

    def page(self, dest: str, html: str) -> str:
        """A page as MkDocs writes it, or "" when the site folder holds these bytes; its
        search record is kept for the index."""
        record = record_of(f"/{dest}", html)
        if record is not None:
            searched = text_digest(record.content, record.meta)
            self.manifest.search[dest] = [record.content, record.meta, searched]
        return self._page(dest, html)

    def _page(self, dest: str, html: str) -> str:
        html = html.replace(self.theme_sheet, self.sheet)
        classes = sorted(used_classes([html], []))
        set_id = digest("\n".join(classes))[:16]
        self.manifest.class_sets[set_id] = classes
        self.manifest.page_classes[dest] = set_id
        self.pages.append(dest)
        return html if self._changed(dest, (html,)) else ""

    def template(self, name: str, html: str) -> str:
        """A page of the theme's own (404.html): not searched."""
        return self._page(name, html)

    def _changed(self, dest: str, pieces: Iterable[str]) -> bool:
        """Whether the text in `pieces` is not what the site folder holds at `dest` (its
        digest, the output's, goes into the manifest)."""
        hashed = hashlib.sha256()
        for piece in encoded(pieces):
            hashed.update(piece)
        found = hashed.hexdigest()
        self.manifest.outputs[dest] = found
        # os.path on a string: this runs for every text of the site on every build.
        return self.before.get(dest) != found or not os.path.isfile(f"{self.site_dir}/{dest}")

    def write_texts(self) -> None:
        """The generated texts that differ from what the site folder holds written, then let
        go of: the build does not hold them (the API alone is 113 MB at 10,000 designs)
        while MkDocs renders and writes the pages. A deferred text is made twice, for its
        digest and for its file, a piece at a time: never held whole."""
        # The folder first, as MkDocs would make it: a failure names it, not a text in it.
        self.site_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.texts):
            pieces = self.texts.pieces(path)
            del self.texts[path]  # let go of as it is written
            if self._changed(path, pieces()):
                replace_file(os.path.join(self.site_dir, path), partial(write_pieces, pieces))

    def write_copies(self) -> None:
        """The files copied or linked into the site (`copy_into`), in the order of their
        paths (`split_copies`)."""
        for path, (source, linked) in self.copies.items():
            try:
                copy_into(os.fspath(self.site_dir), path, source, linked=linked)
            except OSError as error:
                raise OSError(f"{source} could not be published as {path}: {error}") from error

    def finish(self) -> None:
        """The files of earlier builds that this one does not make removed (the stylesheet
        is cut once every language's site is written: `cut_stylesheet`)."""
        self._remove_stale()

    @property
    def kept_folders(self) -> tuple[str, ...]:
        """The folders this build never removes files from: the search index's, the other
        languages' sites and, in another language's, Material's (the English site's)."""
        return (SEARCH_FOLDER, *self.others, STYLESHEETS)

    def _remove_stale(self) -> None:
        """Delete what earlier builds wrote and this one does not make: never the folder,
        never a hidden file (a .nojekyll of the publisher), nor the search index. A folder
        left empty goes too. After a build whose manifest says what it wrote, only that is
        looked at; walking the 100,000 files of a 10,000-design site took 0.9 s."""
        if self.written_before is None:
            self._sweep()
            return
        for path in sorted(self.written_before - self.expected):
            folder, _, name = path.rpartition("/")
            if name.startswith(".") or self._kept(folder):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(self.site_dir, path))
            while folder and not self._kept(folder):
                try:
                    os.rmdir(os.path.join(self.site_dir, folder))
                except OSError:  # not empty (or gone)
                    break
                folder = folder.rpartition("/")[0]

    def _kept(self, folder: str) -> bool:
        """Whether `folder` (relative, "" for the site's) is or lies in a kept folder."""
        return any(folder == f or folder.startswith(f"{f}/") for f in self.kept_folders)

    def _sweep(self) -> None:
        """`_remove_stale` for a site folder no manifest describes: every file looked at. A
        build stopped while it wrote (which leaves no manifest) may have left a temporary
        name (`replace_file`): hidden, but not a publisher's, and removed."""
        root = os.fspath(self.site_dir)
        gone: set[str] = set()  # folders removed (the walk is bottom-up: before their parent)
        for current, folders, names in os.walk(root, topdown=False):
            relative = os.path.relpath(current, root).replace(os.sep, "/")
            if self._kept("" if relative == "." else relative):
                continue
            prefix = "" if relative == "." else f"{relative}/"
            left = 0
            for name in names:
                hidden = name.startswith(".") and not TEMPORARY_NAME.fullmatch(name)
                if not hidden and prefix + name not in self.expected:
                    os.unlink(os.path.join(current, name))
                else:
                    left += 1
            # Empty once its files and folders are gone: told by the walk, not read again.
            if relative != "." and not left and all(f"{prefix}{f}" in gone for f in folders):
                os.rmdir(current)
                gone.add(relative)


def cut_stylesheet(writers: list[Writer]) -> None:
    """Material's stylesheet cut to the classes the pages of every language's site (each
    one's Writer, English first) and the site's scripts use, written into the English
    site under a name of its content; when the name changes, every page is pointed at it."""
    source = writers[0]
    used = {c for w in writers for s in w.manifest.class_sets.values() for c in s}
    used |= used_classes([], source.scripts)
    whole = source.whole.read_text("utf-8")
    inputs = digest("\0".join([whole, *sorted(used)]))
    # Cutting parses the whole sheet (a second or so): the last build's cut is kept when
    # it was made from the same sheet and classes.
    held_inputs, held = source.cut_before or ("", "")
    if held and held_inputs == inputs and (source.site_dir / held).is_file():
        name = held
    else:
        css = trimmed(whole, used)
        name = f"{STYLESHEETS}/main.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
        target = source.site_dir / name
        if not target.is_file() or target.read_text("utf-8") != css:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, "utf-8")
    for old in (source.site_dir / STYLESHEETS).glob("main.*.min.css*"):
        if old.name != PurePosixPath(name).name:
            old.unlink()  # an earlier build's cut, or Material's whole sheet
    for writer in writers:
        if name != writer.sheet:
            for page in writer.pages:
                path = writer.site_dir / page
                written = path.read_bytes().replace(writer.sheet.encode(), name.encode())
                path.write_bytes(written)
                writer.manifest.outputs[page] = digest(written)
            writer.sheet = name  # what a page written after (serve's preview) points at
        writer.manifest.stylesheet = name
        writer.manifest.stylesheet_inputs = inputs
        used_sets = set(writer.manifest.page_classes.values())
        writer.manifest.class_sets = {
            k: v for k, v in writer.manifest.class_sets.items() if k in used_sets
        }

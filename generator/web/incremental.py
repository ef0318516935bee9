"""What an incremental build redoes: a manifest of the last build's inputs and outputs.

After each build of a site folder, .cache/site/manifests/ keeps, for it:
- `code`: a fingerprint of everything that shapes every page: the generator's code, its
  templates and scripts, the schemas, mkdocs.yml, the hand-written pages and documents,
  and the versions of MkDocs, Material and Pagefind. Another fingerprint: a full build;
- each record file's SHA-256, type, id and the fingerprint of its folder of files (names,
  sizes, times), as validated by that build;
- each design's key (`design_key`): what its page and its other outputs are made from;
  and each page's key, a design's its own, a list of designs' (a category's, a maker's)
  made from theirs, any other page's from its body and meta (`Reuse.rendered`);
- each written page's and text's SHA-256, and the fingerprint of each copied file's
  source (path, size, time of change);
- each design's entry in the finder's data;
- the stat of each contributed file that passed the publishing check (generator.web.published);
- the files each design's page publishes, and what each is copied from.

The next build validates only the records that changed and those that name them
(`to_check`), and `Reuse`s what their keys say is unchanged: it renders and writes only
the pages whose key changed, makes again only the changed designs' finder entries, API
items and OKH manifests, writes only the texts that differ, and deletes what the build no
longer makes. A full build and an incremental one write the same bytes
(tests/web/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeGuard

from generator.analysis.results import PartAnalysis
from generator.checks.validate import naming
from generator.records.cache_file import read_cache, write_cache
from generator.records.catalog import Catalog, Record, file_id
from generator.records.facts import data_of, parts_of
from generator.web.index import Index
from generator.web.links import page_url
from generator.web.markup import script_json
from generator.web.site import Page, Settings

MANIFESTS = Path(".cache") / "site" / "manifests"
# 9: the search's bundles in a file of their own (`bundles_path`).
FORMAT = 9
# What shapes every page besides the records, below the project's folder.
CODE_FILES = (
    "generator/**/*.py",
    "generator/web/templates/**/*",
    "generator/web/assets/**/*",
    "generator/web/data/**/*",
    "generator/**/locale/**/*.po",
    "schemas/*.json",
    "mkdocs.yml",
    "docs/**/*",
    "*.md",
)
PACKAGES = ("mkdocs", "mkdocs-material", "pagefind")


def digest(data: bytes | str) -> str:
    # A file name that is not UTF-8 keeps its bytes (Python holds them as lone surrogates).
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def code_fingerprint(project: Path) -> str:
    """The fingerprint of what shapes every page: a change to any of it rebuilds all."""
    hashed = hashlib.sha256()
    for pattern in CODE_FILES:
        for path in sorted(project.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                hashed.update(path.relative_to(project).as_posix().encode() + b"\0")
                hashed.update(hashlib.sha256(path.read_bytes()).digest())
    for package in PACKAGES:
        try:
            hashed.update(f"{package}={version(package)}\0".encode())
        except PackageNotFoundError:
            hashed.update(f"{package}=?\0".encode())
    return hashed.hexdigest()


def folder_fingerprint(catalog: Catalog, record: Record, translated: list[Record]) -> str:
    """The files beside a record that its checks and pages read: its folder's (a design's,
    a make report's photos) and its translations, by name, size and time of change."""
    listing = catalog.design_files.get(record.display, {})
    files = [
        f"{name}\0{e.size}\0{e.modified_ns}\0{e.symlink}" for name, e in sorted(listing.items())
    ]
    for translation in translated:
        info = translation.path.stat()
        files.append(f"{translation.display}\0{info.st_size}\0{info.st_mtime_ns}")
    return digest("\n".join(files))


@dataclass
class Manifest:
    """One build's inputs and outputs (see the module's docstring)."""

    code: str
    records: dict[str, list[str]] = field(default_factory=dict)  # display -> sha, type, id, folder
    pages: dict[str, str] = field(default_factory=dict)  # design or list page's path -> key
    outputs: dict[str, str] = field(default_factory=dict)  # site path -> sha of its bytes
    # Material's stylesheet cut to the classes the pages use (generator.web.writing): its
    # path, and the classes each written page uses (sets named by their digest).
    stylesheet: str = ""
    stylesheet_inputs: str = ""  # the digest of what the cut was made from
    class_sets: dict[str, list[str]] = field(default_factory=dict)
    page_classes: dict[str, str] = field(default_factory=dict)
    # Each searched page's text, meta and their digest (generator.web.search), by its path.
    search: dict[str, list[Any]] = field(default_factory=dict)
    # The English site's: the digest of each Pagefind bundle it holds (search.write_index),
    # kept beside the manifest (`bundles_path`), written once Pagefind made them.
    search_bundles: dict[str, str] = field(default_factory=dict)
    # Each copied file's fingerprint: what it was copied from (generator.web.writing).
    copies: dict[str, str] = field(default_factory=dict)
    # Each design's key and finder entry (taken again while its key is the same), by its id.
    designs: dict[str, str] = field(default_factory=dict)
    finder: dict[str, list[Any]] = field(default_factory=dict)
    # The stat of each contributed file that passed the publishing check (web.published).
    published: dict[str, str] = field(default_factory=dict)
    # The English site's: the files each design's page publishes, by its id (site path ->
    # the file copied: a contributed one, or one made in the build's cache).
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    # The English site's: where each design's item is in the API's whole file of designs
    # (generator.web.api), [start, end] in characters, and the item's digest, by its id.
    items: dict[str, list[Any]] = field(default_factory=dict)

    @staticmethod
    def path(root: Path, site_dir: Path) -> Path:
        return root / MANIFESTS / f"{digest(str(site_dir.resolve()))[:24]}.json"

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        """The manifest at `path`, if there is one of this format."""
        held = read_cache(path)
        if not isinstance(held, dict) or held.get("format") != FORMAT:
            return None
        searched = held.get("search")
        # Kept pages' search entries go to Pagefind as they are: one not of the form written
        # ([text, meta, digest]) and nothing of the manifest is trusted.
        if not isinstance(searched, dict) or not all(map(_search_form, searched.values())):
            return None
        try:
            return cls(
                str(held["code"]),
                dict(held["records"]),
                dict(held["pages"]),
                dict(held["outputs"]),
                str(held["stylesheet"]),
                str(held["stylesheet_inputs"]),
                dict(held["class_sets"]),
                dict(held["page_classes"]),
                dict(held["search"]),
                _bundles(read_cache(bundles_path(path))),
                dict(held["copies"]),
                dict(held["designs"]),
                dict(held["finder"]),
                dict(held["published"]),
                dict(held["files"]),
                dict(held["items"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def write(self, path: Path) -> None:
        """The manifest at `path`, but its search bundles (`write_bundles`); none when it
        cannot be written: the next build then makes everything."""
        document = {
            "format": FORMAT,
            "code": self.code,
            "records": self.records,
            "pages": self.pages,
            "outputs": self.outputs,
            "stylesheet": self.stylesheet,
            "stylesheet_inputs": self.stylesheet_inputs,
            "class_sets": self.class_sets,
            "page_classes": self.page_classes,
            "search": self.search,
            "copies": self.copies,
            "designs": self.designs,
            "finder": self.finder,
            "published": self.published,
            "files": self.files,
            "items": self.items,
        }
        write_cache(path, document, sort_keys=True)


def bundles_path(path: Path) -> Path:
    """Where the search bundles of the manifest at `path` are kept. Apart, so that a build
    writes its manifests and lets go of them before Pagefind runs (which they would hold
    130 MB more memory through at 10,000 designs); a build whose Pagefind fails or is
    stopped leaves none, and the next build indexes every bundle again."""
    return path.with_suffix(".bundles.json")


def write_bundles(path: Path, bundles: dict[str, str]) -> None:
    """The digests of the search bundles of the manifest at `path`."""
    write_cache(bundles_path(path), bundles, sort_keys=True)


def _bundles(held: Any) -> dict[str, str]:
    if isinstance(held, dict) and all(isinstance(v, str) for v in held.values()):
        return {str(k): v for k, v in held.items()}
    return {}


def record_entries(catalog: Catalog, digests: dict[str, str]) -> dict[str, list[str]]:
    """Each record's manifest entry: its file's SHA-256 (from `digests`, by display path),
    type, id and folder fingerprint."""
    translated: dict[str, list[Record]] = {}
    for translation in catalog.translations:
        translated.setdefault(translation.place.record.as_posix(), []).append(translation.file)
    return {
        r.display: [
            digests.get(r.display, ""),
            r.type,
            file_id(r.type, r.path),
            folder_fingerprint(catalog, r, translated.get(r.display, [])),
        ]
        for r in catalog.records
    }


def to_check(catalog: Catalog, before: Manifest, now: dict[str, list[str]]) -> set[str]:
    """The records (display paths) to validate again: those whose file or folder changed
    or that are new, and those that name a record that changed, is new or is gone."""
    changed = {display for display, entry in now.items() if before.records.get(display) != entry}
    gone = {entry[2] for display, entry in before.records.items() if display not in now}
    touched = gone | {now[display][2] for display in changed}
    return changed | naming(catalog.records, touched)


def epoch(code: str, settings: Settings, entries: dict[str, list[str]], index: Index) -> str:
    """What every design page depends on besides its own design: the code, the settings,
    every record that is not a design (processes, materials, makers, makes and needs) and
    what the needs came to (they may name any design of a category)."""
    others = sorted((d, e) for d, e in entries.items() if e[1] != "design")
    needs = sorted(
        (need_id, found.state, repr(found.candidates), repr(found.designs))
        for need_id, found in index.need_matches.items()
    )
    return digest(
        script_json(
            [
                code,
                settings.repo_url,
                settings.site_url,
                settings.branch,
                settings.as_of.isoformat(),
                others,
                needs,
            ]
        )
    )


def design_key(index: Index, design: Record, records: dict[str, list[str]], common: str) -> str:
    """What a design's page is made from: the common `epoch`, its record and folder (its
    entry in `records`, the manifest's), its parts' analyses (by file content and
    analyser), and the designs its lineage names: their titles, and their records and
    folders, whose translations decide how another language's page links to them."""
    analyses: list[Any] = []
    for part in parts_of(data_of(design)):
        result = index.analysis(design.id, str(part.get("id")))
        if result is not None:
            verdict = result.analysis.verdict if isinstance(result, PartAnalysis) else None
            header = result.analysed
            analyses.append(
                [type(result).__name__, header.sha256, header.analyser_version, verdict]
            )
    family = index.lineages.get(design.id)
    relatives = (
        sorted({*family.children, *family.ancestors, *family.descendants})
        + [o.design for o in family.parents if o.design]
        if family
        else []
    )
    named = [
        [d, str(data_of(index.designs[d]).get("title", d)), records.get(index.designs[d].display)]
        for d in relatives
        if d in index.designs
    ]
    return digest(script_json([common, records.get(design.display), analyses, named]))


@dataclass
class Reuse:
    """What a build takes from the last build of its site folder, by the keys of its
    designs (`design_key`, what each design's outputs are made from): a page whose key and
    file are the last build's is neither rendered nor written (`page`, and `rendered` for
    a page keyed by its body); a design's finder entry is taken from the last manifest
    (`entry`), and its texts read back from the site folder when they are byte for byte
    what the last build wrote (`text`, `read`). Every key goes into `manifest`, for the
    next build.

    Without a last build (`previous`), nothing is taken and everything is made."""

    manifest: Manifest
    previous: Manifest | None = None
    site_dir: Path | None = None
    common: str = ""  # the `epoch`

    def same(self, design_id: str) -> bool:
        """Whether the design's key is the last build's."""
        key = self.manifest.designs.get(design_id)
        return (
            key is not None
            and self.previous is not None
            and self.previous.designs.get(design_id) == key
        )

    def page(self, path: str, key: str) -> bool:
        """Records `key` as what the page at `path` (its source, "design/x.md") is made
        from; whether the site folder holds it as this build would write it: the last
        build's key and file."""
        self.manifest.pages[path] = key
        written = page_url(path)
        previous = self.previous
        if (
            previous is None
            or self.site_dir is None
            or previous.pages.get(path) != key
            or written not in previous.outputs
            or not os.path.isfile(f"{self.site_dir}/{written}")  # a string: for every page
        ):
            return False
        self.manifest.outputs[written] = previous.outputs[written]
        return True

    def rendered(self, page: Page, meta: Callable[[], dict[str, Any]]) -> bool:
        """`page` for a page whose body is made already and that has no key of its own (a
        design's page or a list's has one, naming what it is made from): its key is its
        body, contents and `meta()` (generator.web.page_meta: its title, its versions in
        the other languages...), with the `epoch`; `meta` is asked for only then (not for
        the 10,000 design pages a first build renders later: 0.15 s). MkDocs' template then
        renders only the pages whose keys changed: every build of a 12-design site
        rendered 71 of its 95 pages again."""
        if page.path in self.manifest.pages or not isinstance(page.html, str):
            return False
        shown = [page.html, repr(page.toc), page.in_nav, meta()]
        return self.page(page.path, digest(script_json([self.common, page.path, shown])))

    def listing(self, path: str, place: Any, designs: Sequence[str]) -> bool:
        """`page` for a page listing `designs` (by id, in order) at `place` (its pager, the
        list it belongs to): its key is theirs, with the `epoch`."""
        listed = [[d, self.manifest.designs.get(d, "")] for d in designs]
        return self.page(path, digest(script_json([self.common, path, place, listed])))

    def entry(self, design_id: str, make: Callable[[], list[Any]]) -> list[Any]:
        """The design's finder entry (generator.web.finder, as JSON values): the last
        build's while its key is the same, else `make`'s."""
        previous = self.previous
        held = previous.finder.get(design_id) if previous is not None else None
        # The manifest is a file: an entry not of the form made (item, title, words) is made.
        value = held if self.same(design_id) and _entry_form(held) else make()
        self.manifest.finder[design_id] = value
        return value

    def kept(self, path: str, design_id: str) -> bool:
        """Whether the design's text at `path` is the last build's and the site folder holds
        it, while the design's key is the same (trusted, as a kept page is, by its file
        being there): it is then neither made nor read back."""
        previous = self.previous
        written = previous.outputs.get(path) if previous else None
        if not (written and self.site_dir is not None and self.same(design_id)):
            return False
        if not os.path.isfile(f"{self.site_dir}/{path}"):
            return False
        self.manifest.outputs[path] = written
        return True

    def files(self, design_id: str) -> dict[str, str] | None:
        """The files the design's page published at the last build (site path -> the file
        copied), while its key is the same and each of them is still there; else None.
        A design's files are made from what its key is made from, in a cache whose files
        are named by what they are made from: the same key, the same files."""
        previous = self.previous
        held = previous.files.get(design_id) if previous is not None else None
        if not (held and isinstance(held, dict) and self.same(design_id)):
            return None
        # Strings: this runs for every file of every unchanged design.
        if not all(os.path.isfile(str(source)) for source in held.values()):
            return None  # a file of the cache deleted: the design's are made again
        return {target: str(source) for target, source in held.items()}

    def text(self, path: str, design_id: str, make: Callable[[], str]) -> str:
        """The design's text at `path` in the site: the last build's (`read`) while the
        design is unchanged, else `make`'s."""
        held = self.read(path, design_id)
        return held if held is not None else make()

    def items(self, path: str) -> dict[str, str]:
        """The items of the unchanged designs (their key the same), cut from the API's whole
        file of designs at `path` as the last build wrote it (its SHA-256) where the last
        manifest says each is (`Manifest.items`), each its digest: one file read, not one a
        design."""
        previous = self.previous
        held = previous.items if previous is not None else {}
        whole = self._written(path) if held else None
        if whole is None:
            return {}
        found = {}
        for design_id, place in held.items():
            if _shaped(place, int, int, str) and self.same(design_id):
                item = whole[place[0] : place[1]]
                if digest(item) == place[2]:
                    found[design_id] = item
        return found

    def place_items(self, start: int, items: dict[str, str]) -> None:
        """Where each design's item (by its id, in order, a comma between two) is in the
        whole file of designs, from its first's `start`, for the next build (`items`)."""
        for design_id, item in items.items():
            self.manifest.items[design_id] = [start, start + len(item), digest(item)]
            start += len(item) + 1

    def read(self, path: str, design_id: str) -> str | None:
        """The design's text at `path`, read back from the site folder while the design's
        key is the same and the file is what the last build wrote; else None."""
        return self._written(path) if self.same(design_id) else None

    def _written(self, path: str) -> str | None:
        """The text at `path` in the site folder, if it is what the last build wrote there
        (its SHA-256, so it is the UTF-8 the build wrote)."""
        previous = self.previous
        written = previous.outputs.get(path) if previous else None
        if not (previous and written and self.site_dir is not None):
            return None
        found = f"{self.site_dir}/{path}"
        try:  # a regular file only: reading a FIFO would wait for ever
            data = Path(found).read_bytes() if os.path.isfile(found) else b""
        except OSError:
            data = b""
        if digest(data) == written:
            return data.decode("utf-8")
        # Not what the last build wrote: the Writer is told so, and writes it again.
        del previous.outputs[path]
        return None


def _search_form(held: object) -> bool:
    """Whether `held` is a searched page's entry as the Writer keeps it: [text, meta, digest]."""
    return _shaped(held, str, dict, str)


def _entry_form(held: object) -> TypeGuard[list[Any]]:
    """Whether `held` is a finder entry as `Reuse.entry` keeps it: [item, title, words]."""
    return _shaped(held, dict, str, list) and all(isinstance(word, str) for word in held[2])


def _shaped(held: object, *kinds: type) -> TypeGuard[list[Any]]:
    """Whether `held` is a list of values of these kinds, one each (read from a manifest)."""
    return (
        isinstance(held, list)
        and len(held) == len(kinds)
        and all(isinstance(value, kind) for value, kind in zip(held, kinds, strict=True))
    )


def reuse(
    settings: Settings,
    manifest: Manifest,
    previous: Manifest | None,
    site_dir: Path | None,
    index: Index,
) -> Reuse:
    """What this build can take from the last one (`previous`, its site folder `site_dir`),
    with every design's key."""
    common = epoch(manifest.code, settings, manifest.records, index)
    manifest.designs = {
        d.id: design_key(index, d, manifest.records, common) for d in index.designs.values()
    }
    return Reuse(manifest, previous, site_dir, common)

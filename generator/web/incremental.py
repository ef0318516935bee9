"""What an incremental build redoes: a manifest of the last build's inputs and outputs.

After each build of a site folder, .cache/site/manifests/ keeps, for it:
- `code`: a fingerprint of everything that shapes every page: the generator's code, its
  templates and scripts, the schemas, mkdocs.yml, the hand-written pages and documents,
  and the versions of MkDocs, Material and Pagefind. Another fingerprint: a full build;
- each record file's SHA-256, type, id and the fingerprint of its folder of files (names,
  sizes, times), as validated by that build;
- each design page's key (`design_key`): what its page is made from;
- each written page's and text's SHA-256.

The next build validates only the records that changed and those that name them, renders
and writes only the design pages whose key changed (every other page is rendered, and
written only if it differs), writes only the texts that differ, and deletes what the build
no longer makes. A full build and an incremental one write the same bytes
(tests/web/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from generator.analysis.results import PartAnalysis
from generator.checks.validate import naming
from generator.records.catalog import Catalog, Record, file_id
from generator.records.facts import data_of, parts_of
from generator.web.index import Index
from generator.web.links import page_url
from generator.web.markup import script_json
from generator.web.site import Settings

MANIFESTS = Path(".cache") / "site" / "manifests"
FORMAT = 2
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
    pages: dict[str, str] = field(default_factory=dict)  # design page path -> key
    outputs: dict[str, str] = field(default_factory=dict)  # site path -> sha of its bytes
    # Material's stylesheet cut to the classes the pages use (generator.web.writing): its
    # path, and the classes each written page uses (sets named by their digest).
    stylesheet: str = ""
    stylesheet_inputs: str = ""  # the digest of what the cut was made from
    class_sets: dict[str, list[str]] = field(default_factory=dict)
    page_classes: dict[str, str] = field(default_factory=dict)
    # Each searched page's text and meta (generator.web.search), by its site path.
    search: dict[str, list[Any]] = field(default_factory=dict)
    # The English site's: the digest of each Pagefind bundle it holds (search.write_index).
    search_bundles: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def path(root: Path, site_dir: Path) -> Path:
        return root / MANIFESTS / f"{digest(str(site_dir.resolve()))[:24]}.json"

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        """The manifest at `path`, if there is one of this format."""
        try:
            held = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(held, dict) or held.get("format") != FORMAT:
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
                dict(held["search_bundles"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
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
            "search_bundles": self.search_bundles,
        }
        temporary.write_text(json.dumps(document, sort_keys=True), "utf-8")
        temporary.replace(path)


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


def design_key(index: Index, design: Record, entry: list[str], common: str) -> str:
    """What a design's page is made from: the common `epoch`, its record and folder
    (`entry`), its parts' analyses (by file content and analyser), and the titles of the
    designs its lineage names."""
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
    titles = [
        [d, str(data_of(index.designs[d]).get("title", d))] for d in relatives if d in index.designs
    ]
    return digest(script_json([common, entry, analyses, titles]))


def kept_pages(
    settings: Settings,
    manifest: Manifest,
    previous: Manifest | None,
    site_dir: Path | None,
    index: Index,
) -> set[str]:
    """The designs whose pages the site folder holds as this build would write them: their
    key (generator.web.incremental.design_key) is the last build's, and so is the file.
    Every design's key goes into `manifest`."""
    common = epoch(manifest.code, settings, manifest.records, index)
    kept = set()
    for design in index.designs.values():
        path = f"design/{design.id}.md"
        key = design_key(index, design, manifest.records[design.display], common)
        manifest.pages[path] = key
        written = page_url(path)
        if (
            previous is not None
            and site_dir is not None
            and previous.pages.get(path) == key
            and written in previous.outputs
            and (site_dir / written).is_file()
        ):
            kept.add(design.id)
            manifest.outputs[written] = previous.outputs[written]
    return kept

"""What the site is made from, read once for every language's site: the records (loaded,
validated; after a build, only what changed), the analysis of every part, the repository's
documents, the hand-written pages of docs/ and the schemas."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.analysis import runner as analyse_run
from generator.analysis.results import PartResult
from generator.checks.validate import validate_catalog, validate_selection
from generator.findings import Finding, has_errors
from generator.findings.progress import SILENT, Progress
from generator.records.catalog import Catalog, load_catalog
from generator.records.parsed import CACHE_FILE as PARSED_RECORDS
from generator.records.parsed import ParsedRecords
from generator.web.derived import BuildError
from generator.web.i18n import LANGUAGES, SOURCE, TRANSLATED
from generator.web.incremental import Manifest, code_fingerprint, record_entries, to_check
from generator.web.pages.documents import DOCUMENTS
from generator.web.summary import Summary
from generator.web.translated import EnglishText, LanguageView, in_language

PROJECT = Path(__file__).resolve().parents[2]
DOCS_FOLDER = "docs"  # mkdocs.yml's docs_dir


@dataclass(frozen=True)
class Sources:
    """What every language's site is made from, read once for all of them."""

    catalog: Catalog
    analyses: dict[str, PartResult]
    documents: dict[str, str]  # repository documents by file name, translations too
    guides: dict[str, str]  # hand-written pages of docs/ by path, translations too
    schemas: dict[str, Path]
    code: str  # generator.web.incremental.code_fingerprint
    entries: dict[str, list[str]]  # each record's manifest entry
    _views: dict[str, LanguageView] = field(default_factory=dict, compare=False, repr=False)
    # The English site's design summaries, which the other languages share (render_site).
    summaries: dict[str, Summary] = field(default_factory=dict, compare=False, repr=False)

    def view(self, language: str) -> LanguageView:
        """The records as `language`'s site shows them, made once."""
        if language not in self._views:
            self._views[language] = in_language(self.catalog, language)
        return self._views[language]

    def in_language(self, texts: dict[str, str], language: str) -> dict[str, str]:
        """Documents (or guides) by their English name, in `language`: its translation
        (`<name>.<language>.md` beside it) where there is one, else the English, marked."""
        english = {name: text for name, text in texts.items() if not translated_name(name)}
        if language == SOURCE:
            return english
        return {
            name: texts.get(f"{name[:-3]}.{language}.md") or EnglishText(text)
            for name, text in english.items()
        }


def translated_name(name: str) -> bool:
    """Whether a document's or guide's file name is a translation's (`guide.fr.md`)."""
    return any(name.endswith(f".{language}.md") for language in TRANSLATED)


def read_sources(
    root: Path,
    project: Path = PROJECT,
    progress: Progress = SILENT,
    previous: Manifest | None = None,
) -> Sources:
    """What the sites are made from; after a build of the same code (`previous`, the
    manifest of a site folder's last build), only the records that changed, and those
    naming them, are parsed and validated again."""
    code = code_fingerprint(project)
    catalog, entries = load_checked(root, previous if previous and previous.code == code else None)
    documents = {}
    for name in DOCUMENTS:
        for language in LANGUAGES:
            file = name if language == SOURCE else f"{name[:-3]}.{language}.md"
            if (project / file).is_file():
                documents[file] = (project / file).read_text("utf-8")
    return Sources(
        catalog,
        analyse(catalog, root, progress),
        documents,
        guides(project / DOCS_FOLDER),
        {path.name: path for path in sorted((project / "schemas").glob("*.schema.json"))},
        code,
        entries,
    )


def load_valid_catalog(root: Path) -> Catalog:
    catalog = load_catalog(root)
    refuse_errors(validate_catalog(catalog))
    return catalog


def refuse_errors(findings: list[Finding]) -> None:
    """BuildError with every error, if there is one."""
    if has_errors(findings):
        # One line a finding with its hint (`makelocal validate` prints the grouped report):
        # the build stage leaves the reporters to the command line.
        errors = [f for f in sorted(findings) if f.severity == "error"]
        raise BuildError(
            "the records have errors; fix them and build again:\n"
            + "\n".join(f"  {f.located()}\n      hint: {f.hint}" for f in errors)
        )


def load_checked(root: Path, previous: Manifest | None) -> tuple[Catalog, dict[str, list[str]]]:
    """The catalogue, validated, and its manifest entries. Records whose files did not
    change since they were last parsed are not parsed again; after a build of the same code
    (`previous`), only the records that changed, and those naming them, are validated
    (generator.web.incremental).

    Without `previous`, every record is validated without the positions of its values
    (those of 10,000 designs took 195 MB); only a catalogue with errors is read again with
    them, for the findings to say where each is."""
    remembered = ParsedRecords(root / PARSED_RECORDS)
    catalog = load_catalog(root, remembered=remembered, positions=previous is not None)
    entries = record_entries(catalog, remembered.digests())
    if previous is None:
        found = validate_catalog(catalog)
        if has_errors(found):
            refuse_errors(validate_catalog(load_catalog(root)) or found)
    else:
        checked = to_check(catalog, previous, entries)
        catalog.reparse(checked)
        refuse_errors(validate_selection(catalog, checked))
    remembered.save()
    catalog.forget_positions()
    return catalog, entries


def analyse(catalog: Catalog, root: Path, progress: Progress = SILENT) -> dict[str, PartResult]:
    """The analysis of every part, keyed "design-id/part-id", from the analysis runner
    (cached under .cache/analysis/ by each STL's content hash)."""
    jobs = analyse_run.select_jobs(catalog, [], None)
    settings = analyse_run.Settings(cache=root / analyse_run.CACHE_FOLDER)
    results = analyse_run.run(jobs, settings, progress)
    return {f"{r.analysed.design}/{r.analysed.part}": r for r in results if r.analysed.design}


def guides(docs: Path) -> dict[str, str]:
    """The hand-written pages of the site (docs/**/*.md, by their path there) and their
    text, translations (`<name>.<language>.md`) too; the render stage makes them pages
    like every other."""
    return {
        path.relative_to(docs).as_posix(): path.read_text("utf-8")
        for path in sorted(docs.rglob("*.md"))
        if path.is_file() and not path.is_symlink()
    }

"""The findings' message catalogue, kept in step with the code.

    python -m generator.findings.catalogue

brings each language's `locale/<language>/LC_MESSAGES/findings.po` up to date: every
code's title and hint as generator/findings/codes.py has them (a changed one is marked
fuzzy, so its old translation is shown to the translator and not to contributors), and
the reporters' words as the code writes them, and the analysis's reasons (their templates,
context `reason`, and terms, context `reason word`: generator.analysis.said) as the code
says them; a code, word or reason gone is dropped. The
message patterns (context `message`) and the words that are values in messages (context
`word <placeholder>`) are written in the .po by hand: it is their source; they are kept.
tests/checks/test_findings_language.py fails while anything is untranslated or fuzzy.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.findings import language, po_files
from generator.findings.codes import CODES
from generator.findings.language import TEMPLATE_CONTEXT, TERM_CONTEXT

PROJECT = Path(__file__).resolve().parents[2]
# Where the reporters' own words are written (`_` and `ngettext` of findings.language).
WORD_FOLDERS = ("generator/reporters", "generator/cli")
KEYWORDS = {"_": None, "ngettext": (1, 2)}
# Where the analysis's reasons are written (generator.analysis.said): each sentence's
# template (`say`), and the terms its values may be (`term`, `term_words`, the joiner
# of `series`), each kind in its context.
REASON_FOLDER = "generator/analysis"
REASON_KEYWORDS: dict[str, dict[str, tuple[int, ...] | None]] = {
    TEMPLATE_CONTEXT: {"say": None},
    TERM_CONTEXT: {"term": None, "term_words": None, "series": (2,)},
}


def _hand_written(context: str | None) -> bool:
    """Whether an entry is a message pattern or a word, which the .po is the source of."""
    return context == language.MESSAGE or (context or "").startswith(language.WORD + " ")


HEADER = """\
# The findings of `makelocal validate`{language}: each code's title and hint, the
# messages as patterns (context "message"), and the words they use.
# Titles, hints and reporters' words: `python -m generator.findings.catalogue` from the
# code; patterns and translations by hand. Distributed under the project's licence (MIT)."""


def _catalog(code: str | None = None) -> Catalog:
    header = HEADER.format(language=f", in {code}" if code else "")
    catalog: Catalog = po_files.new_catalog(code, language.DOMAIN, header, "none")
    return catalog


def extract() -> Catalog:
    """The catalogue's messages that come from the code, in English."""
    catalog = _catalog()
    for code, entry in CODES.items():
        where = [("generator/findings/codes.py", 0)]
        catalog.add(entry.title, locations=where, context=f"{code} title")
        catalog.add(entry.hint, locations=where, context=f"{code} hint")
    for folder in WORD_FOLDERS:
        found = extract_from_dir(PROJECT / folder, [("**.py", "python")], keywords=KEYWORDS)
        for file, line, message, _comments, context in found:
            catalog.add(message, locations=[(f"{folder}/{file}", line)], context=context)
    for said, keywords in REASON_KEYWORDS.items():
        found = extract_from_dir(PROJECT / REASON_FOLDER, [("**.py", "python")], keywords=keywords)
        for file, line, message, _comments, _context in found:
            catalog.add(message, locations=[(f"{REASON_FOLDER}/{file}", line)], context=said)
    return catalog


def read(code: str) -> Catalog:
    path = language.catalogue_file(code)
    if not path.is_file():
        return _catalog(code)
    with path.open("rb") as po:
        return read_po(po, locale=code, domain=language.DOMAIN)


def updated(code: str) -> Catalog:
    """A language's catalogue brought up to date with the code, its translations kept."""
    template = extract()
    current = read(code)
    for entry in current:
        if entry.id and _hand_written(entry.context):
            template.add(entry.id, context=entry.context, auto_comments=entry.auto_comments)
    catalog = _catalog(code)
    for entry in current:
        if entry.id:
            catalog[entry.id] = entry
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.fuzzy = False  # the header: its plural forms are read
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """A catalogue as its .po file holds it."""
    written = io.BytesIO()
    write_po(written, catalog, width=100, ignore_obsolete=True, sort_output=False)
    return written.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """The entries still to translate: empty, partly empty or fuzzy."""
    return [
        f"{e.context or ''}: {e.id}"
        for e in catalog
        if e.id and (e.fuzzy or not _translated(e.string))
    ]


def update() -> dict[str, tuple[int, int]]:
    """Bring every language's catalogue up to date with the code; for each, how many
    entries it has and how many of them need translating."""
    counts = {}
    for code in language.LANGUAGES[1:]:
        catalog = updated(code)
        path = language.catalogue_file(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
        counts[code] = (sum(1 for e in catalog if e.id), len(untranslated(catalog)))
    return counts


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)


def main() -> int:
    for code, (total, missing) in update().items():
        where = language.catalogue_file(code).relative_to(PROJECT)
        print(f"{where}: {total} entries, {missing} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The site's message catalogue: every word of its interface, found where it is written.

    python -m generator.web.catalogue

brings `locale/site.pot` (the English messages) and each language's .po up to date after
the code changed: new messages are added untranslated, gone ones dropped, translations
kept. tests/web/test_catalogue.py fails while the catalogue is behind the code, or a
language has a message untranslated, fuzzy, or with other placeholders, numbers or
markup than its English.

Messages are found in the site's Python (`_`, `ngettext`, `pgettext`, and `N_` where a
message is defined to be translated where it is shown), its templates (`{% trans %}` and
`_()`), its scripts (`_` and `ngettext`), and in what other parts of the project write
for readers: the titles and descriptions of the schemas' coded values, the words of the
evidence ladder, of "What can I make?" and of the repairability score, and mkdocs.yml's
navigation.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.findings import po_files
from generator.web import i18n

PROJECT = Path(__file__).resolve().parents[2]
WEB = "generator/web"
TEMPLATE = i18n.LOCALE_FOLDER / f"{i18n.DOMAIN}.pot"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
}
METHODS = [
    ("templates/**.html", "jinja2.ext:babel_extract"),
    ("assets/**.js", "javascript"),
    ("**.py", "python"),
]
HEADER = """\
# The words of the MakeLocal site{language}.
# Written by `python -m generator.web.catalogue` from the code; translations by hand.
# This file is distributed under the same licence as the MakeLocal project (MIT)."""


def _catalog(language: str | None = None) -> Catalog:
    header = HEADER.format(language=f", in {language}" if language else "")
    catalog: Catalog = po_files.new_catalog(
        language, i18n.DOMAIN, header, "none: the English messages"
    )
    return catalog


def _code_messages() -> Iterator[tuple[str | tuple[str, ...], str, int, str | None]]:
    """(message, file, line, context) from the site's code, templates and scripts."""
    found = extract_from_dir(
        PROJECT / WEB,
        METHODS,
        options_map={"templates/**.html": {"trimmed": "true"}},
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for file, line, message, _comments, context in found:
        yield message, f"{WEB}/{file}", line, context


def _other_messages() -> Iterator[tuple[str, str]]:
    """(message, where it is written) of what other parts of the project write for the
    site's readers."""
    import yaml

    from generator.analysis import fit
    from generator.makeit import matching, needs, repairability
    from generator.records import evidence
    from generator.web import labels

    for message, schema in labels.schema_messages():
        yield message, f"schemas/{schema}.schema.json"
    for rung in evidence.RUNGS:
        yield from (
            (rung.name, "generator/records/evidence.py"),
            (rung.meaning, "generator/records/evidence.py"),
        )
    where = "generator/analysis/fit.py"  # how a part stands and fits, which pages show
    yield from ((message, where) for message in (fit.AS_EXPORTED, fit.QUARTER_TURN, fit.STANDING))
    where = "generator/makeit/matching.py"
    yield from ((message, where) for message in matching.MESSAGES.values())
    yield matching.ROTATION, where
    yield needs.ASSUMPTION, "generator/makeit/needs.py"
    where = "generator/makeit/repairability.py"
    yield from ((label, where) for label in repairability.CRITERIA.values())
    yield from ((blocker, where) for blocker in repairability.BLOCKERS.values())
    yield from ((loss, where) for loss in repairability.DOCUMENTATION_MISSING.values())
    yield from ((loss, where) for loss in repairability.LOSSES.values())
    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    yield config["site_description"], "mkdocs.yml"
    yield "Guides", "mkdocs.yml"  # the section generator/web/mkdocs_hook.py adds
    yield from ((title, "mkdocs.yml") for title in _nav_titles(config.get("nav") or []))


def _nav_titles(nav: list[object]) -> Iterator[str]:
    for item in nav:
        if isinstance(item, dict):
            for title, entry in item.items():
                yield str(title)
                if isinstance(entry, list):
                    yield from _nav_titles(entry)


def extract() -> Catalog:
    """The site's messages, in English, each with where it is written."""
    catalog = _catalog()
    catalog.fuzzy = False
    for message, file, line, context in _code_messages():
        catalog.add(message, locations=[(file, line)], context=context)
    for message, file in _other_messages():
        catalog.add(message, locations=[(file, 0)])
    return catalog


def update() -> dict[str, tuple[int, int]]:
    """Write the template and bring every language's .po up to date with it; for each
    language, how many messages it has and how many of them still need translating."""
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as out:
        write_po(out, template, width=100, omit_header=False)
    counts = {}
    for language in i18n.TRANSLATED:
        path = i18n.catalogue_file(language)
        catalog = _catalog(language)
        if path.is_file():
            with path.open("rb") as po:
                for message in read_po(po, locale=language, domain=i18n.DOMAIN):
                    if message.id:
                        catalog[message.id] = message
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
        catalog.fuzzy = False  # the header: its plural forms are read
        catalog.obsolete.clear()
        with path.open("wb") as out:
            write_po(out, catalog, width=100, ignore_obsolete=True)
        missing = sum(
            1
            for m in catalog
            if m.id
            and (
                not m.string
                or m.fuzzy
                or not all(m.string if isinstance(m.string, tuple) else [m.string])
            )
        )
        counts[language] = (sum(1 for m in catalog if m.id), missing)
    return counts


def main() -> int:
    for language, (total, missing) in update().items():
        where = i18n.catalogue_file(language).relative_to(PROJECT)
        print(f"{where}: {total} messages, {missing} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

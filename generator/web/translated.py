"""The records in another language than English, as that language's site shows them.

A language's site (`/fr/`) has every page that is not a record's (home, lists, guides,
contribute...) and the pages of the records translated into it; every other address leads
to the English site. Its records are the English ones with their translations laid over
them (generator.records.translations); reader text still in English is marked: an
`EnglishText` writes itself into a page with `lang="en"` and the class site.css marks for
sighted readers, so English never passes for the page's language.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from markupsafe import escape

from generator.records.catalog import Catalog, Record
from generator.records.loader import Document
from generator.records.translations import Localised, Translations

# The record types with a page of their own, by the folder their pages are in.
PAGE_FOLDERS = {"design": "design", "material": "material", "process": "process",
                "maker": "maker", "need": "need"}  # fmt: skip
# Files of a translated design its language's site has too: its manifest, in that language.
TRANSLATED_FILES = ("okh.toml",)
SHARED_SCRIPTS = "assets/makelocal/"  # the site's own scripts and styles, in every site


class EnglishText(str):
    """Reader text shown in English on a page in another language, for want of its
    translation. Written into a page it carries `lang="en"`; where it goes into an
    attribute, `plain()` takes the mark off."""

    __slots__ = ()

    def __html__(self) -> str:
        return f'<span lang="en" class="ml-en">{escape(str(self))}</span>'


def plain(value: Any) -> Any:
    """A value as plain text, for an attribute (where no element can go)."""
    return str(value) if isinstance(value, EnglishText) else value


@dataclass(frozen=True)
class RecordTranslation:
    """What a reader is told about a translated record's text."""

    reviewed: bool  # by a fluent speaker; else "not yet reviewed" is shown
    current: bool  # made from the English as it is now
    translated_by: str
    reviewed_by: str
    date: str
    english: int  # how many of its texts are still English


# A record's translation, if it has one in the language being written, by type and id.
TranslationOf = Callable[[str, str], RecordTranslation | None]


@dataclass(frozen=True)
class LanguageView:
    """A language's records, and which pages its site has."""

    language: str
    catalog: Catalog  # every record, its text in the language where translated
    translations: Mapping[tuple[str, str], RecordTranslation]  # (type, id) -> its translation

    def translation(self, record_type: str, record_id: str) -> RecordTranslation | None:
        return self.translations.get((record_type, record_id))

    def has(self, target: str) -> bool:
        """Whether this language's site has the page or file at a site path (pages as
        .md): every page but those of untranslated records, a translated design's manifest,
        and the site's own scripts; the rest (pictures, downloads, the API) is the English
        site's."""
        path = target.partition("#")[0]
        if path.startswith(SHARED_SCRIPTS):
            return True
        folder, _, rest = path.partition("/")
        record_type = PAGE_FOLDERS.get(folder)
        if record_type is None or not rest:
            return path.endswith(".md")
        record_id, _, file = rest.partition("/")
        if file:  # a translated design's manifest, a translated maker's list of designs
            return (file in TRANSLATED_FILES or file.endswith(".md")) and (
                record_type,
                record_id,
            ) in self.translations
        return record_id.endswith(".md") and (record_type, record_id[:-3]) in self.translations


# A link of the site's own markup (addresses escaped, in double quotes), with no hreflang.
_LINK = re.compile(r'<a((?:\s(?!hreflang=)[\w-]+="[^"]*")*?)\shref="([^"#:]+)((?:#[^"]*)?)"')


# A drawing (the maps): its links are SVG's, which take no hreflang.
_DRAWING = re.compile(r"(<svg\b.*?</svg>)", re.DOTALL)


def english_links(html: str, page: str, folder: str) -> str:
    """A page of a language's site (in `folder`) with its links to English pages marked
    `hreflang="en"` (site.css marks them for the eye): records it has no translation of.
    Links in drawings are left as they are."""

    def mark(found: re.Match[str]) -> str:
        here = posixpath.dirname(f"{folder}/{page}")
        target = posixpath.normpath(posixpath.join(here, unquote(found.group(2))))
        english = target.endswith(".html") and not target.startswith(f"{folder}/")
        return found.group(0) + (' hreflang="en"' if english else "")

    pieces = _DRAWING.split(html)
    return "".join(p if n % 2 else _LINK.sub(mark, p) for n, p in enumerate(pieces))


def _marked(data: Any, english: frozenset[tuple[str | int, ...]]) -> Any:
    """The record's data with the reader text at the `english` paths marked: the mappings
    and lists on the way to each copied (the record itself is left as it is), the rest
    shared with it."""
    if not english:
        return data
    marked = copy.copy(data)
    copied = {id(marked)}
    for path in english:
        parent = marked
        for step in path[:-1]:
            child = parent[step]
            if id(child) not in copied:
                child = parent[step] = copy.copy(child)
                copied.add(id(child))
            parent = child
        value = parent[path[-1]]
        if isinstance(value, str):
            parent[path[-1]] = EnglishText(value)
    return marked


def _translation(found: Localised) -> RecordTranslation | None:
    translation = found.translation
    if translation is None:
        return None
    return RecordTranslation(
        reviewed=found.reviewed,
        current=found.current,
        translated_by=translation.translated_by or "",
        reviewed_by=translation.reviewed_by or "",
        date=translation.date or "",
        english=len(found.fallback),
    )


def in_language(catalog: Catalog, language: str) -> LanguageView:
    """The catalogue as `language`'s site shows it."""
    translations = Translations.of(catalog)
    records: list[Record] = []
    translated: dict[tuple[str, str], RecordTranslation] = {}
    for record in catalog.records:
        found = translations.localised(record, language)
        data = _marked(found.data, found.fallback)
        records.append(
            Record(record.type, record.path, record.display, Document(record.path, data))
        )
        info = _translation(found)
        if info is not None and record.type in PAGE_FOLDERS.values():
            translated[(record.type, record.id)] = info
    view = Catalog(catalog.root, records=records, design_files=catalog.design_files)
    return LanguageView(language, view, translated)

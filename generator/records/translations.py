"""Translations of records: where they are, how they are read, and a record in a language.

A translation is a YAML file beside its record, named after it with the language before
`.yml` (designs/<id>/design.fr.yml, catalog/materials/<id>.fr.yml). It holds `language`,
`status` (translated, or reviewed by a fluent speaker named in `reviewed_by`),
`translated_by`, `date`, `translated_from` (the fingerprint of the English text it was
made from) and the record's reader text (generator.records.reader_text) in the record's
own structure. schemas/translation.schema.json describes it.

`Translations.localised(record, "fr")` gives the record's data with its French text in
place and the paths of the reader text that stayed English, so the site can mark them.
Nothing here judges a translation: generator.checks.translations does.
"""

from __future__ import annotations

import copy
import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from generator.findings.suggest import closest
from generator.records.catalog import TRANSLATION_NAME, Record, display_path, record_type_at
from generator.records.file_names import printable
from generator.records.loader import JsonPath, load
from generator.records.reader_text import (
    ANCHOR,
    child_schema,
    fingerprint,
    is_text,
    reader_schema,
    reader_text,
)
from generator.records.schemas import schema_documents

if TYPE_CHECKING:
    from generator.records.catalog import Catalog

ENGLISH = "en"
TRANSLATION_TYPE = "translation"  # the type a translation file is read as
Status = Literal["translated", "reviewed"]
STATUSES: tuple[Status, ...] = ("translated", "reviewed")


def languages() -> dict[str, str]:
    """The languages a record may be translated into, with their English names."""
    language = schema_documents()[TRANSLATION_TYPE]["properties"]["language"]
    return {choice["const"]: choice["title"] for choice in language["oneOf"]}


def metadata_fields() -> frozenset[str]:
    """The fields a translation holds about itself, besides the record's text."""
    return frozenset(schema_documents()[TRANSLATION_TYPE]["properties"])


@dataclass(frozen=True)
class Place:
    """Where a translation file is: the record it translates and its language."""

    record_type: str
    record: PurePosixPath  # the English record's file, relative to the repository root
    language: str


def translation_place(relative: PurePosixPath) -> Place | None:
    """The translation a file is by its path relative to the repository root, or None."""
    match = TRANSLATION_NAME.fullmatch(relative.name)
    if match is None:
        return None
    record = relative.with_name(f"{match['stem']}.yml")
    record_type = record_type_at(record)
    return Place(record_type, record, match["language"]) if record_type else None


def is_translation(root: Path, path: Path) -> bool:
    """Whether a file is, by its place, the translation of a record of the repository."""
    try:
        relative = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return False
    return translation_place(relative) is not None


def translations_beside(
    root: Path, record_path: Path, names: Iterable[str] | None = None
) -> Iterator[tuple[Place, Path]]:
    """The translation files of one record (which need not exist), sorted; taken from
    `names` (those of the files in its folder, when they have been listed) rather than
    from the disk."""
    pattern = f"{record_path.stem}.??.yml"
    folder = record_path.parent
    found = (
        [folder / name for name in names if fnmatch.fnmatchcase(name, pattern)]
        if names is not None
        else list(folder.glob(pattern))
    )
    for path in sorted(found):
        place = translation_place(PurePosixPath(path.relative_to(root).as_posix()))
        if place is not None:
            yield place, path


def load_translations(catalog: Catalog) -> None:
    """Read the translations of the catalogue's records into `catalog.translations`, and
    their problems (YAML, links) into its findings. A translation of no record is not
    read: the catalogue reports it with the YAML files that are not records."""
    for record in catalog.records:
        # A design's folder is listed already (at 10,000 designs, 0.06 s instead of 0.4 s).
        listed = catalog.design_files.get(record.display) if record.type == "design" else None
        for place, path in translations_beside(catalog.root, record.path, listed):
            shown = printable(display_path(catalog.root, path))
            loaded = load(path, shown)
            if isinstance(loaded, list):
                catalog.findings.extend(loaded)
            else:
                file = Record(TRANSLATION_TYPE, path, shown, loaded)
                catalog.translations.append(Translation(file, place))


def orphan_message(place: Place, root: Path) -> str:
    """What to do with a translation whose record does not exist: name it after a record
    (the nearest by name, when one is near) or remove it."""
    record = place.record
    if place.record_type == "design":
        known = [p.parent.name for p in (root / "designs").glob("*/design.yml")]
        name, guess = record.parent.name, closest(record.parent.name, known)
        fix = f"move it to designs/{guess}/design.{place.language}.yml" if guess else None
    else:
        known = [
            p.stem
            for p in (root / record.parent).glob("*.yml")
            if not TRANSLATION_NAME.fullmatch(p.name)
        ]
        name, guess = record.stem, closest(record.stem, known)
        fix = f"rename it to {guess}.{place.language}.yml" if guess else None
    return (
        f"this translates {record.as_posix()}, which does not exist: "
        + (fix or "name it after the record it translates")
        + f" ({name!r} is no record's id), or remove it"
    )


@dataclass
class Translation:
    """A translation file, read; its metadata as typed values where they are well formed
    (the validator reports the rest)."""

    file: Record  # the translation file, read as a record of type "translation"
    place: Place

    @property
    def data(self) -> Any:
        return self.file.data

    @property
    def language(self) -> str:
        return self.place.language

    @property
    def record_display(self) -> str:
        return self.place.record.as_posix()

    def _text(self, key: str) -> str | None:
        value = self.data.get(key) if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def status(self) -> Status | None:
        value = self._text("status")
        return next((s for s in STATUSES if s == value), None)

    @property
    def translated_by(self) -> str | None:
        return self._text("translated_by")

    @property
    def reviewed_by(self) -> str | None:
        return self._text("reviewed_by")

    @property
    def date(self) -> str | None:
        return self._text("date")

    @property
    def translated_from(self) -> str | None:
        return self._text("translated_from")


MismatchKind = Literal["absent", "shape", "length", "item"]


@dataclass(frozen=True)
class Mismatch:
    """Where a translation's structure departs from its record's.

    absent: the English record has no such field (or list item);
    shape: a list or mapping where the English has something else (a translated value
        of the wrong type is not one: the translation's schema reports it);
    length: a list with another number of items than the English;
    item: a list item whose id is not the English item's at that place.
    """

    path: JsonPath  # in the translation
    kind: MismatchKind
    english: Any  # the English value there: its list, its item id, or None
    translated: Any  # the translation's value there


@dataclass(frozen=True)
class Alignment:
    """A translation laid over its record: each translated text with its English, and the
    places where the two do not fit."""

    pairs: dict[JsonPath, tuple[str, str]]  # path -> (English, translated)
    mismatches: tuple[Mismatch, ...]


def align(record_type: str, english: Any, translated: Any) -> Alignment:
    """The translated texts of a record paired with their English, by path."""
    pairs: dict[JsonPath, tuple[str, str]] = {}
    mismatches: list[Mismatch] = []
    metadata = metadata_fields()
    if isinstance(translated, dict):
        fields = {k: v for k, v in translated.items() if k not in metadata}
        _align(reader_schema(record_type), english, fields, (), pairs, mismatches)
    return Alignment(pairs, tuple(mismatches))


def _align(
    node: dict[str, Any],
    english: Any,
    translated: Any,
    path: JsonPath,
    pairs: dict[JsonPath, tuple[str, str]],
    mismatches: list[Mismatch],
) -> None:
    # A translated value of the wrong type breaks the translation's schema, which is this
    # same reader-text schema: the schema's finding (ML103) says what the value is and where.
    if is_text(node):
        if isinstance(translated, str) and isinstance(english, str):
            pairs[path] = (english, translated)
        return
    if node.get("type") == "array":
        if not isinstance(translated, list):
            return
        if not isinstance(english, list):
            mismatches.append(Mismatch(path, "shape", english, translated))
        elif len(translated) != len(english):
            mismatches.append(Mismatch(path, "length", english, translated))
        else:
            for index, (item, own) in enumerate(zip(english, translated, strict=True)):
                _align(
                    child_schema(node, index) or {}, item, own, (*path, index), pairs, mismatches
                )
        return
    if not isinstance(translated, dict):
        return
    if not isinstance(english, dict):
        mismatches.append(Mismatch(path, "shape", english, translated))
        return
    anchor = translated.get(ANCHOR)
    if anchor is not None and anchor != english.get(ANCHOR):
        mismatches.append(Mismatch((*path, ANCHOR), "item", english.get(ANCHOR), anchor))
        return
    for key, value in translated.items():
        child = child_schema(node, key)
        if child is None or key == ANCHOR:
            continue  # not reader text: the translation's schema reports it
        if key not in english:
            mismatches.append(Mismatch((*path, key), "absent", None, value))
        else:
            _align(child, english[key], value, (*path, key), pairs, mismatches)


@dataclass(frozen=True)
class Localised:
    """A record's data in a language: its reader text translated where a translation gives
    it, English elsewhere."""

    language: str
    data: Any
    translated: frozenset[JsonPath]  # reader text in `language`
    fallback: frozenset[JsonPath]  # reader text left in English
    translation: Translation | None = None
    # Whether the translation was made from the English text as it is now.
    current: bool = True

    @property
    def status(self) -> Status | None:
        return self.translation.status if self.translation else None

    @property
    def reviewed(self) -> bool:
        """Whether a fluent speaker has reviewed the translated text; readers see text that
        is translated but not reviewed marked as such."""
        return self.status == "reviewed"

    def language_at(self, path: JsonPath) -> str:
        """The language of the reader text at `path`."""
        return self.language if path in self.translated else ENGLISH


def localised(record: Record, language: str, translation: Translation | None) -> Localised:
    """A record's data in `language`, from its translation into it (if any)."""
    english = reader_text(record.type, record.data)
    if language == ENGLISH or translation is None:
        in_english = language == ENGLISH
        shown = frozenset(english)
        return Localised(
            language,
            record.data,
            shown if in_english else frozenset(),
            frozenset() if in_english else shown,
        )
    pairs = align(record.type, record.data, translation.data).pairs
    data = copy.deepcopy(record.data)
    for path, (_, text) in pairs.items():
        _put(data, path, text)
    done = frozenset(pairs)
    return Localised(
        language,
        data,
        done,
        frozenset(english) - done,
        translation,
        translation.translated_from == fingerprint(record.type, record.data),
    )


def _put(data: Any, path: JsonPath, value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@dataclass(frozen=True)
class Translations:
    """The catalogue's translations, by the record they translate and their language."""

    by_record: dict[tuple[str, str], Translation] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> Translations:
        return cls({(t.record_display, t.language): t for t in catalog.translations})

    def of_record(self, record: Record, language: str) -> Translation | None:
        return self.by_record.get((record.display, language))

    def localised(self, record: Record, language: str) -> Localised:
        return localised(record, language, self.of_record(record, language))

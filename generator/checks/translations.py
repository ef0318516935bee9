"""The checks on translations of records (ML7xx, and the schema's and text's own codes).

A translation is checked against the translation schema with its record type's reader
text (so a French title is one line, like the English one), then laid over its record:
a field the record lacks, a list of another length, text where the record has a list;
numbers, units, links and code spans that differ from the English; a reviewed status
without its reviewer; and, as a warning, an English text changed since the translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.checks.schema import schema_findings, validator_for
from generator.checks.schema_files import SCHEMA_COMMENT, schema_path_for
from generator.checks.text_rules import field_name, text_finding, text_findings
from generator.checks.translated_text import decimal_points, departures
from generator.findings import Finding
from generator.records.catalog import Catalog, Record
from generator.records.loader import JsonPath
from generator.records.reader_text import fingerprint, reader_schema
from generator.records.schemas import schema_documents
from generator.records.translations import (
    TRANSLATION_TYPE,
    Mismatch,
    Translation,
    align,
    languages,
)

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

# Text this long that is the same as the English was left untranslated: a name or a word
# may well be the same in both languages.
_UNTRANSLATED_WORDS = 3
_CODES = {"number": "ML705", "unit": "ML705", "reference": "ML706"}
_KEEP = {
    "number": "numbers stay as in the English (in French with a decimal comma: 0,8 mm)",
    "unit": "units stay as in the English",
    "reference": "links and `code` stay as in the English",
}


@cache
def translation_validator(record_type: str) -> Draft202012Validator:
    """The translation schema, with the reader text of a record type as its other fields."""
    schema = dict(schema_documents()[TRANSLATION_TYPE])
    text = reader_schema(record_type)["properties"]
    schema["properties"] = {**schema["properties"], **text}
    schema["additionalProperties"] = False
    return validator_for(schema)


def translation_findings(catalog: Catalog) -> Iterator[Finding]:
    """Every finding on the catalogue's translations."""
    records = {record.display: record for record in catalog.records}
    for translation in catalog.translations:
        file = translation.file
        yield from _schema_comment(file)
        yield from schema_findings(file, translation_validator(translation.place.record_type))
        yield from text_findings(file)
        if isinstance(file.data, dict):
            yield from _about(translation)
            record = records.get(translation.record_display)
            published = translation.language in languages()
            if published and record is not None and isinstance(record.data, dict):
                yield from _against(translation, record)


def _at(file: Record, path: JsonPath, code: str, message: str, *, key: bool = False) -> Finding:
    mark = file.doc.mark(path, key=key)
    return Finding.of(code, file.display, mark.line, mark.column, message)


def _schema_comment(file: Record) -> Iterator[Finding]:
    if not file.doc.first_line.startswith(SCHEMA_COMMENT):
        schema = schema_path_for(TRANSLATION_TYPE, PurePosixPath(file.display))
        yield Finding.of(
            "ML014", file.display, 1, 1, f"first line should be `{SCHEMA_COMMENT}{schema}`"
        )


def _about(translation: Translation) -> Iterator[Finding]:
    """The language and the review: what the translation says about itself."""
    file, language = translation.file, translation.language
    published = languages()
    if language not in published:
        names = ", ".join(f"{name} ({code})" for code, name in published.items())
        yield Finding.of(
            "ML702",
            file.display,
            1,
            1,
            f"the file name says the language is {language!r}, which the site does not publish "
            f"yet (it publishes {names}): rename the file, or ask in an issue for the language",
        )
    stated = file.data.get("language")
    if stated in published and language in published and stated != language:
        yield _at(
            file,
            ("language",),
            "ML702",
            f"language is {stated!r} but the file name says {language!r}: make them the same",
        )
    if translation.status == "reviewed" and not translation.reviewed_by:
        yield _at(
            file,
            ("status",),
            "ML707",
            "status is reviewed, but reviewed_by does not name who reviewed it: add "
            "reviewed_by, or set status: translated until a fluent speaker has read it",
        )


def _against(translation: Translation, record: Record) -> Iterator[Finding]:
    """The translation laid over its English record."""
    file = translation.file
    aligned = align(record.type, record.data, file.data)
    for mismatch in aligned.mismatches:
        yield _mismatch_finding(file, mismatch, record.display)
    for path, (english, text) in aligned.pairs.items():
        yield from _kept(file, path, english, text, translation.language)
    stated = translation.translated_from
    now = fingerprint(record.type, record.data)
    if stated is not None and len(stated) == len(now) and stated != now:
        yield _at(
            file,
            ("translated_from",),
            "ML708",
            f"the English text of {record.display} changed since this translation was made "
            f"from it (translated_from {stated}, the English now {now}): compare the two "
            f"(`git log -p {record.display}` shows what changed), bring the translation up to "
            f"date, then set translated_from: {now}",
        )


def _mismatch_finding(file: Record, mismatch: Mismatch, record: str) -> Finding:
    where = field_name(mismatch.path)
    if mismatch.kind == "absent":
        return _at(
            file,
            mismatch.path,
            "ML703",
            f"{where}: {record} has no such field, so there is nothing to translate: remove "
            "it, or add the field to the English record first",
            key=True,
        )
    english = mismatch.english
    if mismatch.kind == "length":
        message = (
            f"{where} has {len(mismatch.translated)} item(s), the English "
            f"{len(english)}: translate each item of the English list, in the same order"
        )
    elif mismatch.kind == "item":
        message = (
            f"{where} is not the id of the English item at this place ({english!r}): keep "
            "the items in the English order, with their ids"
        )
    else:
        kind = "a list" if isinstance(english, list) else "text"
        kind = kind if isinstance(english, list | str) else "a mapping"
        message = f"{where} is {kind} in the English: give it in the same form"
    return _at(file, mismatch.path, "ML704", message)


def _kept(
    file: Record, path: JsonPath, english: str, text: str, language: str
) -> Iterator[Finding]:
    """What a translated text changes of its English, each with what to keep."""
    for departure in departures(english, text, language):
        message = f"{departure.message}: {_KEEP[departure.kind]}"
        yield text_finding(file, path, text, departure.offset, _CODES[departure.kind], message)
    if text == english and len(english.split()) >= _UNTRANSLATED_WORDS:
        yield text_finding(
            file, path, text, 0, "ML710", "is the English text: translate it, or remove it"
        )
    if language == "fr":
        for number, offset in decimal_points(text, english)[:1]:
            comma = number.replace(".", ",")
            message = f"writes {number} with a decimal point, where French writes {comma}"
            yield text_finding(file, path, text, offset, "ML709", message)

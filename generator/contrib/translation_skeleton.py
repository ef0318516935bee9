"""`makelocal translate RECORD`: the translation file of a record, to be filled in.

It holds the record's reader text in English, in the record's structure (every list as
long as the English, each item with its id), and the fingerprint of that English text, so
the translator replaces text and never has to rebuild the structure by hand. `translated_by`
is the placeholder TODO until filled in (ML407), so an untouched skeleton cannot land.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

import yaml

from generator.checks.schema_files import SCHEMA_COMMENT, schema_path_for
from generator.checks.text_rules import PLACEHOLDER
from generator.records.catalog import Record, display_path, record_type_of
from generator.records.loader import load
from generator.records.reader_text import fingerprint, reader_part
from generator.records.translations import TRANSLATION_TYPE, languages


class TranslationError(Exception):
    """What stops a skeleton being written; the message says what to do."""


class _Dumper(yaml.SafeDumper):
    """Text over several lines as a literal block (`|`), and list items indented under
    their field, as records write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def skeleton(record: Record, language: str, translated_by: str | None, day: date) -> str:
    """The text of a new translation file of `record` into `language`."""
    name = languages()[language]
    header = {
        "language": language,
        "status": "translated",
        "translated_by": translated_by or PLACEHOLDER,
        "date": day.isoformat(),
        "translated_from": fingerprint(record.type, record.data),
    }
    where = PurePosixPath(record.display).with_name(f"{record.path.stem}.{language}.yml")
    lines = [
        f"{SCHEMA_COMMENT}{schema_path_for(TRANSLATION_TYPE, where)}",
        f"# {name} text of {record.display}. Replace each English text below with its",
        "# translation, and remove what you leave untranslated (readers then see the English,",
        "# marked as such). Keep numbers, units, links and `code` as they are; keep every",
        "# list as long as the English. `makelocal validate` checks all of that.",
    ]
    body = yaml.dump(
        {**header, **reader_part(record.type, record.data)},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**6,
    )
    return "\n".join(lines) + "\n" + body


def write_skeleton(
    root: Path, record_path: Path, language: str, translated_by: str | None, day: date
) -> Path:
    """Write the translation skeleton beside a record; refuse to overwrite one."""
    if language not in languages():
        raise TranslationError(
            f"the site publishes no {language!r} text yet: give one of {', '.join(languages())}"
        )
    record_type = record_type_of(root, record_path)
    if record_type is None or not record_path.is_file():
        raise TranslationError(
            f"{record_path} is not a record: give a record file, such as "
            "catalog/materials/pla.yml or designs/face-shield-headband/design.yml"
        )
    loaded = load(record_path, display_path(root, record_path))
    if isinstance(loaded, list):
        raise TranslationError(f"{loaded[0].located()}: fix the record first")
    target = record_path.with_name(f"{record_path.stem}.{language}.yml")
    if target.exists():
        raise TranslationError(
            f"{display_path(root, target)} exists already: edit it (`makelocal validate` says "
            "what changed in the English since it was made)"
        )
    record = Record(record_type, record_path, display_path(root, record_path), loaded)
    target.write_text(skeleton(record, language, translated_by, day), encoding="utf-8")
    return target

"""site/api/: every record as JSON, versioned, each file with the JSON Schema it follows.

`api/<name>.json` holds `{"$schema", "version", "type", "count", "items"}`. An item is a
record as the repository holds it (a maker's only with the details it agreed to show),
plus what the site adds under names no record type uses: `page` (the record's page), for
materials and processes `designs` (the designs that use them), for designs `downloads`
and, in each part, `analysis`, `download` and `preview`, for needs `state`, `as_of` and
`makers` (who can make it, as of the build's date), and for every record
`documentation_language` (English, the records' own) and `translations` (its text in other
languages, with their pages and whether a fluent speaker reviewed them). Addresses are
relative to the site's root.

`api/schemas/<name>.schema.json` is each file's JSON Schema (generator.web.api_schemas).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, partial
from typing import Any

from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of, visible_maker
from generator.records.translations import Translations, metadata_fields
from generator.web.api_schemas import (
    API_FILES,
    API_VERSION,
    IDS_PER_PAGE,
    IDS_SCHEMA,
    INDEX_SCHEMA,
    api_schema,
    schema_path,
    schema_text,
)
from generator.web.i18n import LANGUAGES, SOURCE, TRANSLATED
from generator.web.incremental import Reuse
from generator.web.index import Index
from generator.web.links import preview_file
from generator.web.markup import script_json
from generator.web.site import Texts


def _design_item(index: Index, design: Record) -> dict[str, Any]:
    data = dict(data_of(design))
    base = f"design/{design.id}"
    parts = []
    for part in parts_of(data):
        item = dict(part)
        item["analysis"] = index.published_analysis(design.id, part["id"])
        if part.get("file"):
            item["download"] = f"{base}/{part['file']}"
        if index.preview(design.id, part["id"]) is not None:
            item["preview"] = preview_file(design.id, part["id"])
        parts.append(item)
    data["parts"] = parts
    data["page"] = f"{base}.html"
    data["downloads"] = {"zip": f"{base}/{design.id}.zip", "okh": f"{base}/okh.toml"}
    return data


def _need_item(index: Index, need: Record) -> dict[str, Any]:
    found = index.need_matches.get(need.id)
    return {
        **data_of(need),
        "page": f"need/{need.id}.html",
        "as_of": index.as_of.isoformat(),
        "state": found.state if found else "open",
        "makers": [
            {
                "maker": c.maker,
                "designs": list(c.designs),
                "enough": c.coverage.enough if c.coverage else None,
            }
            for c in (found.candidates if found else ())
        ],
    }


def _languages(translations: Translations, record: Record) -> dict[str, Any]:
    """The record's documentation language and its translations (`_LANGUAGES`)."""
    found = {}
    for language in TRANSLATED:
        translation = translations.of_record(record, language)
        if translation is None or translation.status is None:
            continue
        own = metadata_fields()
        found[language] = {
            "page": f"{LANGUAGES[language].folder}/{record.type}/{record.id}.html",
            "status": translation.status,
            "current": translations.localised(record, language).current,
            "text": {k: v for k, v in translation.data.items() if k not in own},
        }
    return {"documentation_language": SOURCE, "translations": found}


def _item_texts(
    index: Index, name: str, record_type: str, reuse: Reuse | None
) -> tuple[list[str], list[str]]:
    """The ids of a type's records (api/<name>.json's) and their items' texts
    (script_json's), a design's read from its own file of the last build while it is
    unchanged (`reuse`)."""
    translations = Translations.of(index.catalog)
    if record_type == "design":
        return list(index.designs), _design_texts(index, name, translations, reuse)
    records = {
        "need": index.needs,
        "maker": index.makers,
        "material": index.materials,
        "process": index.processes,
    }[record_type]
    items = _own_items(index, record_type)
    texts = [
        script_json({**item, **_languages(translations, record)})
        for item, record in zip(items, records.values(), strict=True)
    ]
    return [str(item["id"]) for item in items], texts


def _design_texts(
    index: Index, name: str, translations: Translations, reuse: Reuse | None
) -> list[str]:
    """Each design's item's text, cut from the whole file (api/<name>.json) of the last
    build while the design is unchanged (`reuse`, which is told where each is now)."""
    kept = reuse.items(f"api/{name}.json") if reuse else {}
    texts = [
        kept.get(design.id) or _design_text(index, design, translations)
        for design in index.designs.values()
    ]
    if reuse is not None:
        start = len(_items_head(_document_ends(name)[0], len(texts)))
        reuse.place_items(start, dict(zip(index.designs, texts, strict=True)))
    return texts


def _design_text(index: Index, design: Record, translations: Translations) -> str:
    return script_json({**_design_item(index, design), **_languages(translations, design)})


def _own_items(index: Index, record_type: str) -> list[dict[str, Any]]:
    """The items of the records of a type other than designs, without their languages."""
    if record_type == "need":
        return [_need_item(index, n) for n in index.needs.values()]
    if record_type == "maker":  # its own `url` stays: the page address is `page`
        return [
            {**visible_maker(data_of(m)), "page": f"maker/{m.id}.html"}
            for m in index.makers.values()
        ]
    records, uses = {
        "material": (index.materials, index.designs_by_material),
        "process": (index.processes, index.designs_by_process),
    }[record_type]
    return [
        {**data_of(r), "page": f"{record_type}/{r.id}.html", "designs": uses.get(r.id, [])}
        for r in records.values()
    ]


def api_document(name: str, items: list[dict[str, Any]], folder: str = "") -> dict[str, Any]:
    """The content of api/<name>.json, or of a file in a folder of api/ (one record's)."""
    return {
        # relative to the file itself
        "$schema": "../" * folder.count("/") + schema_path(name).removeprefix("api/"),
        "version": API_VERSION,
        "type": API_FILES[name],
        "count": len(items),
        "items": items,
    }


INDEX = "api/index.json"


def api_files(index: Index, reuse: Reuse | None = None) -> Texts:
    """site/api/: each record type's whole file, each record's own file
    (api/<name>/<id>.json, the same form with one item), the index of them
    (api/index.json, and the ids in pages of IDS_PER_PAGE: api/index/<name>-<n>.json), and
    the JSON Schemas of all of them (site/api/schemas/). A design's own file is the last
    build's while the design is unchanged (`reuse`), and its item is read from it. The
    files of items are deferred (Texts): made from the items' texts when written."""
    files = Texts()

    def add(path: str, text: str) -> None:
        files[path] = text + "\n"

    listed = []
    for name, record_type in API_FILES.items():
        ids, texts = _item_texts(index, name, record_type, reuse)
        for record_id, text in zip(ids, texts, strict=True):
            files.defer(f"api/{name}/{record_id}.json", partial(_file_text, name, (text,), name))
        # The whole file from the items' texts as written once (script_json's order).
        files.defer(f"api/{name}.json", partial(_file_text, name, texts))
        add(schema_path(name), schema_text(api_schema(name)))
        pages = []
        for start in range(0, len(ids), IDS_PER_PAGE):
            page = f"index/{name}-{start // IDS_PER_PAGE + 1}.json"
            pages.append(page)
            add(
                f"api/{page}",
                script_json(
                    {
                        "$schema": "../schemas/ids.schema.json",
                        "version": API_VERSION,
                        "type": record_type,
                        "ids": ids[start : start + IDS_PER_PAGE],
                    }
                ),
            )
        listed.append(
            {
                "name": name,
                "type": record_type,
                "count": len(ids),
                "all": f"{name}.json",
                "schema": schema_path(name).removeprefix("api/"),
                "pages": pages,
            }
        )
    add(
        INDEX,
        script_json(
            {"$schema": "schemas/index.schema.json", "version": API_VERSION, "files": listed}
        ),
    )
    add("api/schemas/index.schema.json", schema_text(INDEX_SCHEMA))
    add("api/schemas/ids.schema.json", schema_text(IDS_SCHEMA))
    return files


def _file_text(name: str, item_texts: Sequence[str], folder: str = "") -> Iterator[str]:
    """The text of api/<name>.json, or of a record's own file in `folder` (api/<name>/), in
    pieces, its items already written: script_json's form (keys in order, no spaces)
    without writing any item twice, and a line break at its end."""
    head, tail = _document_ends(name, f"{folder}/" if folder else "")
    yield _items_head(head, len(item_texts))
    for number, text in enumerate(item_texts):
        if number:
            yield ","
        yield text
    yield f"]{tail}\n"


def _items_head(head: str, count: int) -> str:
    """A document's text up to its first item, from its `head` (`_document_ends`)."""
    return f'{head}"count":{count},"items":['


@cache
def _document_ends(name: str, folder: str = "") -> tuple[str, str]:
    """api_document's text before its count and items, and after them: the same for every
    record's own file of a type (10,000 designs' on every build)."""
    head, _, tail = script_json(api_document(name, [], folder)).partition('"count":0,"items":[]')
    return head, tail

"""The format of site/api/ (generator.web.api): its version, its files, the fields the
site adds to the records, and the JSON Schema of each file.

`api/schemas/<name>.schema.json` is made from the record schemas (schemas/, the single
source of truth) and the site's fields below, in one self-contained file: the shared
definitions are copied in, so the schema resolves without any other file or the network.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from generator.checks.schema_files import schema_documents
from generator.web.i18n import N_, SOURCE

# The format of the files: 2 since the site's fields got names of their own (version 1,
# unnumbered, wrote the page address over a maker's own `url`). A change that could break
# a reader (a field renamed, removed or given another meaning) takes the next number.
API_VERSION = 2


# api/<name>.json -> the record type its items are.
API_FILES = {
    "designs": "design",
    "materials": "material",
    "processes": "process",
    "makers": "maker",
    "needs": "need",
}


def schema_path(name: str) -> str:
    """Where api/<name>.json's schema is published, relative to the site's root."""
    return f"api/schemas/{name}.schema.json"


_ADDRESS = {"type": "string", "minLength": 1, "format": "uri-reference"}
_PAGE = {
    **_ADDRESS,
    "title": "Page",
    "description": N_("Address of the record's page on this site, relative to the site's root."),
}
_DESIGN_IDS = {
    "title": "Designs",
    "description": N_("Ids of the designs that use it (items of api/designs.json)."),
    "type": "array",
    "items": {"type": "string"},
}

_DOCUMENTATION_LANGUAGE = {
    "title": "Documentation language",
    "description": N_(
        "The language of the record's own text (BCP 47), as Open Know-How's "
        "documentation-language: English; its translations are in translations."
    ),
    "const": SOURCE,
}
_TRANSLATIONS = {
    "title": "Translations",
    "description": N_(
        "The record's text in other languages, by language (BCP 47): its page there, "
        "whether a fluent speaker has reviewed it (status translated or reviewed), whether "
        "it was made from the English as it is now (current), and the translated text in "
        "the record's own structure (the fields of the translation file, "
        "schemas/translation.schema.json, that are the record's)."
    ),
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": False,
        "required": ["page", "status", "current", "text"],
        "properties": {
            "page": _ADDRESS,
            "status": {"enum": ["translated", "reviewed"]},
            "current": {"type": "boolean"},
            "text": {"type": "object"},
        },
    },
}
_LANGUAGES = {"documentation_language": _DOCUMENTATION_LANGUAGE, "translations": _TRANSLATIONS}

# The fields the site adds to each record type's items, as JSON Schema.
SITE_FIELDS: dict[str, dict[str, Any]] = {
    "design": {
        "page": _PAGE,
        **_LANGUAGES,
        "downloads": {
            "title": "Downloads",
            "description": N_(
                "The design's zip (every file of its folder and its okh.toml) and "
                "its Open Know-How manifest, relative to the site's root."
            ),
            "type": "object",
            "additionalProperties": False,
            "required": ["zip", "okh"],
            "properties": {"zip": _ADDRESS, "okh": _ADDRESS},
        },
    },
    "material": {"page": _PAGE, "designs": _DESIGN_IDS, **_LANGUAGES},
    "process": {"page": _PAGE, "designs": _DESIGN_IDS, **_LANGUAGES},
    "maker": {"page": _PAGE, **_LANGUAGES},
    "need": {
        "page": _PAGE,
        **_LANGUAGES,
        "as_of": {
            "title": "As of",
            "description": N_("The day the site was built: the state and makers are as of it."),
            "type": "string",
            "format": "date",
        },
        "state": {
            "title": "State",
            "description": N_(
                "On the day the site was built: open (still needed, on or before "
                "the day it is needed by), expired (past that day), met or withdrawn (as the "
                "need's status says)."
            ),
            "enum": ["open", "expired", "met", "withdrawn"],
        },
        "makers": {
            "title": "Makers",
            "description": N_(
                "For an open need, the makers whose profiles can make it (items "
                "of api/makers.json), those who can make enough in time first, each with the "
                "designs it could make and whether its stated capacity makes the quantity in "
                "time (units a week times the weeks left), or null where it states none."
            ),
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["maker", "designs", "enough"],
                "properties": {
                    "maker": {"type": "string"},
                    "designs": {"type": "array", "items": {"type": "string"}},
                    "enough": {"type": ["boolean", "null"]},
                },
            },
        },
    },
}


# The fields the site adds to each part of a design.
PART_FIELDS: dict[str, Any] = {
    "analysis": {
        "title": "Analysis",
        "description": N_(
            "What MakeLocal's analysis measured on the part's file for its "
            "process (generator/analysis/), or null if it was not analysed. Its fields follow "
            "the analyser's version, which it names."
        ),
        "type": ["object", "null"],
    },
    "download": {
        **_ADDRESS,
        "title": "Download",
        "description": N_("The part's file on this site, relative to the site's root."),
    },
    "preview": {
        **_ADDRESS,
        "title": "Preview",
        "description": N_(
            "A picture of the part made by the analysis (WebP), relative to the site's root."
        ),
    },
}


# An index page of api/ names this many records.
IDS_PER_PAGE = 1000

_VERSION = {
    "description": "The format's version: a reader written for one version refuses another.",
    "const": API_VERSION,
}
_RECORD_TYPE = {"description": "A record type.", "enum": list(API_FILES.values())}
INDEX_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": f"MakeLocal open data: the index (api/index.json), version {API_VERSION}",
    "description": "What api/ holds for each record type: its whole file, its schema, and "
    "the pages of its records' ids (a design's own file is api/designs/ and its id, "
    "then .json; and so on for the other types).",
    "type": "object",
    "additionalProperties": False,
    "required": ["$schema", "version", "files"],
    "properties": {
        "$schema": {"const": "schemas/index.schema.json"},
        "version": _VERSION,
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "type", "count", "all", "schema", "pages"],
                "properties": {
                    "name": {"description": "The folder of its records' files.", "type": "string"},
                    "type": _RECORD_TYPE,
                    "count": {"type": "integer", "minimum": 0},
                    "all": {"description": "The file of every record.", "type": "string"},
                    "schema": {"description": "The schema of its files.", "type": "string"},
                    "pages": {
                        "description": "The pages of its records' ids, relative to api/.",
                        "type": "array",
                        "items": {"type": "string"},
                    },
                },
            },
        },
    },
}
IDS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "MakeLocal open data: a page of record ids (api/index/designs-1.json...), "
    f"version {API_VERSION}",
    "description": f"Up to {IDS_PER_PAGE} ids of records of one type; the record of id X is "
    "in X.json in the folder of its type (api/designs/ for a design).",
    "type": "object",
    "additionalProperties": False,
    "required": ["$schema", "version", "type", "ids"],
    "properties": {
        "$schema": {"const": "../schemas/ids.schema.json"},
        "version": _VERSION,
        "type": _RECORD_TYPE,
        "ids": {"type": "array", "items": {"type": "string"}},
    },
}


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, allow_nan=False)


def api_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of api/<name>.json: its record type's schema with the site's fields,
    and the shared definitions copied in."""
    record_type = API_FILES[name]
    documents = schema_documents()
    record = copy.deepcopy(documents[record_type])
    defs: dict[str, Any] = {}
    for source in (copy.deepcopy(documents["common"]), record):
        for key, value in _local_refs(source.pop("$defs", {})).items():
            if key in defs and defs[key] != value:
                raise ValueError(f"$defs/{key} is defined twice, differently, for {name}")
            defs[key] = value
    item = _local_refs({k: v for k, v in record.items() if k not in ("$schema", "$id")})
    _add_fields(item, SITE_FIELDS[record_type], record_type)
    if record_type == "design":
        _add_fields(item["properties"]["parts"]["items"], PART_FIELDS, "design part")
    if "record" in defs:
        raise ValueError("$defs/record is taken")
    title = str(item.get("title", record_type))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"MakeLocal open data: {name} (api/{name}.json), version {API_VERSION}",
        "description": f"Every {title.lower()} record of the catalogue, as published in "
        f"api/{name}.json: the record as schemas/{record_type}.schema.json describes it, "
        "with the fields the site adds under names of their own.",
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "version", "type", "count", "items"],
        "properties": {
            "$schema": {
                "description": "This schema's address, relative to the file: the whole "
                f"file's (api/{name}.json), or a record's own (in api/{name}/).",
                "enum": [
                    schema_path(name).removeprefix("api/"),
                    "../" + schema_path(name).removeprefix("api/"),
                ],
            },
            "version": {
                "description": "The format's version: a reader written for one version "
                "refuses another.",
                "const": API_VERSION,
            },
            "type": {"description": "The record type of the items.", "const": record_type},
            "count": {"description": "How many items there are.", "type": "integer", "minimum": 0},
            "items": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "$defs": {**defs, "record": item},
    }


def _add_fields(node: dict[str, Any], fields: dict[str, Any], what: str) -> None:
    properties = node["properties"]
    taken = sorted(set(properties) & set(fields))
    if taken:
        raise ValueError(f"the site's fields {taken} would overwrite a {what}'s own fields")
    properties.update(copy.deepcopy(fields))


def _local_refs(node: Any) -> Any:
    """`$ref`s into common.schema.json as `$ref`s into this document's own `$defs`."""
    if isinstance(node, list):
        return [_local_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _local_refs(value) for key, value in node.items()}
    ref = result.get("$ref")
    if isinstance(ref, str) and ref.startswith("common.schema.json#"):
        result["$ref"] = ref.removeprefix("common.schema.json")
    return result


def api_overview() -> list[dict[str, Any]]:
    """What each API file holds, for the open-data page: its path, its schema's, the record
    type and schema of its items, and the fields the site adds (name, description)."""
    overview = []
    for name, record_type in API_FILES.items():
        added = [(field, spec["description"]) for field, spec in SITE_FIELDS[record_type].items()]
        if record_type == "design":
            added += [(f"parts[].{f}", s["description"]) for f, s in PART_FIELDS.items()]
        overview.append(
            {
                "path": f"api/{name}.json",
                "schema": schema_path(name),
                "type": record_type,
                "record_schema": f"schemas/{record_type}.schema.json",
                "added": added,
            }
        )
    return overview

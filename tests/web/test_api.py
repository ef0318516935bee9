"""site/api/: versioned files, each valid against the schema published beside it, with the
site's fields beside the records' and never over them."""

from __future__ import annotations

import json
import math
import posixpath
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.checks import schema_files
from generator.checks.schema_files import schema_documents
from generator.records.catalog import load_catalog
from generator.records.facts import data_of, visible_maker
from generator.web import api, api_schemas
from generator.web.api_schemas import API_FILES, API_VERSION, PART_FIELDS, SITE_FIELDS, api_schema
from generator.web.build import PROJECT
from generator.web.index import build_index
from generator.web.markup import script_json
from generator.web.site import Texts
from generator.web.sources import analyse, load_valid_catalog
from tests.web.real_catalogue import SETTINGS, real_site

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def api_texts() -> dict[str, str]:
    site = real_site(SETTINGS["repo-and-site"])
    return {path: text for path, text in site.texts.items() if path.startswith("api/")}


def test_every_file_carries_its_version_and_schema() -> None:
    texts = api_texts()
    whole = {f"api/{name}.json" for name in API_FILES}
    assert whole | {f"api/schemas/{name}.schema.json" for name in API_FILES} <= texts.keys()
    for path, text in texts.items():
        if path.startswith("api/schemas/"):
            continue
        document = json.loads(text)
        assert document["version"] == API_VERSION == 2
        # Relative to the file, and published.
        assert posixpath.normpath(posixpath.join(posixpath.dirname(path), document["$schema"])) in (
            texts
        ), path
    for name, record_type in API_FILES.items():
        document = json.loads(texts[f"api/{name}.json"])
        assert document["$schema"] == f"schemas/{name}.schema.json"
        assert document["type"] == record_type
        assert document["count"] == len(document["items"])


def test_each_record_has_its_own_file_and_the_index_leads_to_every_one() -> None:
    """A tool can take one record, or walk the index, without the whole file; the whole
    file holds the same items."""
    texts = api_texts()
    index = json.loads(texts["api/index.json"])
    assert [f["name"] for f in index["files"]] == list(API_FILES)
    for listed in index["files"]:
        whole = json.loads(texts[f"api/{listed['all']}"])
        ids = [i for page in listed["pages"] for i in json.loads(texts[f"api/{page}"])["ids"]]
        assert ids == [item["id"] for item in whole["items"]] and listed["count"] == len(ids)
        for item in whole["items"]:
            own = json.loads(texts[f"api/{listed['name']}/{item['id']}.json"])
            assert own["items"] == [item] and own["count"] == 1
            assert own["$schema"] == f"../schemas/{listed['name']}.schema.json"
        schema = json.loads(texts[f"api/{listed['schema']}"])
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        for item in whole["items"][:3]:
            own = json.loads(texts[f"api/{listed['name']}/{item['id']}.json"])
            assert [e.message for e in validator.iter_errors(own)] == []
    for path, schema_name in [("api/index.json", "index")] + [
        (f"api/{page}", "ids") for listed in index["files"] for page in listed["pages"]
    ]:
        schema = json.loads(texts[f"api/schemas/{schema_name}.schema.json"])
        Draft202012Validator.check_schema(schema)
        errors = Draft202012Validator(schema).iter_errors(json.loads(texts[path]))
        assert [e.message for e in errors] == [], path


def test_the_files_of_items_are_made_when_read_not_held() -> None:
    """Each record's own file and the whole file of its type hold its item once, until the
    build writes them: a 10,000-design build held 113 MB of API texts where 55 MB do."""
    catalog = load_valid_catalog(PROJECT)
    index = build_index(catalog, analyse(catalog, PROJECT), SETTINGS["nothing"].as_of)
    api.api_files(index)  # what is made once a process (caches) is not counted
    tracemalloc.start()
    try:
        texts = api.api_files(index)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = sum(len(texts[path]) for path in texts)
    assert held < 0.9 * written, (held, written)  # 0.72 here; 1.6 with every text held
    tracemalloc.start()
    try:
        whole_text = texts["api/designs.json"]
        _, making = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = sys.getsizeof(whole_text)
    assert making < 1.5 * size, (making, size)  # made at once, not joined then copied
    whole = json.loads(texts["api/designs.json"])
    for item in whole["items"]:
        assert json.loads(texts[f"api/designs/{item['id']}.json"])["items"] == [item]


def test_texts_merged_into_the_site_s_stay_deferred() -> None:
    made: list[str] = []

    def item() -> str:
        made.append("item")
        return "{}"

    api_texts = Texts()
    api_texts.defer("api/designs.json", item)
    site_texts = Texts({"find/find.js": "1"})
    site_texts.update(api_texts)  # as render_site adds the API's
    assert made == []
    assert site_texts["api/designs.json"] == site_texts.pop("api/designs.json") == "{}"
    assert made == ["item", "item"]  # made each time it is read, and held by no one
    assert dict(site_texts) == {"find/find.js": "1"}


def test_the_index_pages_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "IDS_PER_PAGE", 2)
    site = real_site.__wrapped__(SETTINGS["nothing"])  # not the cached site
    index = json.loads(site.texts["api/index.json"])
    designs = next(f for f in index["files"] if f["name"] == "designs")
    assert len(designs["pages"]) == -(-designs["count"] // 2) >= 2
    assert all(len(json.loads(site.texts[f"api/{p}"])["ids"]) <= 2 for p in designs["pages"])


@pytest.mark.parametrize("name", list(API_FILES))
def test_every_file_is_valid_against_its_published_schema(name: str) -> None:
    texts = api_texts()
    schema = json.loads(texts[f"api/schemas/{name}.schema.json"])
    Draft202012Validator.check_schema(schema)
    document = json.loads(texts[f"api/{name}.json"])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(document)] == []
    catalog = load_catalog(PROJECT)
    tables = {
        "design": catalog.designs,
        "material": catalog.materials,
        "process": catalog.processes,
        "maker": catalog.makers,
        "need": catalog.needs,
    }
    assert document["count"] == len(tables[API_FILES[name]])
    # The catalogue holds no need yet (tests/web/test_needs.py checks a file that does).
    assert document["count"] > 0 or name == "needs"


def test_an_outside_validator_agrees(tmp_path: Path) -> None:
    """check-jsonschema, as anyone would run it on the published files, with no options and
    no network (a dead proxy would fail any download)."""
    for path, text in api_texts().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    for name in API_FILES:
        result = subprocess.run(
            [
                str(CHECK_JSONSCHEMA),
                "--schemafile",
                f"api/schemas/{name}.schema.json",
                f"api/{name}.json",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", **_offline()},
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def _offline() -> dict[str, str]:
    dead = "http://127.0.0.1:9"
    return {"HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead}


def test_the_schemas_refuse_what_the_records_do_not_hold() -> None:
    texts = api_texts()
    schema = json.loads(texts["api/schemas/makers.schema.json"])
    document = json.loads(texts["api/makers.json"])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    document["items"][0]["phone"] = "+256 700 000000"  # not a field of a maker's record
    assert any("phone" in e.message for e in validator.iter_errors(document))
    document = json.loads(texts["api/makers.json"])
    document["version"] = 1
    assert list(validator.iter_errors(document))


def test_a_makers_own_address_survives() -> None:
    makers = json.loads(api_texts()["api/makers.json"])["items"]
    alliance = next(m for m in makers if m["id"] == "safe-motherhood-alliance")
    assert alliance["url"] == "https://safemotherhood-alliance.com/"
    assert alliance["page"] == "maker/safe-motherhood-alliance.html"
    catalog = load_catalog(PROJECT)
    for maker in makers:
        record = visible_maker(data_of(catalog.makers[maker["id"]]))
        added = ("page", "documentation_language", "translations")
        assert {k: v for k, v in maker.items() if k not in added} == record


def test_items_are_the_records_plus_the_site_fields_only() -> None:
    catalog = load_catalog(PROJECT)
    tables = {
        "design": catalog.designs,
        "material": catalog.materials,
        "process": catalog.processes,
        "need": catalog.needs,
    }
    texts = api_texts()
    for name, record_type in API_FILES.items():
        if record_type == "maker":
            continue  # above: without the details a maker did not agree to show
        for item in json.loads(texts[f"api/{name}.json"])["items"]:
            record = data_of(tables[record_type][item["id"]])
            added = set(item) - set(record)
            assert added == set(SITE_FIELDS[record_type]), (name, item["id"])
            for key, value in record.items():
                if key != "parts":
                    assert item[key] == value, (name, item["id"], key)
            for part, own in zip(item.get("parts", []), record.get("parts", []), strict=True):
                assert set(part) - set(own) <= set(PART_FIELDS)
                assert {k: part[k] for k in own} == own


def test_no_site_field_has_the_name_of_a_record_field() -> None:
    documents = schema_documents()
    for record_type, fields in SITE_FIELDS.items():
        assert not set(fields) & set(documents[record_type]["properties"]), record_type
    parts = documents["design"]["properties"]["parts"]["items"]["properties"]
    assert not set(PART_FIELDS) & set(parts)


def test_a_record_field_named_like_a_site_field_stops_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = json.loads(json.dumps(schema_documents()))
    documents["maker"]["properties"]["page"] = {"type": "string"}
    monkeypatch.setattr(api_schemas, "schema_documents", lambda: documents)
    with pytest.raises(ValueError, match=r"\['page'\] would overwrite a maker's own fields"):
        api_schema("makers")


def test_the_schemas_follow_the_record_schemas() -> None:
    """Made from schemas/ (the single source of truth), not written beside it: a field
    added to a record schema is in the API's schema too, with its description."""
    documents = schema_documents()
    for name, record_type in API_FILES.items():
        schema = api_schema(name)
        record = schema["$defs"]["record"]
        for field, spec in documents[record_type]["properties"].items():
            assert record["properties"][field].get("description") == spec.get("description")
        assert record["required"] == documents[record_type]["required"]
        # One file: every $ref points inside it.
        refs = [r for r in _refs(schema) if not r.startswith("#/$defs/")]
        assert refs == [], name
    assert schema_files.SCHEMA_DIR == PROJECT / "schemas"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_json_refuses_numbers_json_has_not(value: float) -> None:
    with pytest.raises(ValueError):
        script_json({"mass_g": value})


def test_the_open_data_page_says_what_the_files_are() -> None:
    site = real_site(SETTINGS["repo-and-site"])
    page = next(p for p in site.pages if p.path == "open-data.md")
    for name, record_type in API_FILES.items():
        assert f'href="api/{name}.json"' in page.html
        assert f'href="api/schemas/{name}.schema.json"' in page.html
        assert f'href="schemas/{record_type}.schema.json"' in page.html
        for field in SITE_FIELDS[record_type]:
            assert f"<code>{field}</code>" in page.html
    for field in PART_FIELDS:
        assert f"<code>parts[].{field}</code>" in page.html
    assert f"now <code>{API_VERSION}</code>" in page.html
    assert "OKH-LOSHv1.0" in page.html
    # The old claim, that the items follow schemas/ as they are, is gone.
    assert "The records follow the JSON Schemas in" not in page.html


def test_analysis_assumptions_are_english_sentences() -> None:
    """The analysis publishes each profile's assumptions as sentences, the numbers in them,
    not as the typed templates the site translates; each reason keeps its English message."""
    designs = json.loads(api_texts()["api/designs.json"])["items"]
    analyses = [p["analysis"] for d in designs for p in d["parts"] if p.get("analysis")]
    found: list[Any] = []

    def collect(data: Any) -> None:
        if isinstance(data, dict):
            found.extend(data.get("assumptions") or [])
            for value in data.values():
                collect(value)
        elif isinstance(data, list):
            for item in data:
                collect(item)

    collect(analyses)
    assert len(found) > 20
    assert all(isinstance(a, str) and "%(" not in a for a in found)
    assert any("0.01 mm" in a for a in found)  # a figure written into its sentence
    reasons = [r for a in analyses for r in a.get("reasons") or []]
    assert reasons and all(isinstance(r["message"], str) for r in reasons)

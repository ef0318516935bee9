"""The labels readers see come from the schemas' titles and descriptions, and cover every
value the schemas allow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks.schema_files import choices, schema_node
from generator.web import i18n, labels
from generator.web.i18n import speaking
from generator.web.words import keyword


def values(record_type: str, pointer: str) -> list[str]:
    return [c.value for c in choices(schema_node(record_type, pointer))]


@pytest.mark.parametrize(
    ("table", "record_type", "pointer"),
    [
        (labels.CATEGORIES, "common", "/$defs/category"),
        (labels.MATURITY, "design", "/properties/maturity"),
        (labels.EVIDENCE, "design", "/properties/evidence/items/properties/type"),
        (labels.PILLARS, "design", "/properties/pillars/items"),
        (labels.FASTENERS, "design", "/properties/repair/properties/fasteners"),
        (labels.REPAIR_TOOLS, "design", "/properties/repair/properties/tools"),
        (labels.SKILL, "design", "/properties/repair/properties/skill"),
        (labels.KINDS, "material", "/properties/kind"),
        (labels.KIND_INTROS, "material", "/properties/kind"),
        (labels.ORIGINS, "material", "/properties/origin/properties/type"),
        (labels.HAZARDS, "material", "/properties/safety/properties/hazards/items"),
        (labels.ANALYSIS_MODELS, "process", "/properties/analysis"),
        (labels.OUTCOMES, "make", "/properties/outcome"),
        (labels.NEED_STATUS, "need", "/properties/status"),
        (labels.SOURCE_FORMATS, "design", "/properties/sources/items/properties/format"),
    ],
)
def test_a_label_for_every_value_in_the_schemas_order(
    table: dict[str, object], record_type: str, pointer: str
) -> None:
    assert list(table) == values(record_type, pointer)


def test_labels_are_the_schemas_titles_and_descriptions() -> None:
    category = schema_node("common", "/$defs/category")["oneOf"][0]
    assert labels.CATEGORIES[category["const"]] == category["title"]
    assert labels.MATURITY["concept"] == ("Concept", "drawn, never made")
    assert labels.KINDS["recycled-feedstock"] == ("recycled-feedstocks", "Recycled feedstocks")
    assert labels.PILLARS["local-materials"].title == "Local materials"
    assert labels.ANALYSIS_MODELS["none"].startswith("the process makes no part from a drawing")
    assert labels.HAZARDS["chemical"] == "chemicals"


def test_status_names_cover_the_three_verdicts() -> None:
    statuses = [
        value
        for field in ("moisture_sensitivity", "biodegradability", "food_contact")
        for value in values("material", f"/properties/{field}/properties/status")
    ]
    assert list(labels.STATUS_NAMES) == statuses


def test_property_and_rule_names_are_the_fields_titles() -> None:
    properties = schema_node("material", "/properties/properties")["properties"]
    assert {k: v["title"] for k, v in properties.items()} == labels.PROPERTY_NAMES
    assert labels.PROPERTY_NAMES["shrinkage"] == "Mould shrinkage"
    rules = schema_node("process", "/properties/design_rules")["properties"]
    assert set(labels.RULE_NAMES) == set(rules)
    assert labels.RULE_NAMES["max_overhang"] == "Maximum overhang (from vertical)"


def test_a_value_without_a_title_is_a_clear_error() -> None:
    shown = "/properties/visible/items"
    with pytest.raises(ValueError, match=rf"maker.schema.json#{shown}: 'region' has no"):
        labels._labels("maker", shown)
    with pytest.raises(ValueError, match=r"design.schema.json#/properties/title lists no values"):
        labels._labels("design", "/properties/title")


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("nozzle_temperature", "Nozzle temperature"),
        ("plate_temperature_hdpe", "Plate temperature, HDPE"),
        ("barrel_zone_temperature_pp", "Barrel zone temperature, PP"),
        ("melting_time_12mm_sheet", "Melting time, 12 mm sheet"),
        ("fill_density", "Fill density"),
    ],
)
def test_parameters_that_records_name_freely_read_as_words(key: str, name: str) -> None:
    assert labels.parameter_name(key) == name


TEMPLATES = Path(labels.__file__).parent / "templates"


def test_no_template_makes_a_label_from_a_field_name_or_a_code() -> None:
    """Labels come from generator/web/labels.py (the schemas' titles), not from spelling
    out a key in a template (`key.replace("_", " ") | capitalize`)."""
    spelled = re.compile(
        r"replace\(\s*[\"'][_-][\"']|\b(key|field|value|code)\b[^|}]*\|\s*(capitalize|title)\b"
    )
    found = [
        f"{path.name}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if spelled.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("tag", "words"),
    [("mask-accessory", "mask accessory"), ("covid-19", "covid-19"), ("clinic", "clinic")],
)
def test_keywords_read_as_words(tag: str, words: str) -> None:
    assert keyword(tag) == words


def test_a_translated_table_answers_in_the_language_written_and_after_a_reload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each language's pillars are made once, and made again when the catalogues are read
    again (`makelocal serve` reads them again on each build)."""
    english = labels.PILLARS["local-materials"].title
    with speaking("fr"):
        french = labels.PILLARS["local-materials"].title
    assert english == "Local materials"
    assert french not in ("", english)
    assert labels.PILLARS["local-materials"].title == english
    with speaking("fr"):
        assert labels.PILLARS["local-materials"].title == french
        i18n.reload()
        read_again = i18n.translations("fr")
        monkeypatch.setattr(read_again, "gettext", lambda message: f"«{message}»")
        assert labels.PILLARS["local-materials"].title == "«Local materials»"
    i18n.reload()

"""The forms and their conversion cannot drift apart: every option of a dropdown stands for
exactly one value of the record, every value has its option, the processes offered are the
catalogue's, and every field the conversion reads is in its form."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.licences import OPEN_LICENCES
from generator.contrib.forms.convert import CONVERTERS
from generator.contrib.forms.form import FORM_RECORDS, Answers, load_forms, option_value
from generator.contrib.forms.need import ROUTES
from generator.contrib.forms.proposal import Catalogue
from generator.contrib.forms.records import schema_choices
from generator.contrib.forms.reply import Issue

ROOT = Path(__file__).resolve().parents[3]
FORMS = {form.file: form for form in load_forms(ROOT)}
CATALOGUE = Catalogue.load(ROOT)
PROCESSES = {name: record_id for record_id, name in CATALOGUE.names["process"].names.items()}
CATEGORIES = schema_choices("design", "/properties/category")
# Each dropdown or set of checkboxes, and the values its options stand for.
CHOICES = {
    ("propose-design.yml", "category"): CATEGORIES,
    ("propose-design.yml", "licence"): {k: k for k in OPEN_LICENCES},
    ("propose-design.yml", "maturity"): schema_choices("design", "/properties/maturity"),
    ("propose-design.yml", "pillars"): schema_choices("design", "/properties/pillars/items"),
    ("propose-design.yml", "process"): PROCESSES,
    ("propose-design.yml", "fasteners"): schema_choices(
        "design", "/properties/repair/properties/fasteners"
    ),
    ("propose-design.yml", "repair_tools"): schema_choices(
        "design", "/properties/repair/properties/tools"
    ),
    ("report-make.yml", "process"): PROCESSES,
    ("report-make.yml", "outcome"): schema_choices("make", "/properties/outcome"),
    ("post-need.yml", "category"): CATEGORIES,
    ("post-need.yml", "contact_route"): ROUTES,
}
# The French forms' options stand for the English options at their places.
CHOICES.update(
    {(form.replace(".yml", ".fr.yml"), field): values for (form, field), values in CHOICES.items()}
)
ENGLISH_FORMS = sorted(name for name in FORMS if not name.endswith(".fr.yml"))


@pytest.mark.parametrize(("form", "field"), list(CHOICES), ids=lambda x: x)
def test_each_option_stands_for_one_value_and_each_value_has_one(form: str, field: str) -> None:
    values = CHOICES[(form, field)]
    asked = FORMS[form].field(field)
    chosen = [option_value(asked.in_english(option), values) for option in asked.options]
    options = asked.options
    assert None not in chosen, dict(zip(options, chosen, strict=True))
    assert sorted(map(str, chosen)) == sorted(map(str, values.values()))


def test_every_dropdown_and_checkbox_list_is_checked_here() -> None:
    listed = {
        (form.file, field.id)
        for form in FORMS.values()
        for field in form.fields
        if field.kind == "dropdown" or (field.kind == "checkboxes" and field.id != "consent")
    }
    assert listed == set(CHOICES)


def test_the_forms_that_make_records_are_each_there() -> None:
    assert set(FORMS) == set(FORM_RECORDS)
    assert {form.record_type for form in FORMS.values()} == {"design", "make", "need"}


@pytest.mark.parametrize("name", sorted(FORM_RECORDS))
def test_every_field_the_conversion_reads_is_in_its_form(name: str, tmp_path: Path) -> None:
    """A form answered with nothing: the conversion reads every field it knows (an id the
    form lacks would be a KeyError) and says what is missing."""
    form = FORMS[name]
    body = "\n\n".join(f"### {field.label}\n\n_No response_" for field in form.fields)
    answers = Answers.read(form, body)
    assert CONVERTERS[form.record_type](answers, CATALOGUE, tmp_path, Issue()) is None
    required = {field.label for field in form.fields if field.required}
    assert required <= {problem.label for problem in answers.problems}


def test_each_form_labels_its_fields_once() -> None:
    for form in FORMS.values():
        labels = [field.label for field in form.fields]
        assert len(labels) == len(set(labels)), form.file


def test_the_make_form_takes_the_design_a_design_page_fills_in() -> None:
    """A design page's "Add a make report" opens the form with `design=<id>` in its
    address: the form has that field, and the conversion reads an id there."""
    from urllib.parse import parse_qs, urlsplit

    from generator.web.links import Links
    from generator.web.pages.design import make_report_address
    from generator.web.site import Settings

    address = make_report_address(
        "face-shield-headband", Settings(repo_url="https://github.com/o/r"), Links("x.md")
    )
    query = parse_qs(urlsplit(address).query)
    assert query["template"] == ["report-make.yml"]
    (field,) = [key for key in query if key != "template"]
    assert FORMS["report-make.yml"].field(field).label == "Design"
    assert CATALOGUE.names["design"].find(query[field][0]) == "face-shield-headband"


@pytest.mark.parametrize("name", ENGLISH_FORMS)
def test_each_form_has_a_french_twin_with_the_same_fields(name: str) -> None:
    """Every field of the English form, in the same order, of the same kind, required the
    same way, with as many options; the French words are French, not the English."""
    english, french = FORMS[name], FORMS[name.replace(".yml", ".fr.yml")]
    assert [(f.id, f.kind, f.required, len(f.options)) for f in english.fields] == [
        (f.id, f.kind, f.required, len(f.options)) for f in french.fields
    ]
    for ours, theirs in zip(english.fields, french.fields, strict=True):
        assert theirs.english == ours.options
    # Some words are the same in both (Machine, Version, Agriculture); most are not.
    pairs = [(o.label, t.label) for o, t in zip(english.fields, french.fields, strict=True)]
    pairs += [
        pair
        for o, t in zip(english.fields, french.fields, strict=True)
        for pair in zip(o.options, t.options, strict=True)
    ]
    assert sum(ours != theirs for ours, theirs in pairs) > 0.8 * len(pairs)


def test_every_form_in_the_folder_has_its_french_twin() -> None:
    folder = ROOT / ".github/ISSUE_TEMPLATE"
    english = {p.name for p in folder.glob("*.yml") if not p.name.endswith(".fr.yml")}
    french = {p.name.replace(".fr.yml", ".yml") for p in folder.glob("*.fr.yml")}
    assert english - {"config.yml"} == french


def test_a_french_option_stands_for_the_english_option_at_its_place() -> None:
    process = FORMS["report-make.fr.yml"].field("process")
    assert process.in_english("Impression 3D FDM") == "FDM 3D printing"
    assert process.in_english("  impression 3d fdm ") == "FDM 3D printing"
    assert process.in_english("Soudure") == "Soudure"  # no option: left for the check
    assert FORMS["report-make.yml"].field("process").in_english("Sewing") == "Sewing"

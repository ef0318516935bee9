"""The issue forms as the converter reads them, and a filled form's answers as typed
values, each problem noted against the field it is in.

The forms themselves (.github/ISSUE_TEMPLATE/*.yml) are the one place their labels,
options and required fields are written: the body of an issue is read by the labels of
the form it was written with, and a dropdown's option is turned into a record's value by
the words the option starts with (the schema's title of that value, a licence id, a
process name), so a form and its conversion cannot drift apart unnoticed
(tests/contrib/forms/test_forms_match_schemas.py).

Each form has a French twin, `<form>.fr.yml`, with the same fields in the same order: its
labels are French, and its options are the English form's, in French and in the same
order, so an option chosen in the French form stands for the English option at its place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from generator.contrib.forms import body
from generator.contrib.forms.attachments import Attachment, attachment
from generator.contrib.inert_text import literal
from generator.records.loader import LoadError, parse

FORMS_FOLDER = ".github/ISSUE_TEMPLATE"
# The forms that become records, and the record type each makes.
FORM_RECORDS = {
    "propose-design.yml": "design",
    "report-make.yml": "make",
    "post-need.yml": "need",
    "propose-design.fr.yml": "design",
    "report-make.fr.yml": "make",
    "post-need.fr.yml": "need",
}
TRANSLATED_FORM = ".fr.yml"  # a form in French ends so; its English twin ends in .yml
MAX_LINE = 300  # characters in a one-line field (the schemas' `line`)
# Fields that take files, in every form.
FILE_FIELDS = frozenset({"parts", "sources", "photos"})
T = TypeVar("T")


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # input, textarea, dropdown or checkboxes
    required: bool
    options: tuple[str, ...] = ()  # a dropdown's options, or the checkboxes' labels
    # In a form in another language: the English form's options, at the same places.
    english: tuple[str, ...] = ()

    def in_english(self, option: str) -> str:
        """The English option that an option of this field stands for (itself in an
        English form, or when it is none of the field's options)."""
        wanted = option.strip().casefold()
        for index, own in enumerate(self.options):
            if own.casefold() == wanted and index < len(self.english):
                return self.english[index]
        return option


@dataclass(frozen=True)
class Form:
    file: str  # its file name in FORMS_FOLDER
    name: str  # as GitHub shows it: "Propose a design"
    record_type: str
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField:
        for item in self.fields:
            if item.id == field_id:
                return item
        raise KeyError(f"{self.file} has no field {field_id!r}")


class FormsUnreadable(Exception):
    """The forms folder is missing or a form cannot be read: a fault of the repository."""


def _field(item: Mapping[str, object]) -> FormField | None:
    kind = str(item.get("type"))
    if kind == "markdown":
        return None
    attributes = item.get("attributes")
    validations = item.get("validations")
    attributes = attributes if isinstance(attributes, dict) else {}
    options = attributes.get("options") or []
    labels = tuple(str(o["label"]) if isinstance(o, dict) else str(o) for o in options)
    required = isinstance(validations, dict) and validations.get("required") is True
    return FormField(str(item.get("id")), str(attributes.get("label")), kind, required, labels)


def load_forms(root: Path) -> list[Form]:
    """The forms that become records, as the repository at `root` has them."""
    forms = []
    for file_name, record_type in FORM_RECORDS.items():
        path = root / FORMS_FOLDER / file_name
        try:
            data = parse(path.read_bytes(), path).data
        except (OSError, LoadError) as error:
            raise FormsUnreadable(f"{FORMS_FOLDER}/{file_name} cannot be read: {error}") from None
        items = data.get("body") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise FormsUnreadable(f"{FORMS_FOLDER}/{file_name} has no body of fields")
        fields = tuple(f for f in (_field(i) for i in items if isinstance(i, dict)) if f)
        forms.append(Form(file_name, str(data.get("name")), record_type, fields))
    return [_with_english(form, forms) for form in forms]


def _with_english(form: Form, forms: Sequence[Form]) -> Form:
    """A form in another language, each of its fields knowing its English twin's options."""
    if not form.file.endswith(TRANSLATED_FORM):
        return form
    twin = form.file.removesuffix(TRANSLATED_FORM) + ".yml"
    english = next(f for f in forms if f.file == twin)
    options = {item.id: item.options for item in english.fields}
    fields = tuple(replace(item, english=options.get(item.id, ())) for item in form.fields)
    return replace(form, fields=fields)


def identify(text: str, forms: Sequence[Form]) -> Form | None:
    """The form an issue body was written with: the one whose labels stand as headings in
    it, all of them or, for a body edited by hand, most."""
    scored = [
        (body.headings_present(text, [f.label for f in form.fields]) / len(form.fields), form)
        for form in forms
        if form.fields
    ]
    best = max(scored, key=lambda item: item[0], default=(0.0, None))
    return best[1] if best[0] >= 0.5 else None


@dataclass(frozen=True)
class Problem:
    """Something to fix, in words for the contributor: the label of the field it is in
    (None for the issue as a whole) and what is wrong, as Markdown in which everything
    the contributor wrote is a code span."""

    label: str | None
    message: str


def option_value(option: str, values: Mapping[str, T]) -> T | None:
    """The value an option stands for: the one whose words (a schema title, a licence id, a
    process name) the option is, or starts with before ` (`, `: ` or ` - `."""
    lowered = option.strip().casefold()
    for words, value in values.items():
        start = words.casefold()
        if lowered == start or lowered.startswith((f"{start} (", f"{start}: ", f"{start} - ")):
            return value
    return None


@dataclass
class Answers:
    """A filled form: each field's answer by id, and the problems found reading them."""

    form: Form
    by_id: dict[str, str | None]
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def read(cls, form: Form, text: str) -> Answers:
        found = body.sections(text, [f.label for f in form.fields])
        return cls(form, {f.id: found[f.label] for f in form.fields})

    def problem(self, field_id: str | None, message: str) -> None:
        label = self.form.field(field_id).label if field_id else None
        self.problems.append(Problem(label, message))

    def has_problem(self, field_id: str) -> bool:
        label = self.form.field(field_id).label
        return any(p.label == label for p in self.problems)

    def text(self, field_id: str, *, required: bool | None = None) -> str | None:
        """The answer as written; a problem if a required one is empty or holds a file."""
        value = self.by_id.get(field_id)
        needed = self.form.field(field_id).required if required is None else required
        if value is None:
            if needed:
                self.problem(field_id, "is empty: please fill it in.")
            return None
        if field_id not in self.file_fields() and self.attachments_in(field_id, report=False):
            self.problem(
                field_id,
                "holds a file or a picture: put pictures and files in the fields for them, "
                "and keep this one to words.",
            )
        return value

    def line(self, field_id: str, *, required: bool | None = None) -> str | None:
        """The answer on one line, at most MAX_LINE characters."""
        value = self.text(field_id, required=required)
        if value is None:
            return None
        joined = " ".join(value.split())
        if len(joined) > MAX_LINE:
            self.problem(field_id, f"is {len(joined)} characters long: keep it under {MAX_LINE}.")
        return joined

    def lines(self, field_id: str) -> list[str]:
        """The answer's lines, each without a list marker, empty lines left out."""
        value = self.text(field_id) or ""
        return [
            stripped.lstrip("-*+ ").strip()
            for stripped in (line.strip() for line in value.splitlines())
            if stripped.lstrip("-*+ ").strip()
        ]

    def choice(self, field_id: str, values: Mapping[str, T]) -> T | None:
        """The value of the option chosen in a dropdown."""
        chosen = self.line(field_id)
        if chosen is None:
            return None
        value = option_value(self.form.field(field_id).in_english(chosen), values)
        if value is None:
            self.problem(field_id, f"{literal(chosen)} is not one of its choices: choose one.")
        return value

    def ticked(self, field_id: str) -> list[str]:
        """The labels of the ticked boxes, as the English form has them."""
        checkboxes = self.form.field(field_id)
        return [checkboxes.in_english(label) for label in body.checked(self.by_id.get(field_id))]

    def date(self, field_id: str, *, required: bool | None = None) -> str | None:
        written = self.line(field_id, required=required)
        if written is None:
            return None
        try:
            return date.fromisoformat(written).isoformat()
        except ValueError:
            self.problem(
                field_id, f"{literal(written)} is not a date as YYYY-MM-DD, such as 2026-11-01."
            )
            return None

    def whole_number(self, field_id: str, low: int, high: int) -> int | None:
        written = self.line(field_id)
        if written is None:
            return None
        digits = written.replace(",", "").replace(" ", "")
        if not digits.isdigit() or not low <= int(digits) <= high:
            self.problem(
                field_id, f"{literal(written)} is not a whole number from {low} to {high}."
            )
            return None
        return int(digits)

    def file_fields(self) -> set[str]:
        """The fields meant for files: their description says to drag files there."""
        return {f.id for f in self.form.fields if f.id in FILE_FIELDS}

    def attachments_in(self, field_id: str, *, report: bool = True) -> list[Attachment]:
        """The attachments in a field; with `report`, a problem for each other address."""
        found = []
        for link in body.links(self.by_id.get(field_id)):
            item = attachment(link)
            if item is not None:
                found.append(item)
            elif report:
                self.problem(
                    field_id,
                    f"{literal(link.url)} is not a file attached to this issue: download it "
                    "and drag the file itself into the box.",
                )
        return found

    def attachments(self) -> list[Attachment]:
        """Every attachment in the fields meant for files, each once."""
        seen: dict[str, Attachment] = {}
        for field_id in sorted(self.file_fields()):
            for item in self.attachments_in(field_id, report=False):
                seen.setdefault(item.url, item)
        return list(seen.values())

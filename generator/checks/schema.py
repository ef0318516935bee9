"""Each record against its JSON Schema, with every error in a contributor's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from generator.checks.forms import form_advice
from generator.checks.plausibility import conversion_text
from generator.checks.quantity_kinds import quantity_kinds
from generator.checks.schema_files import const_alternatives, schema_documents
from generator.checks.text_rules import field_name, preview
from generator.findings import Finding
from generator.findings.suggest import closest
from generator.records.catalog import Record
from generator.records.loader import JsonPath, Mark

if TYPE_CHECKING:
    # Imported when first used: jsonschema-rs, 8-13 ms more for each command that imports
    # this; jsonschema, which looks only at a record jsonschema-rs fails, 45 ms more.
    import jsonschema_rs
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_ANNOTATIONS = {"title", "description", "examples"}


def _choices_as_enum(node: dict[str, Any]) -> dict[str, Any]:
    """A `oneOf` made only of `const`s, as the `enum` of their values.

    The schemas give each choice its title and description that way; jsonschema would try
    every alternative in turn and, on a wrong value, report only that none matched. As an
    `enum` the check is one lookup and its error lists the values, for "did you mean".
    The two allow the same values as long as the `const`s differ (a test checks that).
    """
    alternatives = const_alternatives(node)
    if alternatives is None or "enum" in node:
        return node
    rest = {key: value for key, value in node.items() if key != "oneOf"}
    return {**rest, "enum": [alternative["const"] for alternative in alternatives]}


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace `$ref`s to the shared definitions by their content, and choices by an `enum`.

    Resolving a `$ref` through the registry on every validation took a third of the
    validator's time; the schemas on disk keep their `$ref`s for editors and readers.
    """
    if isinstance(node, list):
        return [inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = _choices_as_enum({key: inline_refs(value, defs) for key, value in node.items()})
    ref = node.pop("$ref", None)
    if ref is None:
        return node
    target = inline_refs(defs[ref.rsplit("/", 1)[-1]], defs)
    if (set(node) - _ANNOTATIONS) & set(target):  # both constrain the same keyword: keep both
        return {**node, "allOf": [target]}
    return {**target, **node}


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    # The schemas write `$` only as the end anchor.
    return re.compile(pattern.replace("$", r"\Z"))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema defines it (ECMA-262), where `$` ends the text. Python's
    `$` also matches before a final line break, so "x\n" would pass `^[^\n]*$`."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> type[Draft202012Validator]:
    from jsonschema import Draft202012Validator, validators

    extended: type[Draft202012Validator] = validators.extend(
        Draft202012Validator, {"pattern": _pattern}
    )
    return extended


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    """jsonschema's validator of `schema` (its `$ref`s inlined), with `pattern` as
    ECMA-262 has it and the formats checked."""
    from jsonschema import FormatChecker

    return _validator_class()(schema, format_checker=FormatChecker())


@cache
def _record_schemas() -> dict[str, dict[str, Any]]:
    """Each record type's schema, its shared definitions inlined."""
    schemas = dict(schema_documents())
    defs = schemas.pop("common")["$defs"]
    return {record_type: inline_refs(schema, defs) for record_type, schema in schemas.items()}


@cache
def schema_validators() -> dict[str, Draft202012Validator]:
    """One validator per record type, built once (building one costs ~20x a validation)."""
    return {record_type: _validator(schema) for record_type, schema in _record_schemas().items()}


@cache
def _quick_checks() -> dict[str, jsonschema_rs.Draft202012Validator]:
    """The same schemas compiled by jsonschema-rs, which says only whether a record is
    valid, 30 times faster: 0.12 s for 10,000 designs, against 3.46 s (measured). Its
    `pattern` is ECMA-262's, as `_pattern` makes jsonschema's, and it checks the same
    formats (date, uri)."""
    import jsonschema_rs

    return {
        record_type: jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        for record_type, schema in _record_schemas().items()
    }


def _passes(record: Record) -> bool:
    """Whether the quick check passes the record: jsonschema then finds no error in it
    (tests/checks/test_schema_quick.py compares the two on every fixture). Text that is
    not UTF-8 (a lone surrogate) it cannot read: jsonschema looks at that record."""
    try:
        return _quick_checks()[record.type].is_valid(record.data)
    except ValueError:
        return False


def _type_message(error: ValidationError, record: Record, path: JsonPath) -> str:
    expected: Any = error.validator_value
    value: Any = error.instance
    where = field_name(path)
    text = record.doc.number_text.get(path)
    if expected == "string" and text is not None:
        return f"{where} must be text: write '{text}' in quotes, or YAML reads it as a number"
    if (
        expected == "boolean"
        and isinstance(value, str)
        and value.lower() in {"yes", "no", "on", "off", "y", "n", "true", "false"}
    ):
        return f"{where} must be true or false, not {value!r}"
    if expected == "string" and isinstance(value, bool):
        return f"{where} must be text: quote it, or YAML reads it as {str(value).lower()}"
    kinds = {
        "object": "a mapping (key: value)",
        "array": "a list (- item)",
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
    }
    expected_text = (
        kinds.get(expected, str(expected))
        if isinstance(expected, str)
        else " or ".join(kinds.get(e, e) for e in expected)
    )
    return f"{where} must be {expected_text}, not {preview(value)}"


_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
_COUNTS = {
    "minItems": "needs at least {} item(s)",
    "maxItems": "allows at most {} item(s)",
    "minLength": "needs at least {} character(s)",
    "maxLength": "allows at most {} characters",
    "uniqueItems": "lists an item twice",
    "minProperties": "needs at least {} field(s)",
}


def _converted(data: Any, path: JsonPath, allowed: list[Any]) -> str | None:
    """For a quantity's unit that must be another: its value in that unit, such as
    `1180 kg/m3 is 1.18 g/cm3`, where the unit table converts it."""
    if path[-1:] != ("unit",) or len(allowed) != 1 or not isinstance(allowed[0], str):
        return None
    quantity = data
    for step in path[:-1]:
        try:
            quantity = quantity[step]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(quantity, dict):
        return None
    return conversion_text(quantity_kinds(), quantity, allowed[0])


def _schema_problem(error: ValidationError, record: Record) -> tuple[str, str, Mark]:
    """The code, message and position of one JSON Schema error, in a contributor's words."""
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    # jsonschema types these as possibly unset; an error from iter_errors has them all.
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    mark = record.doc.mark(path)
    where = field_name(path)
    if keyword == "required":
        missing = next((f for f in expected if f not in instance), "?")
        return "ML101", f"{where} is missing the field {missing!r}", mark
    if keyword == "anyOf" and all(set(a) == {"required"} for a in expected):
        # "one of these fields", as a reference's address or DOI
        fields = " or ".join(repr(f) for a in expected for f in a["required"])
        return "ML101", f"{where} is missing the field {fields}", mark
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(schema.get("properties", {}))
        extra = next((k for k in instance if k not in allowed), "?")
        guess = closest(extra, allowed)
        suffix = f"; did you mean {guess!r}?" if guess else f"; allowed: {', '.join(allowed)}"
        key_mark = record.doc.mark((*path, extra), key=True)
        return "ML102", f"unknown field {extra!r} in {where}{suffix}", key_mark
    if keyword == "type":
        return "ML103", _type_message(error, record, path), mark
    if keyword in ("enum", "const"):
        allowed = expected if keyword == "enum" else [expected]
        converted = _converted(record.data, path, allowed)
        if converted:
            return (
                "ML104",
                f"{where} must be {allowed[0]!r}, not {preview(instance)}: {converted}",
                mark,
            )
        guess = closest(str(instance), [str(a) for a in allowed])
        if guess is not None and guess != str(instance):
            detail = f"; did you mean {guess!r}?"
        else:
            detail = f"; use one of: {', '.join(map(str, allowed))}" if len(allowed) <= 12 else ""
        return "ML104", f"{where} does not allow {preview(instance)}{detail}", mark
    if keyword == "pattern" and isinstance(instance, str):
        advice = form_advice(expected, instance)
        if advice is not None:
            return "ML105", f"{where}: {advice}", mark
    if keyword in ("pattern", "format"):
        description = schema.get("description", "")
        examples = schema.get("examples") or []
        example = f" For example: {preview(examples[0])}." if examples else ""
        message = f"{where}: {preview(instance)} is not in the expected form. "
        return "ML105", f"{message}{description}{example}".strip(), mark
    if keyword in _BOUNDS:
        bound = f"{_BOUNDS[keyword]} {expected}"
        return "ML106", f"{where} must be {bound}, not {instance}", mark
    if keyword in _COUNTS:
        return "ML107", f"{where} {_COUNTS[keyword].format(expected)}", mark
    if keyword == "dependentRequired":
        return "ML210", f"{where} gives only one end of a range", mark
    return "ML108", f"{where} does not match the schema ({keyword})", mark


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for a schema made in code, which may name the shared definitions."""
    return _validator(inline_refs(schema, schema_documents()["common"]["$defs"]))


def schema_findings(record: Record, validator: Draft202012Validator | None = None) -> list[Finding]:
    """Every error of a record against its schema (or the one `validator` checks); those
    of a record the quick check passes are none."""
    if validator is None:
        if _passes(record):
            return []
        validator = schema_validators()[record.type]
    findings = []
    for error in validator.iter_errors(record.data):
        code, message, mark = _schema_problem(error, record)
        findings.append(Finding.of(code, record.display, mark.line, mark.column, message))
    return findings

"""Plain scalars are resolved by YAML 1.2's core rules, not by PyYAML's YAML 1.1 resolver:
every 1.2 number form loads as a number, and what 1.1 would turn into something else
stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.records.loader import LoadError, parse


def value_of(text: str) -> Any:
    return parse(f"value: {text}\n".encode(), Path("record.yml")).data["value"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1e3", 1000.0),
        ("1.24e3", 1240.0),
        ("1E5", 100000.0),
        ("1e-6", 1e-6),
        ("1.5e3", 1500.0),
        ("1.", 1.0),
        (".5", 0.5),
        ("-.5e-3", -0.0005),
        ("+2.5E+2", 250.0),
        ("01.5", 1.5),
        ("1.10", 1.1),
        ("0", 0),
        ("-7", -7),
        ("+3", 3),
    ],
)
def test_yaml_1_2_numbers_are_numbers(text: str, number: float) -> None:
    loaded = value_of(text)
    assert loaded == number and type(loaded) is type(number)


def test_a_number_keeps_its_source_text() -> None:
    document = parse(b"value: 1.5e3\n", Path("record.yml"))
    assert document.number_text[("value",)] == "1.5e3"


@pytest.mark.parametrize(
    "text",
    [
        "0755",  # octal in YAML 1.1, decimal in 1.2: ambiguous, so text
        "0x1F",
        "0o17",
        "1_000",
        ".inf",
        "-.inf",
        ".nan",
        ".NaN",
        "NO",
        "on",
        "yes",
        "True",
        "2020-01-01",
        "e3",
        ".",
        "+.e3",
        "1e",
        "1.2.3",
    ],
)
def test_what_is_not_a_yaml_1_2_number_stays_text(text: str) -> None:
    assert value_of(text) == text


@pytest.mark.parametrize("text", ["!!str 1e3", "'1e3'", '"1e3"', "|\n  1e3"])
def test_quoted_block_and_explicit_str_stay_text(text: str) -> None:
    assert value_of(text).rstrip("\n") == "1e3"


@pytest.mark.parametrize(("text", "value"), [("", None), ("~", None), ("null", None)])
def test_null(text: str, value: None) -> None:
    assert value_of(text) is value


@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False)])
def test_booleans(text: str, value: bool) -> None:
    assert value_of(text) is value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1e999", "ML010"),  # overflows to infinity
        ("1" * 31, "ML010"),
        ("!!int 12", "ML007"),
        ("!!float 1e3", "ML007"),
        ("!!bool yes", "ML007"),
        ("!!timestamp 2020-01-01", "ML007"),
    ],
)
def test_refused_scalars(text: str, code: str) -> None:
    with pytest.raises(LoadError) as raised:
        value_of(text)
    assert raised.value.code == code


def test_merge_key_is_still_refused() -> None:
    with pytest.raises(LoadError) as raised:
        parse(b"base: {a: 1}\nother:\n  <<: {a: 2}\n", Path("record.yml"))
    assert raised.value.code == "ML006"


def test_a_quoted_merge_sign_is_an_ordinary_key() -> None:
    assert parse(b"'<<': 1\n", Path("record.yml")).data == {"<<": 1}


def test_a_number_is_not_a_key() -> None:
    with pytest.raises(LoadError) as raised:
        parse(b"1e3: x\n", Path("record.yml"))
    assert raised.value.code == "ML015"

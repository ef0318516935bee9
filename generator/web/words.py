"""Numbers, quantities, dates, countries and licences as readers read them, in the
language being written (generator.web.i18n).

English pages write numbers as the records do (`1.38`, `12000`) and dates as ISO days
(`2027-01-03`). French pages write a decimal comma, group thousands from five digits with
a narrow no-break space (`12 000`), keep a unit with its number by a no-break space
(`1,38 g/cm3`) and write dates in words (`3 janvier 2027`), as French typography does.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

import pycountry

from generator.checks.licences import OPEN_LICENCES
from generator.findings.numbers import localised
from generator.web.i18n import SOURCE, _, current, ngettext

NO_BREAK_SPACE = "\u00a0"


def data_number(value: Any) -> str:
    """A number as records and data files (TOML, JSON) write it, whatever the language."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _localised(written: str, value: float) -> str:
    """A number written the English way (`12000.5`), as the language being written writes
    it."""
    return localised(written, value, current().code)


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return _localised(data_number(value), value)


def fixed(value: float, digits: int) -> str:
    """`value` with exactly `digits` decimals: `0.125`, `0,125` in French."""
    return _localised(f"{value:.{digits}f}", value)


def unit_space() -> str:
    """What keeps a unit with its number: a space in English (as the records write it), a
    no-break space in French."""
    return " " if current().code == SOURCE else NO_BREAK_SPACE


def with_unit(amount: Any, unit: str) -> str:
    """`12 mm`: an amount (a number, or one already written) and its unit."""
    written = number(amount) if isinstance(amount, int | float) else str(amount)
    return f"{written}{unit_space()}{unit}"


def minutes(value: float) -> str:
    """`47 min` or `3 h 05 min`."""
    whole = round(value)
    space = unit_space()
    if whole < 60:
        return f"{whole}{space}min"
    return f"{whole // 60}{space}h{space}{whole % 60:02d}{space}min"


def figures(grams: float | None, machine_minutes: float | None) -> str:
    """Material and machine time a product, as cards and search results show them:
    `24 g · 1 h 35 min`, either alone, or "" when neither is known."""
    said = [with_unit(round(grams), "g")] if grams is not None else []
    if machine_minutes is not None:
        said.append(minutes(machine_minutes))
    return " · ".join(said)


def day(value: Any) -> str:
    """A day as the language being written writes it: `2027-01-03` in English (as the
    records do), `3 janvier 2027` in French. Anything that is not a day stays as it is."""
    if isinstance(value, datetime.date):
        date = value
    else:
        try:
            date = datetime.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    language = current().code
    if language == SOURCE:
        return date.isoformat()
    from babel.dates import format_date

    return format_date(date, "long", locale=language)


def time_left(days: int, needed_by: str) -> str:
    """How long a need has left: `3 weeks left`, `5 days left`, `due today`, or, past its
    day, `expired on 2026-11-02`. Under two weeks, in days (a week and six days is not
    "1 week")."""
    if days < 0:
        return _("expired on %(day)s", day=day(needed_by))
    if days == 0:
        return _("due today")
    if days < 14:
        return ngettext("%(num)s day left", "%(num)s days left", days)
    return ngettext("%(num)s week left", "%(num)s weeks left", days // 7)


def quantity(entry: Mapping[str, Any]) -> str:
    """`1.38 g/cm3` or `160-180 °C` (with an en dash)."""
    if "value" in entry:
        amount = number(entry["value"])
    else:
        amount = f"{number(entry.get('min'))}\u2013{number(entry.get('max'))}"
    unit = entry.get("unit", "")
    return with_unit(amount, unit) if unit else amount


def country_name(code: str) -> str:
    """`Nigeria` for `NG` (ISO 3166-1, its common name where it has one); in French from
    the Unicode CLDR (`Côte d'Ivoire`, with a typographic apostrophe)."""
    language = current().code
    if language != SOURCE:
        from babel import Locale

        name = Locale.parse(language).territories.get(code.upper()) if code else None
        if isinstance(name, str):
            return name
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def keyword(tag: str) -> str:
    """A tag as words: `mask-accessory` is "mask accessory"; `covid-19` keeps its hyphen."""
    return re.sub(r"-(?!\d)", " ", tag)


def licence_name(expression: str) -> str:
    return OPEN_LICENCES.get(expression, expression)


def licence_url(expression: str) -> str | None:
    return f"https://spdx.org/licenses/{expression}.html" if expression in OPEN_LICENCES else None

"""Findings in the contributor's language: the codes stay, the words are translated.

The checks write every message in English. A gettext catalogue per language, kept with
Babel (`locale/<language>/LC_MESSAGES/findings.po`, read as it is), translates
- each code's title and hint (context `MLxxx title`, `MLxxx hint`);
- each message, as a pattern: an English message with %(name)s where its values go
  (context `message`), which a message given by a check is matched against; its values
  (ids, paths, numbers, a contributor's text) go into the translation unchanged, except
  the words the catalogue gives for a placeholder (context `word <placeholder>`: `file`
  as %(place)s is "fichier") and a value in %(message)s, which is a message of its own;
- the reporters' own words (no context), through `_` and `ngettext`.
A message no pattern matches stays English. `python -m generator.findings.catalogue`
keeps the titles and hints in step with generator/findings/codes.py; the test of the
catalogue fails while a code or a message the fixtures give has no French.

The language is chosen with `--lang`, else from the environment as gettext does
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.findings import Finding, po_files
from generator.findings.codes import CODES

LOCALE_FOLDER = Path(__file__).resolve().parent / "locale"
DOMAIN = "findings"
ENGLISH = "en"
LANGUAGES = (ENGLISH, "fr")
MESSAGE = "message"  # the context of message patterns, and the placeholder of a message
WORD = "word"  # `word <placeholder>`: the context of the words a placeholder may hold
# The contexts of the analysis's sentences (generator.analysis.said): their templates, and
# the terms their values may be.
TEMPLATE_CONTEXT = "reason"
TERM_CONTEXT = "reason word"
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Longer messages are left in English rather than matched: a pattern's gaps make matching
# slower the longer the text.
MAX_MESSAGE = 2000
_MAX_NESTING = 2

_language: ContextVar[str] = ContextVar("makelocal_findings_language", default=ENGLISH)


def language_from(environment: Mapping[str, str]) -> str:
    """The language the environment asks for, as gettext reads it, if we speak it; else
    English. `fr_FR.UTF-8`, `fr` and `fr:en` are French; `C` and `POSIX` are English."""
    for name in _ENVIRONMENT:
        value = environment.get(name, "")
        for entry in value.split(":"):
            code = re.split(r"[_.@]", entry, maxsplit=1)[0].lower()
            if code in LANGUAGES:
                return code
        if value and name != "LANGUAGE":
            return ENGLISH  # LC_ALL and the rest name one locale: a language we lack
    return ENGLISH


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """The reporters' words in `language` inside the block."""
    if language not in LANGUAGES:
        raise ValueError(f"no findings in {language!r}: one of {', '.join(LANGUAGES)}")
    token = _language.set(language)
    try:
        yield language
    finally:
        _language.reset(token)


def speaking_now() -> str:
    """The language the reporters are writing in."""
    return _language.get()


# The findings' messages (generator/findings/locale).
MESSAGES = po_files.Domain(LOCALE_FOLDER, DOMAIN, ENGLISH)
catalogue_file = MESSAGES.file
read_catalogue = MESSAGES.catalogue
_translations = MESSAGES.translations


@functools.cache
def _in_context(language: str) -> dict[tuple[str, str], str]:
    """The language's translations of messages that have a context, by context and English
    (fuzzy and empty ones left out)."""
    return {
        (str(entry.context), str(entry.id)): str(entry.string)
        for entry in read_catalogue(language)
        if entry.context and isinstance(entry.id, str) and entry.string and not entry.fuzzy
    }


def translated(context: str, english: str, language: str) -> str | None:
    """The catalogue's translation of a message in its context; None if it has none."""
    return _in_context(language).get((context, english))


def _(english: str, /, **values: Any) -> str:
    """A reporter's words in the language being spoken, %(name)s filled from `values`."""
    return _translations(_language.get()).gettext(english) % values


def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form for `count` (as %(num)s), in the language being spoken."""
    chosen = _translations(_language.get()).ngettext(singular, plural, count)
    return chosen % {"num": count, **values}


def title(code: str, language: str) -> str:
    return _translations(language).pgettext(f"{code} title", CODES[code].title)


def hint(code: str, language: str) -> str:
    return _translations(language).pgettext(f"{code} hint", CODES[code].hint)


@dataclass(frozen=True)
class Pattern:
    """A message of the catalogue: its English as a regular expression, and its French."""

    english: re.Pattern[str]
    translated: str
    literal: int  # how much of the English is words rather than values: the most first


def pattern_of(english: str) -> re.Pattern[str]:
    """The regular expression of a message with %(name)s where its values go."""
    parts = _PLACEHOLDER.split(english)
    expression = "".join(
        re.escape(part.replace("%%", "%")) if index % 2 == 0 else f"(?P<{part}>.*?)"
        for index, part in enumerate(parts)
    )
    return re.compile(expression, re.DOTALL)


@functools.cache
def _patterns(language: str) -> tuple[tuple[Pattern, ...], dict[tuple[str, str], str]]:
    """The language's message patterns, most specific first, and its words by their
    placeholder and English."""
    patterns: list[Pattern] = []
    words: dict[tuple[str, str], str] = {}
    for entry in read_catalogue(language):
        if not entry.id or not entry.string or entry.fuzzy:
            continue
        if entry.context and entry.context.startswith(WORD + " "):
            words[(entry.context.removeprefix(WORD + " "), str(entry.id))] = str(entry.string)
        elif entry.context == MESSAGE:
            literal = len(_PLACEHOLDER.sub("", str(entry.id)).replace("%%", "%"))
            patterns.append(Pattern(pattern_of(str(entry.id)), str(entry.string), literal))
    patterns.sort(key=lambda p: -p.literal)
    return tuple(patterns), words


def word(placeholder: str, english: str, language: str) -> str:
    """The catalogue's word for a value of a placeholder (`density` as %(kind)s is "masse
    volumique"), or the value as it is."""
    if language == ENGLISH:
        return english
    return _patterns(language)[1].get((placeholder, english), english)


def matching(message: str, language: str) -> Pattern | None:
    """The most specific pattern of the catalogue that the whole message matches."""
    if len(message) > MAX_MESSAGE:
        return None
    patterns, _words = _patterns(language)
    return next((p for p in patterns if p.english.fullmatch(message)), None)


def translate_message(message: str, language: str, depth: int = 0) -> str:
    """A finding's message in `language`: its pattern's translation with its values in
    place, those the catalogue has words for translated, and a %(message)s translated as
    a message. A message no pattern matches stays as it is."""
    if language == ENGLISH:
        return message
    pattern = matching(message, language)
    if pattern is None:
        return message
    match = pattern.english.fullmatch(message)
    assert match is not None
    words = _patterns(language)[1]
    values = {}
    for name, value in match.groupdict().items():
        if (name, value) in words:
            values[name] = words[(name, value)]
        elif name == MESSAGE and depth < _MAX_NESTING:
            values[name] = translate_message(value, language, depth + 1)
        else:
            values[name] = value
    return pattern.translated % values


def in_language(findings: Sequence[Finding], language: str) -> list[Finding]:
    """The findings with their messages and hints in `language` (codes, places and
    severities as they were)."""
    if language == ENGLISH:
        return list(findings)
    return [
        replace(f, message=translate_message(f.message, language), hint=hint(f.code, language))
        for f in findings
    ]

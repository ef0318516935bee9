"""The site's languages: which there are, the one being written, and its words.

Every word of the interface (templates, Python, scripts, labels) is English in the code and
is a message of one catalogue per language (gettext, kept with Babel): `locale/site.pot`
lists the messages, `locale/<language>/LC_MESSAGES/site.po` translates them, and
`python -m generator.web.catalogue` brings both up to date after the code changes. The
.po files are read as they are (no compiled .mo in the repository).

The render stage writes a whole site in one language at a time: `speaking(language)` sets
it for what runs inside, and `_`, `ngettext` and `pgettext` answer in it. English is the
records' own language, and every page exists in it; a message without a translation stays
English (the catalogue's test keeps that from happening).
"""

from __future__ import annotations

import functools
import gettext as gettext_module
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup, escape

from generator.findings import po_files

LOCALE_FOLDER = Path(__file__).resolve().parent / "locale"
DOMAIN = "site"
SOURCE = "en"  # the language of the records and of the code's messages


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in <html lang>
    name: str  # in the language itself, as the switcher offers it
    folder: str  # where its site is, inside the English one ("" for English)
    # The Unicode CLDR plural category of each of its catalogue's plural forms, in order
    # (the scripts choose a form with the browser's Intl.PluralRules).
    plural_categories: tuple[str, ...] = ("one", "other")


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", ""),
    # French, as the Unicode CLDR has it (and Babel writes its catalogue's Plural-Forms):
    # 0 and 1 singular, "many" for whole millions ("1 000 000 de"), else plural.
    "fr": Language("fr", "Français", "fr", ("one", "many", "other")),
}
# Where the scripts are whose messages the catalogue holds (words.js translates them).
SCRIPTS_FOLDER = "generator/web/assets/"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE)

_speaking: ContextVar[str] = ContextVar("makelocal_language", default=SOURCE)
# Which site paths the language's site has (generator.web.translated.LanguageView.has);
# None: all of them.
_site_has: ContextVar[Callable[[str], bool] | None] = ContextVar("makelocal_site", default=None)


@contextmanager
def speaking(language: str, has: Callable[[str], bool] | None = None) -> Iterator[Language]:
    """Write in `language` inside the block (one of LANGUAGES), for its site, which has the
    pages and files `has` says (all, by default); links to others lead to the English
    site (generator.web.links)."""
    if language not in LANGUAGES:
        raise ValueError(f"the site has no language {language!r}: one of {', '.join(LANGUAGES)}")
    token, site = _speaking.set(language), _site_has.set(has)
    try:
        yield LANGUAGES[language]
    finally:
        _speaking.reset(token)
        _site_has.reset(site)


def current() -> Language:
    return LANGUAGES[_speaking.get()]


def in_this_site(target: str) -> bool:
    """Whether the site being written has the page or file at a site path."""
    has = _site_has.get()
    return has is None or has(target)


# The site's messages (generator/web/locale).
MESSAGES = po_files.Domain(LOCALE_FOLDER, DOMAIN, SOURCE)
catalogue_file = MESSAGES.file
_catalogue = MESSAGES.catalogue
translations = MESSAGES.translations


@functools.cache
def script_messages(language: str) -> dict[str, str | list[str]]:
    """The translations of the messages the site's scripts use (by where the catalogue
    found them): a plural message as its forms. Empty for English, which the scripts
    write; a message not translated yet is left out, so its English shows."""
    if language == SOURCE:
        return {}
    found: dict[str, str | list[str]] = {}
    for message in _catalogue(language):
        in_scripts = any(path.startswith(SCRIPTS_FOLDER) for path, _line in message.locations)
        if not message.id or not in_scripts or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            forms = [str(form) for form in message.string]
            if all(forms):
                found[str(message.id[0])] = forms
        else:
            found[str(message.id)] = str(message.string)
    return found


def reload() -> None:
    """Forget the catalogues read, so that the next use reads them again."""
    MESSAGES.forget()
    for cached in (script_messages, _translated):
        cached.cache_clear()


def gettext(message: str) -> str:
    return translations(_speaking.get()).gettext(message)


def ngettext_plain(singular: str, plural: str, count: int) -> str:
    return translations(_speaking.get()).ngettext(singular, plural, count)


def _(message: str, **values: Any) -> str:
    """`message` in the language being written, its %(name)s filled from `values`. As in
    the templates (Jinja's newstyle gettext), a message is always a format string: a
    literal percent sign is written %%."""
    return gettext(message) % values


def ngettext(singular: str, plural: str, count: int, **values: Any) -> str:
    """The form for `count` (as %(num)s, with the other %(name)s from `values`)."""
    return ngettext_plain(singular, plural, count) % {"num": count, **values}


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations by context."""
    return translations(_speaking.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is
    shown (a label table's value, a template of words filled in later)."""
    return message


T = TypeVar("T")


class Labels(Mapping[str, T]):
    """A table of words readers see, by coded value: the values are the English messages,
    translated into the language being written each time one is read."""

    def __init__(self, english: Mapping[str, T], translate: Callable[[T], T] | None = None):
        self.english: dict[str, T] = dict(english)
        self._translate = translate
        # Each language's translated values, made once for the catalogue read (a pillar is
        # read for every design card, 40,000 times a build at 10,000 designs).
        self._made: dict[str, tuple[gettext_module.NullTranslations, dict[str, T]]] = {}

    def __getitem__(self, key: str) -> T:
        value = self.english[key]
        if self._translate is None:
            return gettext(value) if isinstance(value, str) else value  # type: ignore[return-value]
        language = _speaking.get()
        read = translations(language)
        made = self._made.get(language)
        if made is None or made[0] is not read:  # first, or the catalogues read again
            made = self._made[language] = (read, {})
        if key not in made[1]:
            made[1][key] = self._translate(value)
        return made[1][key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


def english(text: Any) -> str | Markup:
    """Words another stage wrote in English (an analysis's reasons, a score's losses): in
    the catalogue's translation when it has one, else as they are, marked as English
    (`lang="en"`, which site.css marks for sighted readers too) on a page in another
    language. Never given record text: that is the records' own (generator.web.translated)."""
    written = text if isinstance(text, str) else str(text)
    language = _speaking.get()
    if not written or language == SOURCE:
        return written
    if written in _translated(language):
        return gettext(written)
    return Markup('<span lang="en" class="ml-en">%s</span>') % escape(written)


@functools.cache
def _translated(language: str) -> frozenset[str]:
    """The messages the language's catalogue translates (some read as their English:
    "Documentation", "Version")."""
    return frozenset(
        str(m.id) for m in _catalogue(language) if isinstance(m.id, str) and m.id and m.string
    )

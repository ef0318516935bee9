"""Reading and starting gettext catalogues (.po files, with Babel), shared by the two
catalogues: the findings' (generator/findings/locale) and the site's (generator/web/locale).

Babel is imported only when a catalogue is read or written, so that English-only runs of
the command line never load it.
"""

from __future__ import annotations

import datetime
import gettext
import io
from pathlib import Path
from typing import Any

# Catalogue headers carry fixed dates, so that updating a catalogue changes only what changed.
CREATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
TEAMS = {"fr": "MakeLocal French translators (CONTRIBUTING.fr.md)"}


def read(path: Path, language: str, domain: str) -> Any:
    """A .po file, read (a babel.messages.Catalog)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        return read_po(po, locale=language, domain=domain)


def compiled(catalog: Any) -> gettext.NullTranslations:
    """A catalogue compiled in memory; fuzzy and empty translations are left out, so their
    English shows."""
    from babel.messages.mofile import write_mo

    data = io.BytesIO()
    write_mo(data, catalog)
    data.seek(0)
    return gettext.GNUTranslations(data)


def new_catalog(language: str | None, domain: str, header: str, no_translator: str) -> Any:
    """An empty catalogue with the project's fixed header (language None: the English
    messages' template)."""
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=language,
        domain=domain,
        header_comment=header,
        project="MakeLocal",
        version="1",
        copyright_holder="MakeLocal contributors",
        msgid_bugs_address="the project's issues",
        creation_date=CREATED,
        revision_date=CREATED,
        last_translator=TEAMS.get(language or "", no_translator),
        language_team=TEAMS.get(language or "", "none"),
    )


class Domain:
    """One catalogue of messages (the site's, the findings'): its .po file in each
    language, read and compiled once."""

    def __init__(self, folder: Path, name: str, source: str) -> None:
        self.folder = folder
        self.name = name
        self.source = source  # the code's own language, which needs no catalogue
        self._read: dict[str, Any] = {}
        self._compiled: dict[str, gettext.NullTranslations] = {}

    def file(self, language: str) -> Path:
        return self.folder / language / "LC_MESSAGES" / f"{self.name}.po"

    def catalogue(self, language: str) -> Any:
        """The language's .po file, read (a babel.messages.Catalog)."""
        if language not in self._read:
            self._read[language] = read(self.file(language), language, self.name)
        return self._read[language]

    def translations(self, language: str) -> gettext.NullTranslations:
        """The language's messages, compiled in memory (fuzzy and empty translations left
        out, so their English shows); none for the code's own language."""
        if language not in self._compiled:
            self._compiled[language] = (
                gettext.NullTranslations()
                if language == self.source
                else compiled(self.catalogue(language))
            )
        return self._compiled[language]

    def forget(self) -> None:
        """The catalogues read again at their next use."""
        self._read.clear()
        self._compiled.clear()

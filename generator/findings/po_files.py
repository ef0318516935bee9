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

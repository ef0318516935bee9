"""The words of the site's scripts, as a classic script, in the language of the site being
written (the finder's and "What can I make?"'s data are generator.web.finder's and
generator.web.match_page's)."""

from __future__ import annotations

from generator.web.i18n import current, script_messages
from generator.web.markup import script_json
from generator.web.translated import LanguageView

WORDS = "assets/makelocal/data/words.js"


def words_data(view: LanguageView | None) -> dict[str, str]:
    """The words of the site's scripts in the language being written (assets/words.js
    reads them): the catalogue's translations of the messages the scripts use, each plural
    message as its forms, in the order of the language's plural categories; where the
    language's site is in the English one, and the way back; and which English pages it
    has in its language."""
    language = current()
    translated = (
        sorted(f"{record_type}/{record_id}.html" for record_type, record_id in view.translations)
        if view is not None
        else []
    )
    data = {
        "messages": script_messages(language.code),
        "plural": list(language.plural_categories),
        "folder": f"{language.folder}/" if language.folder else "",
        "shared": "../" * (language.folder.count("/") + 1) if language.folder else "",
        "translated": translated,
    }
    return {WORDS: "window.MAKELOCAL_WORDS=" + script_json(data) + ";\n"}

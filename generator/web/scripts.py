"""The site's own scripts and stylesheet as published, and the words of its scripts, as a
classic script, in the language of the site being written (the finder's and "What can I
make?"'s data are generator.web.finder's and generator.web.match_page's)."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from generator.web.i18n import current, script_messages
from generator.web.markup import script_json
from generator.web.translated import SHARED_SCRIPTS, LanguageView

WORDS = "assets/makelocal/data/words.js"


def own_scripts(assets: Path) -> dict[str, str]:
    """The site's own scripts and stylesheet (`assets`, generator/web/assets), by their
    path in the site, without their comments and the spaces they do not need. Every page
    loads some: on the search page they were 42 KB of the 324 KB it loads at 10,000
    designs, and are 30 KB so. Only spaces and comments go (rjsmin, rcssmin): names and
    strings stay as written, and so do the words the stylesheet's cut reads in them."""
    shrink = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
    published = {}
    for asset in sorted(assets.rglob("*")):
        if asset.is_file():
            text = asset.read_text("utf-8")
            path = SHARED_SCRIPTS + asset.relative_to(assets).as_posix()
            published[path] = shrink[asset.suffix](text) if asset.suffix in shrink else text
    return published


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

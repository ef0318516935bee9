"""The site's message catalogue: up to date with the code, and every language complete.

Every message the templates, the Python, the scripts and the labels use is in
generator/web/locale/site.pot (`python -m generator.web.catalogue` writes it), and each
language translates every one of them, not fuzzy, with the same placeholders, numbers and
markup as the English: a translation cannot drop a figure or a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from generator.web import catalogue, i18n
from generator.web.i18n import LANGUAGES, TRANSLATED

PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")
TAG = re.compile(r"</?[a-z][^>]*>")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _messages(language: str) -> dict[object, Message]:
    with i18n.catalogue_file(language).open("rb") as po:
        return {m.id: m for m in read_po(po, locale=language) if m.id}


def _template() -> set[object]:
    with catalogue.TEMPLATE.open("rb") as pot:
        return {m.id for m in read_po(pot) if m.id}


def test_the_catalogue_has_every_message_the_code_uses() -> None:
    extracted = {m.id for m in catalogue.extract() if m.id}
    assert extracted == _template(), (
        "the catalogue is behind the code: run `python -m generator.web.catalogue`, then "
        "translate what it adds"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language: str) -> None:
    messages = _messages(language)
    assert set(messages) == _template()
    missing = [
        m.id
        for m in messages.values()
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert missing == []


def _forms(message: Message) -> Iterator[tuple[str, str]]:
    """(English, translation) of each form of a message."""
    english = message.id if isinstance(message.id, tuple) else (message.id,)
    translated = message.string if isinstance(message.string, tuple) else (message.string,)
    for index, form in enumerate(translated):
        yield str(english[min(index, len(english) - 1)]), str(form)


def _numbers(text: str) -> list[str]:
    """The numbers of a text, written the English way (a French decimal comma read as a
    point; digits grouped with a narrow space read as one number)."""
    joined = re.sub(r"(\d)\u202f(\d{3})", r"\1\2", text)
    return sorted(n.replace(",", ".") for n in NUMBER.findall(joined))


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_numbers_and_markup(language: str) -> None:
    wrong = []
    for message in _messages(language).values():
        for english, translated in _forms(message):
            # A plural's singular may say "1" in words ("une"), or leave the count out.
            own = PLACEHOLDER.findall(translated)
            if set(own) - set(PLACEHOLDER.findall(english)):
                wrong.append(f"placeholder not in the English: {translated!r}")
            if not isinstance(message.id, tuple) and sorted(own) != sorted(
                PLACEHOLDER.findall(english)
            ):
                wrong.append(f"placeholders differ: {english!r} -> {translated!r}")
            if sorted(TAG.findall(english)) != sorted(TAG.findall(translated)):
                wrong.append(f"markup differs: {english!r} -> {translated!r}")
            if _numbers(english) != _numbers(translated):
                wrong.append(f"numbers differ: {english!r} -> {translated!r}")
            formatted = len(re.findall(r"%\(\w+\)s", translated))
            if translated.count("%") - translated.count("%%") * 2 != formatted:
                wrong.append(f"a lone % (write %%): {translated!r}")
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_have_every_form_of_the_language(language: str) -> None:
    categories = LANGUAGES[language].plural_categories
    with i18n.catalogue_file(language).open("rb") as po:
        read = read_po(po, locale=language)
    assert read.num_plurals == len(categories)
    short = [m.id for m in read if isinstance(m.id, tuple) and len(m.string) != len(categories)]
    assert short == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_scripts_get_their_messages_from_the_catalogue(language: str) -> None:
    """Each message a script uses, in the words the build writes for it (data/words.js)."""
    in_scripts = [
        m
        for m in catalogue.extract()
        if m.id and any(path.startswith(i18n.SCRIPTS_FOLDER) for path, _ in m.locations)
    ]
    words = i18n.script_messages(language)
    assert in_scripts, "no message found in the scripts"
    for message in in_scripts:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        assert key in words, key
        assert words[key] != message.id


def test_english_text_is_marked_only_where_the_catalogue_has_no_translation() -> None:
    with i18n.speaking("fr"):
        assert i18n.english("Documentation") == "Documentation"  # translated as itself
        assert i18n.english("Ready to make") == "Prêt à fabriquer"
        marked = i18n.english("printed as exported <b>")
    assert marked == '<span lang="en" class="ml-en">printed as exported &lt;b&gt;</span>'
    assert i18n.english("printed as exported") == "printed as exported"  # in English

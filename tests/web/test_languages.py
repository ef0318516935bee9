"""French beside English: the /fr/ site, its words, and how the two lead to each other.

Built from tests/fixtures/site-fr (a page of every record type in French, some text left
in English) and from this repository's records: every French page is checked against the
English catalogue for interface words left in English, for its language and the pages in
the other language it names, and its records' English text marked as such.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import tomllib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from generator.web import i18n
from generator.web.i18n import LANGUAGES, TRANSLATED, speaking
from generator.web.translated import PAGE_FOLDERS
from generator.web.words import day, figures, fixed, number, quantity, time_left, with_unit
from tests.conftest import requires_chromium, wait_until
from tests.web.helpers import Watched, data_file

NBSP, NNBSP = "\u00a0", "\u202f"
SKIPPED = {"script", "style", "pre", "code", "kbd", "samp", "template", "svg"}
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


def html_pages(site: Path, language: str) -> dict[str, str]:
    """The pages of a language's site, by their path in it."""
    folder = site / LANGUAGES[language].folder
    return {
        p.relative_to(folder).as_posix(): p.read_text("utf-8")
        for p in sorted(folder.rglob("*.html"))
        if language != "en" or p.relative_to(folder).parts[0] not in TRANSLATED
    }


class _Reader(HTMLParser):
    """The text a reader sees in the page's language: blocks of text and the attributes
    read aloud, leaving out code and every element marked `lang` in another language."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, outside the page's language)
        self.texts: list[str] = []
        self.current: list[str] = []

    def _away(self) -> bool:
        return any(away for _, away in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        lang = found.get("lang")
        away = tag in SKIPPED or (lang is not None and lang != self.language and tag != "html")
        if not self._away() and not away:
            self.texts.extend(v for a, v in attrs if a in READ_ATTRIBUTES and v)
        self._flush()
        if tag not in VOID:
            self.stack.append((tag, away))

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._away():
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.texts.append(text)
        self.current = []


def reader_text(html: str, language: str) -> list[str]:
    reader = _Reader(language)
    reader.feed(html)
    reader._flush()
    return reader.texts


LITERAL = re.compile(r"%\(\w+\)s|\{\w+\}|%%|<[^>]+>")


def english_words(language: str) -> tuple[set[str], list[str]]:
    """What of the English catalogue must not be read on a page in `language`: messages a
    whole piece of text may be (short ones: "Search", "Designs"), and pieces of sentences of
    three words or more. Messages the language writes the same way ("Version") are not."""
    with i18n.catalogue_file(language).open("rb") as po:
        messages = [m for m in read_po(po, locale=language) if m.id]
    whole: set[str] = set()
    pieces: list[str] = []
    for message in messages:
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in english:
            if text in translated:
                continue
            # Code and file names read the same in every language.
            prose = re.sub(r"<code>.*?</code>", " ", str(text))
            parts = [" ".join(p.split()) for p in LITERAL.split(prose)]
            parts = [p for p in parts if not re.fullmatch(r"[\w.-]+/|[\w-]+\.[a-z]+", p)]
            whole.update(p for p in parts if p and re.search(r"[A-Za-z]{2}", p))
            pieces += [p for p in parts if len(re.findall(r"[A-Za-z]{2,}", p)) >= 3]
    return whole, sorted(set(pieces), key=len, reverse=True)


def english_left(html: str, language: str) -> list[str]:
    whole, pieces = english_words(language)
    found = []
    for text in reader_text(html, language):
        if text.strip(" .,:;()") in whole or text in whole:
            found.append(text)
        found += [f"{piece!r} in {text!r}" for piece in pieces if piece in text]
    return found


# Words a page names in English on purpose, by page: the contributor guide tells which of
# GitHub's buttons to press, and GitHub shows them in English.
NAMED_AS_SHOWN = {"contribute.html": {"Contribute"}}


@pytest.mark.parametrize("language", TRANSLATED)
def test_french_pages_have_no_english_interface_words(
    french_site: Path, real_site: Path, language: str
) -> None:
    """Every page of every type, in the fixture's site and this repository's."""
    left = {
        f"{site.name}/{path}": words
        for site in (french_site, real_site)
        for path, html in html_pages(site, language).items()
        if (
            words := [
                w for w in english_left(html, language) if w not in NAMED_AS_SHOWN.get(path, ())
            ]
        )
    }
    assert left == {}


def test_the_check_finds_english_words() -> None:
    """The check above reads what a reader reads: an English message in a French page is
    found, the same message marked English is not, nor is code."""
    page = (
        '<html lang="fr"><p>Téléchargements</p><h2>Downloads</h2>'
        '<p title="Search">x</p><p>Les fichiers : each file is here</p>'
        '<p lang="en">Downloads</p><pre>Downloads</pre>'
        "<p>Cochez ce que vous avez. Designs that lack the same things are listed together.</p>"
        "</html>"
    )
    assert english_left(page, "fr") == [
        "Downloads",
        "Search",
        "'Designs that lack the same things are listed together.' in 'Cochez ce que vous "
        "avez. Designs that lack the same things are listed together.'",
    ]


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        elif tag == "link" and found.get("rel") == "alternate" and "hreflang" in found:
            self.alternates[found["hreflang"]] = found["href"]
        elif tag == "a" and "ml-language" in found.get("class", ""):
            self.switch[found["hreflang"]] = found["href"]


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


def _resolve(site: Path, language: str, page: str, href: str) -> Path:
    folder = LANGUAGES[language].folder
    here = posixpath.dirname(posixpath.join(folder, page))
    return site / posixpath.normpath(posixpath.join(here, href.partition("#")[0]))


def _pairs(site: Path) -> Iterator[tuple[str, str, str]]:
    for language in LANGUAGES:
        for page, html in html_pages(site, language).items():
            yield language, page, html


def test_every_page_says_its_language_and_leads_to_the_others(french_site: Path) -> None:
    """<html lang>, a `hreflang` alternate for itself and each language that has the page,
    and a switcher on every page: to the same page, or to that language's home."""
    for language, page, html in _pairs(french_site):
        found = head(html)
        assert found.lang == language, page
        assert set(found.switch) == set(LANGUAGES) - {language}, (language, page)
        for other, href in found.switch.items():
            target = _resolve(french_site, language, page, href)
            assert target.is_file(), (language, page, href)
            other_folder = french_site / LANGUAGES[other].folder
            counterpart = other_folder / page
            # A page with no counterpart, or the one for addresses that lead nowhere, switches
            # to that language's home.
            found_there = counterpart.is_file() and page != "404.html"
            expected = counterpart if found_there else other_folder / "index.html"
            assert target == expected, (language, page, href)
        if page == "404.html":
            continue
        assert found.alternates.get(language), (language, page)
        for code, href in found.alternates.items():
            target = _resolve(french_site, code, page, href)
            folder = french_site / LANGUAGES[language].folder
            assert _resolve(french_site, language, page, href).is_file(), (page, href)
            # Each alternate names this page back.
            back = head(_resolve(french_site, language, page, href).read_text("utf-8"))
            assert back.alternates.keys() == found.alternates.keys(), (page, code)
            assert target.is_file() or folder.is_dir()


def test_every_page_type_is_in_french(french_site: Path) -> None:
    french = html_pages(french_site, "fr")
    assert {f"{folder}/{page}" for folder, page in (
        ("design", "test-clip.html"), ("material", "test-plastic.html"),
        ("process", "test-printing.html"), ("maker", "test-maker.html"),
        ("need", "clips-kampala-2027-01.html"),
    )} <= french.keys()  # fmt: skip
    english = html_pages(french_site, "en")
    interface = {p for p in english if p.partition("/")[0] not in PAGE_FOLDERS}
    assert interface <= french.keys()
    assert head(french["index.html"]).lang == "fr"


def test_a_french_record_page_marks_its_english_text_and_its_review(french_site: Path) -> None:
    design = (french_site / "fr/design/test-clip.html").read_text("utf-8")
    assert "<h1>Attache d&#39;essai</h1>" in design
    # Its description has no translation: English, said so in words and by lang="en".
    assert '<div lang="en" class="ml-en-block"><p>Used only by the tests.</p></div>' in design
    assert "Pas encore traduit" in design
    # Not yet reviewed: every reader is told, with the English page to check against.
    assert "Traduction pas encore relue par une personne qui parle couramment" in design
    assert 'href="../../design/test-clip.html" hreflang="en"' in design
    # ... at the start of the page, and at its safety notes.
    assert '<a class="ml-badge ml-badge--needs-attention" href="#translation">' in design
    assert "Ces consignes de sécurité sont une traduction pas encore relue" in design
    material = (french_site / "fr/material/test-plastic.html").read_text("utf-8")
    assert "relu par Fixture reviewer" in material
    assert "Traduction pas encore relue" not in material
    assert "Ces consignes de sécurité sont une traduction" not in material


def test_french_lists_lead_to_english_pages_marked_english(french_site: Path) -> None:
    """A record with no French page: its name in English, marked, leading to its English
    page; a translated one: in French, to its French page. The scripts' data says which."""
    makers = (french_site / "fr/makers.html").read_text("utf-8")
    assert '<a href="maker/test-maker.html">Test maker</a>' in makers
    assert "Un fabricant pour les tests." in makers
    assert '<a href="../maker/english-maker.html" hreflang="en">English-only workshop</a>' in makers
    assert '<span lang="en" class="ml-en">A fixture maker with no French text.</span>' in makers
    category = (french_site / "fr/categories/repair-part.html").read_text("utf-8")
    assert '<a href="../design/test-clip.html">Attache d&#39;essai</a>' in category
    finder = french_site / "fr/assets/makelocal/data"
    _, header = data_file((finder / "find.js").read_text("utf-8"))
    items = [
        item
        for number in range(-(-header["spans"][-1][2] // header["perFile"]))
        for item in data_file((finder / f"find/items-{number}.js").read_text("utf-8"))[1]
    ]
    kinds = [kind for kind, start, end in header["spans"] for _ in range(start, end)]
    flagged = {(kind, i["id"]) for kind, i in zip(kinds, items, strict=True) if i.get("en")}
    assert ("maker", "english-maker") in flagged
    assert ("maker", "test-maker") not in flagged


def test_french_numbers_units_and_dates() -> None:
    with speaking("fr"):
        assert number(1.38) == "1,38"
        assert number(12000) == f"12{NNBSP}000"
        assert number(2026) == "2026"
        assert fixed(0.125, 2) == "0,12" or fixed(0.125, 2) == "0,13"
        assert quantity({"value": 1.38, "unit": "g/cm3"}) == f"1,38{NBSP}g/cm3"
        assert quantity({"min": 160, "max": 180, "unit": "°C"}) == f"160\u2013180{NBSP}°C"
        assert with_unit(2.5, "mm") == f"2,5{NBSP}mm"
        assert figures(24.2, 95) == f"24{NBSP}g · 1{NBSP}h{NBSP}35{NBSP}min"
        assert day("2027-01-03") == "3 janvier 2027"
        assert day(datetime.date(2026, 12, 1)) == "1 décembre 2026"
        assert time_left(3, "2026-12-09") == "encore 3 jours"
    # English is as the records write it.
    assert number(1.38) == "1.38" and number(12000) == "12000"
    assert day("2027-01-03") == "2027-01-03"
    assert time_left(1, "2026-12-07") == "1 day left"


def test_the_api_and_manifests_say_their_language(french_site: Path) -> None:
    designs = json.loads((french_site / "api/designs.json").read_text("utf-8"))
    clip = next(d for d in designs["items"] if d["id"] == "test-clip")
    assert clip["documentation_language"] == "en"
    assert clip["translations"]["fr"]["page"] == "fr/design/test-clip.html"
    assert clip["translations"]["fr"]["status"] == "translated"
    assert clip["translations"]["fr"]["text"]["title"] == "Attache d'essai"
    assert (french_site / clip["translations"]["fr"]["page"]).is_file()
    english = tomllib.loads((french_site / "design/test-clip/okh.toml").read_text("utf-8"))
    french = tomllib.loads((french_site / "fr/design/test-clip/okh.toml").read_text("utf-8"))
    assert english["documentation-language"] == "en"
    assert french["documentation-language"] == "fr"
    assert french["name"] == "Attache d'essai"
    # The French page links its French manifest, and the English site's zip.
    page = (french_site / "fr/design/test-clip.html").read_text("utf-8")
    assert 'href="test-clip/okh.toml"' in page
    assert 'href="../../design/test-clip/test-clip.zip"' in page


def test_the_scripts_words_are_in_the_page_language(french_site: Path) -> None:
    words = (french_site / "fr/assets/makelocal/data/words.js").read_text("utf-8")
    data = json.loads(words.removeprefix("window.MAKELOCAL_WORDS=").rstrip(";\n"))
    assert data["messages"]["Searching…"] == "Recherche…"
    assert data["folder"] == "fr/" and data["shared"] == "../"
    assert "design/test-clip.html" in data["translated"]
    english = (french_site / "assets/makelocal/data/words.js").read_text("utf-8")
    assert (
        json.loads(english.removeprefix("window.MAKELOCAL_WORDS=").rstrip(";\n"))["messages"] == {}
    )


# --- in the browser ---------------------------------------------------------------------


@requires_chromium
def test_french_scripts_write_french_and_lead_to_the_right_pages(
    browser: Any, french_url: str
) -> None:
    """The gallery and the search, served over http: French words from the build's data,
    French pages for translated records and English ones, marked, for the others; Pagefind's
    French index, with the English one merged in for what has no French page."""
    tab = Watched(browser, (french_url, "data:", "blob:"))
    page = tab.page
    page.goto(french_url + "fr/designs.html")
    page.wait_for_selector("#ml-gallery li")
    assert page.locator("#ml-gallery-count").inner_text() == "1 sur 1 modèle"
    link = page.locator("#ml-gallery a.ml-card__link").first
    assert link.get_attribute("href").endswith("fr/design/test-clip.html")
    assert link.get_attribute("hreflang") is None
    # From the names and summaries at first, and from every word of every page.
    for full in ("", "&full=1"):
        page.goto(french_url + "fr/search.html?q=attache" + full)
        page.wait_for_selector("#ml-search-results li")
        found = page.locator("#ml-search-results a").evaluate_all("links => links.map(a => a.href)")
        assert any(href.endswith("fr/design/test-clip.html") for href in found)
        assert "résultat" in page.locator("#ml-search-status").inner_text()
        # An English-only record is found from the French search, and marked so.
        page.goto(french_url + "fr/search.html?q=workshop" + full)
        wait_until(page, "document.querySelectorAll('#ml-search-results li').length > 0")
        english = page.locator("#ml-search-results a[hreflang=en]")
        assert english.count() >= 1
        assert english.first.get_attribute("href").endswith("/maker/english-maker.html")
        assert "/fr/" not in english.first.get_attribute("href")
        # The test clip's English page is not found again beside its French one.
        page.goto(french_url + "fr/search.html?q=clip" + full)
        wait_until(
            page,
            "!['', 'Recherche…'].includes(document.getElementById('ml-search-status').textContent)",
        )
        hrefs = page.eval_on_selector_all("#ml-search-results a", "(a) => a.map((e) => e.href)")
        assert not any(h.endswith("/design/test-clip.html") and "/fr/" not in h for h in hrefs)
        # ...nor counted: as many results as are shown.
        said = page.inner_text("#ml-search-status")
        assert not hrefs or said.startswith(f"{len(hrefs)} résultat"), said
    tab.check()


@requires_chromium
def test_the_french_search_without_a_server(browser: Any, french_site: Path) -> None:
    """Opened from files, the search reads the French data scripts: French names for the
    translated records, the English pages of the others, marked."""
    tab = Watched(browser, ("file://", "data:", "blob:"))
    page = tab.page
    page.goto((french_site / "fr/search.html").as_uri() + "?q=essai")
    wait_until(page, "document.querySelectorAll('#ml-search-results li').length > 0")
    titles = page.eval_on_selector_all("#ml-search-results a", "(a) => a.map((e) => e.textContent)")
    assert "Attache d'essai" in titles
    assert "ouverte depuis des fichiers" in page.locator("#ml-search-status").inner_text()
    page.goto((french_site / "fr/search.html").as_uri() + "?q=workshop")
    wait_until(page, "document.querySelectorAll('#ml-search-results li').length > 0")
    english = page.locator("#ml-search-results a").first
    assert english.get_attribute("hreflang") == "en"
    assert english.get_attribute("href").endswith("/maker/english-maker.html")
    assert "/fr/maker/" not in english.get_attribute("href")
    tab.check()


@requires_chromium
def test_the_switcher_leads_to_the_same_page(browser: Any, french_url: str) -> None:
    tab = Watched(browser, (french_url, "data:", "blob:"))
    page = tab.page
    page.goto(french_url + "design/test-clip.html")
    with page.expect_navigation():  # on a busy machine the click returns before it is there
        page.click("a.ml-language")
    assert page.url.endswith("/fr/design/test-clip.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    with page.expect_navigation():
        page.click("a.ml-language")
    assert page.url.endswith("/design/test-clip.html") and "/fr/" not in page.url
    tab.check()

"""Needs on the site, on tests/fixtures/needs-site as of 2026-12-06, with every figure
worked out by hand:

- Kampala: 120 test clips by 2027-01-15, 40 days away. Test maker states 50 parts a
  week by Test printing, and a clip takes 2 parts: 25 a week x 40/7 weeks = 142.9, so 142,
  enough. Quiet maker (Kenya) states 1000 a week but shows no capacity: not stated.
- Nairobi: 30 of any repair part by 2026-12-20, 14 days away: 25 x 2 = 50, enough.
- Lusaka: needed by 2026-11-02, expired. Kigali: met.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.web import finder
from generator.web.build import build_site
from generator.web.render import render_site
from generator.web.site import Settings, Site
from generator.web.sources import PROJECT, load_valid_catalog
from tests.conftest import FIXTURES, make_repo, requires_chromium, wait_until
from tests.web.conftest import serve
from tests.web.helpers import broken_links, data_file
from tests.web.words_check import Vocabulary, page_findings, record_names, schema_vocabulary

AS_OF = datetime.date(2026, 12, 6)
REPO_URL = "https://github.com/example/makelocal"
KAMPALA = "need/test-clips-kampala-2026-12.md"
NAIROBI = "need/repair-parts-nairobi-2026-12.md"
LUSAKA = "need/clips-lusaka-2026-10.md"
KIGALI = "need/clips-kigali-2026-09.md"


def needs_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", FIXTURES / "needs-site")


def rendered(repo: Path, as_of: datetime.date = AS_OF, guide: bool = False) -> Site:
    documents = {
        name: (PROJECT / name).read_text("utf-8")
        for name in ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md")
    }
    return render_site(
        load_valid_catalog(repo),
        {},
        Settings(repo_url=REPO_URL, as_of=as_of),
        documents if guide else {},
        {p.name: p for p in (PROJECT / "schemas").glob("*.schema.json")},
    )


def pages(site: Site) -> dict[str, str]:
    return {page.path: page.html for page in site.pages}


def text(html: str) -> str:
    """A page's words, tags out and spaces joined, as a reader reads them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#39;", "'")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return rendered(needs_repo(tmp_path))


def test_open_needs_come_picture_first_soonest_first_and_expired_apart(site: Site) -> None:
    page = next(p for p in site.pages if p.path == "needs.md")
    assert page.in_nav and page.title == "Open needs"
    html, words = page.html, text(page.html)
    assert "As of 2026-12-06, the day this site was built." in words
    open_part, _, closed_part = html.partition('<h2 id="expired">Expired and closed</h2>')
    cards = re.findall(r'<li class="ml-need">(.*?)</li>', open_part, re.DOTALL)
    assert [re.search(r'class="ml-need__title"[^>]*>([^<]+)<', c)[1] for c in cards] == [  # type: ignore[index]
        "Spare clips for a workshop",
        "Clips for a fixture clinic",
    ]
    for card in cards:  # the design's card picture, before any word
        assert card.index('<img src="thumb/test-clip.webp"') < card.index("ml-need__title")
    assert "30 · Kenya, Nairobi · 2 weeks left (by 2026-12-20)" in text(cards[0])
    assert "any design in Repair parts" in text(cards[0])
    assert "120 · Uganda, Kampala · 5 weeks left (by 2027-01-15)" in text(cards[1])
    assert "Can make it: Test maker (enough in time), Quiet maker" in text(cards[1])
    closed = text(closed_part)
    assert "60 · Zambia, Lusaka · expired on 2026-11-02" in closed
    assert "40 · Rwanda · Met" in closed
    assert "Clips for a school" not in text(open_part)
    assert "no maker is asked to answer them" in closed
    assert broken_links(site) == []


def test_a_need_page_says_who_can_make_it_and_how_many_in_time(site: Site) -> None:
    kampala = text(pages(site)[KAMPALA])
    assert "120 needed in Uganda, Kampala by 2027-01-15: 5 weeks left, as of 2026-12-06." in (
        kampala
    )
    assert (
        "Test maker, Uganda: 25 a week (50 parts a week by Test printing, 2 a product) makes "
        "142 by 2027-01-15, enough for 120." in kampala
    )
    assert "Quiet maker, Kenya: how many it can take on is not stated." in kampala
    assert "1000" not in kampala  # quiet-maker's capacity is not shown
    assert "To answer: through the page of Fixture clinic." in kampala
    assert 'href="https://example.org/contact"' in pages(site)[KAMPALA]
    nairobi = text(pages(site)[NAIROBI])
    assert "makes 50 by 2026-12-20, enough for 30." in nairobi
    assert "To answer: through Test maker." in nairobi
    lusaka = text(pages(site)[LUSAKA])
    assert "This need expired on 2026-11-02, the last day it was of use." in lusaka
    assert "Who can make it" not in lusaka
    assert f'href="{REPO_URL}/issues"' in pages(site)[LUSAKA]
    assert "This need is met." in text(pages(site)[KIGALI])


def test_time_left_and_enough_move_with_the_build_date(tmp_path: Path) -> None:
    # Fifteen days on: Nairobi is a day past; Kampala has 25 days, and 25 a week makes
    # 25 x 25/7 = 89.3, so 89, 31 short of 120.
    later = rendered(needs_repo(tmp_path), datetime.date(2026, 12, 21))
    needs = text(pages(later)["needs.md"])
    assert "As of 2026-12-21" in needs
    assert "30 · Kenya, Nairobi · expired on 2026-12-20" in needs
    kampala = text(pages(later)[KAMPALA])
    assert "3 weeks left, as of 2026-12-21" in kampala
    assert "makes 89 by 2027-01-15, 31 short of 120." in kampala
    assert "Quiet maker" in kampala  # still a maker who can make it, capacity unknown
    assert "9 days left" in text(
        pages(rendered(needs_repo(tmp_path / "b"), datetime.date(2027, 1, 6)))[KAMPALA]
    )


def test_maker_and_design_pages_show_needs_and_capacity(site: Site) -> None:
    maker = text(pages(site)["maker/test-maker.md"])
    assert "What it can take on As the maker states it, for others' orders:" in maker
    assert "50 parts a week by Test printing (said on 2026-11-20)" in maker
    could = maker.partition("Open needs it could take on")[2]
    assert could.index("Spare clips for a workshop") < could.index("Clips for a fixture clinic")
    assert "With Test clip, 25 a week (50 parts a week by Test printing, 2 a product) makes 50" in (
        could
    )
    assert "Clips for a school" not in could  # expired
    quiet = text(pages(site)["maker/quiet-maker.md"])
    assert "What it can take on" not in quiet and "1000" not in quiet
    assert "With Test clip, how many it can take on is not stated." in quiet
    design = pages(site)["design/test-clip.md"]
    assert '<h2 id="needs">Open needs</h2>' in design
    design_words = text(design)
    assert "Spare clips for a workshop: 30 in Kenya, Nairobi, 2 weeks left (any design in" in (
        design_words
    )
    assert "Clips for a fixture clinic: 120 in Uganda, Kampala, 5 weeks left." in design_words
    assert "Clips for a school" not in design_words


def test_the_map_marks_needs_and_makers_linked_both_ways(site: Site) -> None:
    makers = pages(site)["makers.md"]
    # A country with one open need leads to it; Kenya has a maker and a need: two badges.
    assert (
        '<a href="need/test-clips-kampala-2026-12.html" '
        'aria-label="Uganda: needed, Clips for a fixture clinic">'
    ) in makers
    assert '<a href="maker/quiet-maker.html" aria-label="Kenya: 1 maker, Quiet maker">' in makers
    assert makers.count('<rect x="') == 2 and "Square badges count the" in text(makers)
    # The need's page leads back to the makers of its country and to all needs.
    kampala = pages(site)[KAMPALA]
    assert '<a href="../makers.html#country=UG" aria-label="Makers in Uganda: 1">' in kampala
    assert '<a href="../needs.html">all open needs</a>' in kampala
    assert '<li id="needs-in-UG">' in pages(site)["needs.md"]


def test_without_needs_the_page_says_so_and_how_to_add_one(repo: Path) -> None:
    site = rendered(repo, guide=True)
    needs = pages(site)["needs.md"]
    assert "No open needs yet. Add one: what you need made" in text(needs)
    assert '<a href="contribute.html#post-a-need">Add one</a>' in needs
    assert "<svg" not in needs and "Expired and closed" not in needs
    assert broken_links(site) == []


def test_need_pages_speak_to_readers(site: Site, tmp_path: Path) -> None:
    fields, codes = schema_vocabulary(sorted((PROJECT / "schemas").glob("*.json")))
    vocabulary = Vocabulary(fields, codes, record_names(needs_repo(tmp_path / "v")), frozenset())
    shown = {
        path: found
        for path, html in pages(site).items()
        if path.startswith(("need", "maker/")) or path == "design/test-clip.md"
        if (found := [str(f) for f in page_findings(f"<article>{html}</article>", vocabulary)])
    }
    assert shown == {}


def test_the_api_publishes_needs_with_their_state(site: Site) -> None:
    schema = json.loads(site.texts["api/schemas/needs.schema.json"])
    document = json.loads(site.texts["api/needs.json"])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(document)] == []
    items = {item["id"]: item for item in document["items"]}
    assert document["type"] == "need" and document["count"] == 4
    kampala = items["test-clips-kampala-2026-12"]
    assert (kampala["state"], kampala["as_of"], kampala["page"]) == (
        "open",
        "2026-12-06",
        "need/test-clips-kampala-2026-12.html",
    )
    assert kampala["makers"] == [
        {"maker": "test-maker", "designs": ["test-clip"], "enough": True},
        {"maker": "quiet-maker", "designs": ["test-clip"], "enough": None},
    ]
    assert (items["clips-lusaka-2026-10"]["state"], items["clips-lusaka-2026-10"]["makers"]) == (
        "expired",
        [],
    )
    assert items["clips-kigali-2026-09"]["state"] == "met"
    # The search without a server finds needs too, after the other records.
    _, header = data_file(site.texts[finder.HEADER])
    (need_span,) = [span for span in header["spans"] if span[0] == "need"]
    held = [
        data_file(site.texts[f"{finder.FOLDER}/items-{n}.js"])[1]
        for n in range(-(-need_span[2] // header["perFile"]))
    ]
    items = [item for file in held for item in file][need_span[1] : need_span[2]]
    assert "clips-lusaka-2026-10" in [item["id"] for item in items] and len(items) == 4


@pytest.fixture(scope="module")
def needs_site_url(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("needs-site")
    repo = make_repo(base / "repo", FIXTURES / "needs-site")
    build_site(repo, base / "site", as_of=AS_OF)
    yield from serve(base / "site")


@requires_chromium
def test_the_needs_page_on_a_phone(browser: Any, needs_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request", lambda r: None if r.url.startswith(needs_site_url) else outside.append(r.url)
    )
    page.goto(needs_site_url + "needs.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The first need's picture, title and figures are on the first screen, side by side.
    first = page.locator(".ml-need").first
    picture = first.locator(".ml-need__picture img").bounding_box()
    title = first.locator(".ml-need__title").bounding_box()
    assert picture and title
    assert picture["width"] > 60 and title["x"] > picture["x"] + picture["width"] - 1
    assert first.bounding_box()["y"] + first.bounding_box()["height"] < 844  # type: ignore[index]
    wait_until(page, "document.querySelector('.ml-need__picture img').naturalWidth > 0")
    assert "Uganda, Kampala" in first.locator(".ml-need__facts").inner_text() or "Kenya" in (
        first.locator(".ml-need__facts").inner_text()
    )
    # The map's square badge for Uganda leads to its need, and that page fits the phone.
    page.locator('svg a[aria-label="Uganda: needed, Clips for a fixture clinic"]').click()
    page.wait_for_url(re.compile(r"need/test-clips-kampala-2026-12\.html$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "142 by 2027-01-15, enough for 120" in page.inner_text("article")
    # A need is found by its place, from the names at first and from every word (Pagefind
    # indexed the need pages, as needs).
    for full in ("", "&full=1"):
        page.goto(needs_site_url + "search.html?q=Lusaka&type=Need" + full)
        page.wait_for_selector("#ml-search-results a")
        assert page.locator("#ml-search-results a").all_inner_texts() == ["Clips for a school"]
    assert errors == [] and outside == []
    context.close()

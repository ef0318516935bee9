"""No page a visitor opens, with everything it loads, grows with the catalogue.

The synthetic catalogue (tests/web/synthetic.py) is built at two sizes, with every
page-size setting made small so that a few hundred designs stand for tens of thousands:
lists cut into pages of a few designs, data files of a few records. Each kind of page is
then opened and used as a visitor would (tests/web/visits.py), and what it loads at the
larger size must be what it loads at the smaller one, give or take the digits of the
counts. The data files are checked by size too, and the answers the pages give by what
the catalogue holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.web import finder, match_page, search
from generator.web.build import build_site
from generator.web.pages import listings, paging, records
from tests.conftest import requires_chromium
from tests.web.synthetic import CATEGORIES, WORDS, generate
from tests.web.visits import Visit, served, visit_all

SIZES = (120, 360)
SMALL = {
    (finder, "ITEMS_PER_FILE"): 3,
    (finder, "GALLERY_PAGE"): 3,
    (finder, "SEARCH_PAGE"): 4,
    (match_page, "PAGE_SIZE"): 4,
    (finder, "WORDS_FILE_BYTES"): 1500,
    (match_page, "DESIGNS_PER_FILE"): 3,
    (paging, "LIST_PAGE"): 7,
    (records, "RELATED_LIMIT"): 5,
    (listings, "RELATED_LIMIT"): 5,
    (search, "PAGES_PER_BUNDLE"): 60,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Path]]:
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        for (module, name), value in SMALL.items():
            patch.setattr(module, name, value)
        for size in SIZES:
            base = tmp_path_factory.mktemp(f"synthetic-{size}")
            generate(base / "repo", size)
            build_site(base / "repo", base / "site")
            built[size] = base / "site"
    yield built


def data_files(site: Path) -> dict[str, int]:
    folder = site / "assets/makelocal/data"
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*.js")}


def test_data_files_stay_small_and_only_their_number_grows(sites: dict[int, Path]) -> None:
    small, large = (data_files(sites[size]) for size in SIZES)
    assert len(large) > 2 * len(small)
    # The headers name processes, materials, filters and shapes of design: as many at both.
    for header in ("find.js", "match.js"):
        assert large[header] <= small[header] + 40, header
    for kind in ("find/items-", "match/designs-"):
        assert max(v for k, v in large.items() if k.startswith(kind)) <= 1.1 * max(
            v for k, v in small.items() if k.startswith(kind)
        ), kind
    # Words files are spread until none is twice the aim (a word's sets are small here).
    words = [v for k, v in large.items() if k.startswith("find/words-")]
    assert len(words) > 2 and max(words) <= 2 * SMALL[finder, "WORDS_FILE_BYTES"] + 100
    # A filter's file is a set of positions: at most one bit a design.
    facets = [v for k, v in large.items() if k.startswith("find/facet-")]
    assert max(facets) <= 60 + SIZES[1] // 6


def test_lists_come_in_pages_of_a_fixed_size(sites: dict[int, Path]) -> None:
    site = sites[SIZES[1]]
    maker = (site / "maker/test-maker.html").read_text("utf-8")
    assert maker.count('<tr><td><a href="../design/') == SMALL[records, "RELATED_LIMIT"]
    assert f"All {SIZES[1]} designs by Test maker" in maker
    pages = sorted((site / "maker/test-maker").glob("designs*.html"))
    assert len(pages) == -(-SIZES[1] // 7)
    ppe = len(range(0, SIZES[1], len(CATEGORIES)))
    category = sorted((site / "categories").glob("ppe*.html"))
    assert len(category) == -(-ppe // 7)
    second = (site / "categories/ppe-2.html").read_text("utf-8")
    assert f"Designs 8 to 14 of {ppe}." in second
    assert "Previous page" in second and "Next page" in second
    assert second.count('<tr><td><a href="../design/') == 7


@requires_chromium
def test_what_a_visitor_loads_does_not_grow(browser: Any, sites: dict[int, Path]) -> None:
    small, large = (visit_all(browser, sites[size]) for size in SIZES)
    grown = {
        before.name: (before.total, after.total)
        for before, after in zip(small, large, strict=True)
        # Pagefind's own files grow with the pages it indexes (the site benchmark
        # measures them at 10,000 designs): the search loads them when asked to.
        if after.total > before.total * 1.03 + 1000 and before.name != "search every word over http"
    }
    assert grown == {}
    assert all(isinstance(v, Visit) and v.files > 1 for v in large)


@requires_chromium
def test_the_pages_answer_from_their_small_files(browser: Any, sites: dict[int, Path]) -> None:
    site = sites[SIZES[1]]
    page = browser.new_page()
    page.goto((site / "designs.html").as_uri() + "#category=ppe&q=clip")
    page.wait_for_selector("#ml-gallery[aria-busy=false]", state="attached")
    kept = [i for i in range(SIZES[1]) if i % len(CATEGORIES) == 0 and i % len(WORDS) == 0]
    assert page.inner_text("#ml-gallery-count") == f"{len(kept)} of {SIZES[1]} designs"
    titles = page.eval_on_selector_all(".ml-card__title", "els => els.map(e => e.textContent)")
    assert titles == [f"Generated clip number {i}" for i in kept][: len(titles)]
    page.goto((site / "what-can-i-make.html").as_uri() + "#material=bench-material-3")
    page.wait_for_selector("#ml-match-can[aria-busy=false]", state="attached")
    # Materials ticked, processes not: every design lacks its process; those that take
    # bench material 3 lack only that, the others a material too.
    assert page.inner_text("#ml-match-summary") == (
        f"You can make 0 of {SIZES[1]} designs; {SIZES[1]} more lack at most 2 things."
    )
    page.click("#ml-match-near-more")
    page.wait_for_selector("#ml-match-near[aria-busy=false]", state="attached")
    listed = page.eval_on_selector_all("#ml-match-near li[data-design]", "els => els.length")
    assert listed == 2 * SMALL[match_page, "PAGE_SIZE"]
    page.goto((site / "search.html").as_uri() + "?q=numbe+clip")
    # A word matches the words it begins ("numbe": number); clips in the gallery's order,
    # a page of them at a time.
    clips = [f"Generated clip number {i}" for i in range(0, SIZES[1], len(WORDS))]
    shown = SMALL[finder, "SEARCH_PAGE"]
    assert _search_results(page, shown) == clips[:shown]
    said = page.inner_text("#ml-search-status")
    assert said.startswith(f"{len(clips)} results, showing the first 4. This copy")
    page.click("#ml-search-more")
    assert _search_results(page, 2 * shown) == clips[: 2 * shown]
    assert "showing the first 8. This copy" in page.inner_text("#ml-search-status")
    while page.is_visible("#ml-search-more"):  # until every one is shown
        listed = page.locator("#ml-search-results li").count()
        page.click("#ml-search-more")
        page.locator("#ml-search-results li").nth(listed).wait_for(state="attached")
    assert _search_results(page, len(clips)) == clips
    assert page.inner_text("#ml-search-status").startswith(f"{len(clips)} results. This")
    # Every word: the clips of every Pagefind bundle, each of a few of the pages.
    with served(site) as base:
        page.goto(base + "search.html?q=clip&full=1")
        first = _search_results(page, shown)
        said = page.inner_text("#ml-search-status")
        page.click("#ml-search-more")
        added = _search_results(page, 2 * shown)
        # A kind chosen: the results read so far are counted as "at least", and more
        # may be shown while any are left to read.
        page.goto(base + "search.html?q=clip&full=1&type=Design")
        _search_results(page, shown)
        designs = page.inner_text("#ml-search-status")
        more = page.is_visible("#ml-search-more")
        page.fill("#ml-q", "")  # no words: nothing listed, nothing more to show
        page.press("#ml-q", "Enter")
        assert page.locator("#ml-search-results li").count() == 0
        assert not page.is_visible("#ml-search-more")
    assert int(said.split()[0]) >= len(clips), said
    assert added[:shown] == first and len(set(added)) == 2 * shown
    counted = re.match(r"(At least )?(\d+) results, showing the first 4\.", designs)
    assert more and counted and (counted[1] or int(counted[2]) > shown), designs
    page.close()


def _search_results(page: Any, count: int) -> list[str]:
    """The titles the search lists, once it lists `count` of them."""
    # (a locator's wait: the pages' policy forbids the script a waited-for function is)
    page.locator("#ml-search-results li").nth(count - 1).wait_for(state="attached")
    found = page.eval_on_selector_all("#ml-search-results a", "els => els.map(e => e.textContent)")
    assert len(found) == count, found
    return list(found)

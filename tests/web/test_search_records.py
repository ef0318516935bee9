"""What the search index holds of a page: its reader's text and the meta the search page
shows, read as Pagefind reads a page (generator.web.search.record_of); and how the pages
are spread over Pagefind's indexes (bundles)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.web import search
from generator.web.search import SearchRecord, bundles, message, record_of

PAGE = """<!doctype html><html lang="en"><head><title>Frame title</title>
<script>var notText = "<p>not this</p>";</script></head><body>
<nav><a href="x.html">Menu words</a></nav>
<article><div data-pagefind-body>
<div class="ml-record" data-pagefind-meta="type:Design">
<h1>Clip &amp; <em>band</em></h1>
<p hidden data-pagefind-ignore>
<span data-pagefind-meta="image[data-src]" data-src="../thumb/a.webp"></span>
<span data-pagefind-meta="figures">3 g · 12 min</span></p>
<p>A clip   that holds
a band.</p>
<div data-pagefind-ignore><div><p>Nested, left out.</p></div><p>Still left out.</p></div>
<ul><li>First</li><li>Second &lt;step&gt;</li></ul>
<style>.x{}</style><svg><text>not text</text></svg>
<img src="../photo/b.webp" alt="A photo">
<table><tr><th>Size</th><td>20 mm</td></tr></table>
</div></div></article>
<footer>Footer words</footer></body></html>"""


def test_the_body_is_read_without_what_is_ignored() -> None:
    record = record_of("/design/clip.html", PAGE)
    assert record is not None
    assert record.url == "/design/clip.html"
    assert record.content.split("\n") == [
        "Clip & band",
        "A clip that holds a band.",
        "First",
        "Second <step>",
        "Size",
        "20 mm",
    ]


def test_meta_comes_from_the_attributes_and_the_first_heading() -> None:
    record = record_of("/design/clip.html", PAGE)
    assert record is not None
    assert record.meta == {
        "type": "Design",
        "image": "../thumb/a.webp",
        "figures": "3 g · 12 min",
        "title": "Clip & band",
    }


def test_the_first_picture_stands_for_a_page_that_names_none() -> None:
    page = PAGE.replace('data-pagefind-meta="image[data-src]" ', "")
    record = record_of("/design/clip.html", page)
    assert record is not None
    assert (record.meta["image"], record.meta["image_alt"]) == ("../photo/b.webp", "A photo")


def test_a_page_without_a_body_to_search_has_no_record() -> None:
    assert record_of("/index.html", "<html><body><h1>Home</h1></body></html>") is None


def test_each_language_is_spread_over_bundles_of_a_bounded_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", 4)
    records = [SearchRecord(f"/design/d{i}.html", "text", {}, "en") for i in range(10)]
    records += [SearchRecord(f"/fr/design/d{i}.html", "texte", {}, "fr") for i in range(3)]
    spread = bundles(records)
    assert list(spread) == ["en-0", "en-1", "en-2", "fr-0"]
    assert sorted(r.url for own in spread.values() for r in own) == sorted(r.url for r in records)
    assert all(r.language == name[:2] for name, own in spread.items() for r in own)
    # A page stays in its bundle when others come and go, while their number stays.
    again = bundles([*records[1:10], SearchRecord("/design/new.html", "text", {}, "en")])
    where = {r.url: name for name, own in spread.items() for r in own}
    assert all(where[r.url] == name for name, own in again.items() for r in own if r.url in where)


def test_a_bundle_is_told_apart_by_its_pages_digests() -> None:
    """A bundle's digest is made of its pages' addresses, languages and text digests,
    which the manifest keeps: the text of a page kept from the last build is not read
    again. A page whose record has no digest yet has it worked out."""
    page = SearchRecord("/design/a.html", "a clip", {"title": "Clip"}, "en")
    digest = search.text_digest(page.content, page.meta)
    assert digest != search.text_digest("a clip", {"title": "Hook"})
    assert digest != search.text_digest("a hook", {"title": "Clip"})
    kept = SearchRecord(page.url, "", {}, "en", digest)  # as the manifest gives it
    assert search.bundle_digest([kept]) == search.bundle_digest([page])
    assert search.bundle_digest([kept]) != search.bundle_digest(
        [SearchRecord(page.url, "", {}, "fr", digest)]
    )
    other = SearchRecord(page.url, "", {}, "en", search.text_digest("a hook", {}))
    assert search.bundle_digest([other]) != search.bundle_digest([page])


def test_the_index_folder_is_made_to_hold_the_files_but_kept_bundles_are_not_looked_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files no longer made go, and folders left empty; files that differ are written; a
    kept bundle's folder, which holds a file for each of its pages, is not even listed."""
    target = tmp_path / "pagefind"
    for name in ("en-0/fragment/a.pf", "en-0/index/i.pf", "en-1/fragment/b.pf", "old/x.pf"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(b"before")
    (target / "en-1" / "empty").mkdir()
    listed: list[str] = []
    scandir = os.scandir

    def watched(path: Any) -> Any:
        listed.append(os.path.relpath(path, target))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", watched)
    search._sync({"en-1/fragment/b.pf": b"after", "bundles.json": b"{}"}, target, {"en-0"})
    monkeypatch.undo()
    assert not any(folder.startswith("en-0") for folder in listed)
    found = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert found == ["bundles.json", "en-0/fragment/a.pf", "en-0/index/i.pf", "en-1/fragment/b.pf"]
    assert (target / "en-1/fragment/b.pf").read_bytes() == b"after"
    assert not (target / "old").exists() and not (target / "en-1/empty").exists()


@pytest.mark.parametrize(
    "content", ["a clip, écran facial, 面罩 \u2028", "a lone \ud800 surrogate"], ids=str
)
def test_a_message_to_pagefind_reads_back_as_its_payload(content: str) -> None:
    payload = {"type": "AddRecord", "content": content, "meta": {"title": "Clip"}}
    sent = message(7, payload)
    assert sent.endswith(b",") and b"," not in sent[:-1]
    read = json.loads(base64.b64decode(sent[:-1]))
    assert read == {"message_id": 7, "payload": payload}

"""Untrusted Markdown and text: what comes out is safe, and still readable."""

from __future__ import annotations

import json

import pytest

from generator.web.markup import attribute, markdown, markdown_document, safe_url, script_json
from tests.web.html_check import live_hazards
from tests.web.payloads import LINK_PAYLOADS, TEXT_PAYLOADS


@pytest.mark.parametrize("payload", TEXT_PAYLOADS + LINK_PAYLOADS)
def test_markdown_neutralises_payloads(payload: str) -> None:
    html = markdown(f"Before {payload} after\n\n{payload}\n\n- {payload}\n\n> {payload}")
    assert live_hazards(html) == [], html
    assert "<script" not in html.lower()


def test_the_checker_finds_live_payloads() -> None:
    assert live_hazards('<img src=x onerror="__pwn()">')
    assert live_hazards('<a href="jav&#x61;script:__pwn()">x</a>')
    assert live_hazards("<script>__pwn()</script>")
    assert live_hazards('<iframe srcdoc="x"></iframe>')
    assert not live_hazards("<p>&lt;script&gt;__pwn()&lt;/script&gt; onerror=__pwn()</p>")


def test_markdown_keeps_formatting_and_https_links() -> None:
    html = markdown("Soak for **three days**, see [the guide](https://example.org/a?b=1&c=2).")
    assert "<strong>three days</strong>" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_markdown_images_become_links_and_headings_move_down() -> None:
    html = markdown("# Title\n\n![a photo](https://cdn.example.org/x.png)\n\n![b](x.png)")
    assert "<img" not in html
    assert '<a href="https://cdn.example.org/x.png"' in html
    assert "<h3>Title</h3>" in html
    assert "<h1>" not in html


def test_lists_in_record_text_render_as_lists() -> None:
    """As a literal block (`|`) keeps them: one item a line, after a line of text too."""
    html = markdown("Take it apart:\n1. Pull the pin.\n2. Lift the door.\n\nTools:\n- a spanner\n")
    assert "<ol>\n<li>Pull the pin.</li>\n<li>Lift the door.</li>\n</ol>" in html
    assert "<ul>\n<li>a spanner</li>\n</ul>" in html


def test_task_boxes_are_drawn_as_boxes() -> None:
    html = markdown("- [ ] Parts listed.\n- [x] Tested.\n- Not [ ] a box.")
    assert "<li>\u2610 Parts listed.</li>" in html and "<li>\u2611 Tested.</li>" in html
    assert "<li>Not [ ] a box.</li>" in html
    body, _, _ = markdown_document("# Guide\n\n- [ ] One **step**.\n", lambda _: None)
    assert "<li>\u2610 One <strong>step</strong>.</li>" in body
    assert markdown("[ ] outside a list") == "<p>[ ] outside a list</p>"


def test_markdown_drops_relative_and_http_links_but_keeps_their_text() -> None:
    html = markdown("[local](../etc/passwd) [plain](http://example.org) [anchor](#top)")
    assert "href" not in html.replace('href="#top"', "")
    assert "local" in html and "plain" in html


def test_markdown_of_many_brackets_takes_seconds_not_minutes() -> None:
    # 20,000 characters is the schema's limit; Python-Markdown takes over 120 s on this.
    import time

    started = time.perf_counter()
    markdown("[" * 20000)
    assert time.perf_counter() - started < 15


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/x", True),
        ("HTTPS://example.org", True),
        ("http://example.org", False),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("https://example.org/\nx", False),
        ("//evil.example", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


def test_script_json_cannot_end_a_script_and_round_trips() -> None:
    data = {"t": "</script><script>__pwn()</script>", "s": "a\u2028b & <c>"}
    text = script_json(data)
    assert "</script" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize(
    "data", [{2: "a key that is not text"}, {"big": 10**30}, {"lone": "\ud800"}], ids=str
)
def test_script_json_writes_what_orjson_cannot(data: object) -> None:
    # orjson refuses these; the standard library's json writes them, as it always did.
    expected = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert script_json(data) == expected


def test_script_json_sorts_keys_as_python_does() -> None:
    data = {"\U0001f600": 1, "\uffff": 2, "b": {"z": [1.5, None], "a": True}, "A": -0.0}
    assert script_json(data) == '{"A":-0.0,"b":{"a":true,"z":[1.5,null]},"\uffff":2,"\U0001f600":1}'


def test_attribute_escapes_quotes() -> None:
    assert attribute("\"><x 'y' & z") == "&quot;&gt;&lt;x &#x27;y&#x27; &amp; z"


def test_markdown_document_title_ids_and_links() -> None:
    text = (
        "# Contributing\n\nIntro [guide](docs/guides/x.md) and [code](generator/x.py).\n\n"
        "## Add a design\n\ntext\n\n## Add a design\n\n<script>__pwn()</script>"
    )
    mapped = {"docs/guides/x.md": "guides/x.html"}
    body, headings, title = markdown_document(text, mapped.get)
    assert title == "Contributing"
    assert headings == [(2, "add-a-design", "Add a design"), (2, "add-a-design-2", "Add a design")]
    assert 'href="guides/x.html"' in body
    assert "generator/x.py" not in body.replace(">code<", "")
    assert "code" in body
    assert "<script>" not in body and "<h1" not in body

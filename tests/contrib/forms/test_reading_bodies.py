"""An issue body read back into answers by the form's labels: empty fields, ticked boxes,
headings typed inside an answer, and which links are attachments."""

from __future__ import annotations

import pytest

from generator.contrib.forms.attachments import attachment
from generator.contrib.forms.body import Link, checked, links, sections, without_links

LABELS = ["Title", "Description", "Photos"]


def test_each_answer_is_found_by_its_label() -> None:
    body = (
        "### Title\n\nHook\n\n### Description\n\nLine one\n\nLine two\n\n"
        "### Photos\n\n_No response_"
    )
    assert sections(body, LABELS) == {
        "Title": "Hook",
        "Description": "Line one\n\nLine two",
        "Photos": None,
    }


def test_a_heading_typed_inside_an_answer_stays_in_it() -> None:
    body = "### Title\n\nHook\n\n### Description\n\n### How it works\nIt hangs.\n### Title\n\nx"
    found = sections(body, LABELS)
    # `### Title` again after Description is an earlier label: text of the answer, not a field.
    assert found["Description"] == "### How it works\nIt hangs.\n### Title\n\nx"
    assert found["Photos"] is None


def test_windows_line_ends_and_missing_headings() -> None:
    assert sections("### Title\r\n\r\nHook\r\n", LABELS) == {
        "Title": "Hook",
        "Description": None,
        "Photos": None,
    }


def test_ticked_boxes() -> None:
    text = "- [X] Flexibility\n- [ ] Collaboration\n- [x] Local materials\n* [X]   Spaced  "
    assert checked(text) == ["Flexibility", "Local materials", "Spaced"]
    assert checked(None) == []


def test_links_images_img_tags_and_bare_addresses_in_order() -> None:
    text = (
        "[a.zip](https://github.com/user-attachments/files/1/a.zip) then "
        '<img width="10" alt="photo.jpg" src="https://github.com/user-attachments/assets/'
        '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9" />\n'
        "![Image](https://github.com/user-attachments/assets/11111111-2222-4333-8444-555555555555)"
        " and https://example.org/page."
    )
    assert [(link.url.rsplit("/", 1)[-1], link.text, link.image) for link in links(text)] == [
        ("a.zip", "a.zip", False),
        ("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "photo.jpg", True),
        ("11111111-2222-4333-8444-555555555555", "Image", True),
        ("page.", "", False),
    ]
    assert without_links(text) == "then and"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://github.com/user-attachments/files/17383744/hook.zip", "hook.zip"),
        ("https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", ""),
        ("https://github.com/makelocal/makelocal/files/123/parts.zip", "parts.zip"),
        (
            "https://github.com/makelocal/makelocal/assets/4567/"
            "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
            "",
        ),
    ],
)
def test_attachments_are_the_addresses_of_githubs_store(url: str, name: str) -> None:
    found = attachment(Link(url, "", False))
    assert found is not None and found.name == name
    assert len(found.saved_name) == 32 and found.saved_name.isalnum()


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/user-attachments/files/1/a.zip",  # not https
        "https://github.com.evil.example/user-attachments/files/1/a.zip",
        "https://evil.example/github.com/user-attachments/files/1/a.zip",
        "https://github.com/user-attachments/files/1/a.zip?redirect=https://evil.example",
        "https://github.com/user-attachments/files/1/../../../etc/passwd",
        "https://github.com/makelocal/makelocal/blob/main/designs/x.stl",
        "https://raw.githubusercontent.com/makelocal/makelocal/main/x.stl",
        "https://github.com/user-attachments/assets/not-a-uuid",
    ],
)
def test_anything_else_is_not_downloaded(url: str) -> None:
    assert attachment(Link(url, "a.zip", False)) is None


def test_the_uploaded_name_is_the_links_text() -> None:
    found = attachment(
        Link("https://github.com/user-attachments/files/1/my-hook.zip", "my hook.zip", False)
    )
    assert found is not None and found.name == "my hook.zip"
    picture = attachment(
        Link(
            "https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
            "Image",
            True,
        )
    )
    assert picture is not None and picture.name == ""

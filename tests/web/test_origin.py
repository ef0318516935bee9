"""Where a design taken from elsewhere came from, as links: the repository, the version
(commit) its files were read at and the licence files there."""

from __future__ import annotations

from generator.web.origin import origin_view

COMMIT = "206e688b1188746c1e8f16e658f06a7f07ed2ea5"


def test_a_github_origin_links_the_commit_and_the_licence_file() -> None:
    view = origin_view(
        {
            "repository": "https://github.com/FabLabUChile/fabuchile-face-shield",
            "commit": COMMIT,
            "date": "2020-10-21",
            "licence_files": ["LICENSE", "docs/Licence (CC BY-SA).txt"],
        }
    )
    assert view is not None
    assert view.repository.text == "FabLabUChile/fabuchile-face-shield"
    assert view.commit.text == "206e688"
    assert (
        view.commit.url == f"https://github.com/FabLabUChile/fabuchile-face-shield/commit/{COMMIT}"
    )
    assert [f.url for f in view.licence_files] == [
        f"https://github.com/FabLabUChile/fabuchile-face-shield/blob/{COMMIT}/LICENSE",
        f"https://github.com/FabLabUChile/fabuchile-face-shield/blob/{COMMIT}/docs/"
        "Licence%20%28CC%20BY-SA%29.txt",
    ]


def test_an_unknown_host_is_linked_only_where_its_addresses_are_known() -> None:
    view = origin_view(
        {"repository": "https://git.example.org/clip", "commit": COMMIT, "licence_files": ["L"]}
    )
    assert view is not None and view.repository.url == "https://git.example.org/clip"
    assert view.commit.url is None and view.licence_files[0].url is None


def test_a_design_drawn_here_has_no_origin() -> None:
    assert origin_view(None) is None
    assert origin_view({"repository": "javascript:alert(1)", "commit": COMMIT}) is not None
    view = origin_view({"repository": "javascript:alert(1)", "commit": COMMIT})
    assert view is not None and view.repository.url is None and view.commit.url is None

"""Where a build learns the repository's and the site's addresses, and why a published build
without the repository's stops."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.web import mkdocs_hook
from generator.web.build import BuildError, build_site, mkdocs_config
from generator.web.mkdocs_hook import (
    MISSING_REPOSITORY,
    publishing,
    repository_address,
    site_address,
)
from tests.conftest import make_repo

GITHUB = ("GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")


@pytest.fixture
def no_ci(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in GITHUB:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_repo_url_in_mkdocs_yml_comes_first(tmp_path: Path, no_ci: pytest.MonkeyPatch) -> None:
    no_ci.setenv("GITHUB_SERVER_URL", "https://github.com")
    no_ci.setenv("GITHUB_REPOSITORY", "someone/fork")
    loaded = mkdocs_config(make_repo(tmp_path / "repo"), tmp_path / "site")
    loaded["repo_url"] = "https://github.com/owner/makelocal/"
    assert repository_address(loaded) == "https://github.com/owner/makelocal"
    loaded["repo_url"] = None
    assert repository_address(loaded) == "https://github.com/someone/fork"


def test_site_address(tmp_path: Path, no_ci: pytest.MonkeyPatch) -> None:
    loaded = mkdocs_config(make_repo(tmp_path / "repo"), tmp_path / "site")
    loaded["site_url"] = None
    assert site_address(loaded) is None
    no_ci.setenv("GITHUB_SERVER_URL", "https://github.com")
    no_ci.setenv("GITHUB_REPOSITORY", "Some-Owner/MakeLocal")
    assert site_address(loaded) == "https://some-owner.github.io/MakeLocal/"
    no_ci.setenv("GITHUB_REPOSITORY", "Some-Owner/some-owner.github.io")
    assert site_address(loaded) == "https://some-owner.github.io/"
    no_ci.setenv("GITHUB_SERVER_URL", "https://github.example.com")  # GitHub Enterprise
    assert site_address(loaded) is None
    loaded["site_url"] = "https://makelocal.example.org/docs"
    assert site_address(loaded) == "https://makelocal.example.org/docs/"


def test_the_french_site_is_a_folder_of_the_english_one(tmp_path: Path) -> None:
    """Its pages' canonical addresses are in its folder; the site the manifests and the
    API name (downloads, pictures) stays the English one."""
    from mkdocs.config import load_config

    repo = make_repo(tmp_path / "repo")
    with pytest.MonkeyPatch.context() as patch:
        original = load_config

        def with_address(*args: object, **kwargs: object) -> object:
            loaded = original(*args, **kwargs)  # type: ignore[arg-type]
            loaded["site_url"] = "https://makelocal.example.org/docs/"
            return loaded

        patch.setattr("mkdocs.config.load_config", with_address)
        french = mkdocs_config(repo, tmp_path / "site", language="fr")
    assert french.site_dir == str(tmp_path / "site" / "fr")
    assert french.site_url == "https://makelocal.example.org/docs/fr/"
    assert french.theme["language"] == "fr"
    assert site_address(french) == "https://makelocal.example.org/docs/"


def test_a_published_build_without_the_repository_stops(
    tmp_path: Path, no_ci: pytest.MonkeyPatch
) -> None:
    no_ci.setenv("GITHUB_ACTIONS", "true")
    assert publishing()
    with pytest.raises(BuildError, match="OKH `repo`"):
        build_site(make_repo(tmp_path / "repo"), tmp_path / "site")
    assert "set `repo_url` in mkdocs.yml" in MISSING_REPOSITORY
    loaded = mkdocs_config(make_repo(tmp_path / "again"), tmp_path / "site2")
    with pytest.raises(PluginError, match="OKH `repo`"):
        mkdocs_hook.on_files(None, loaded)  # type: ignore[arg-type]


def test_a_published_build_gets_the_addresses_from_github(
    tmp_path: Path, no_ci: pytest.MonkeyPatch
) -> None:
    no_ci.setenv("GITHUB_ACTIONS", "true")
    no_ci.setenv("GITHUB_SERVER_URL", "https://github.com")
    no_ci.setenv("GITHUB_REPOSITORY", "owner/makelocal")
    build_site(make_repo(tmp_path / "repo"), tmp_path / "site")
    manifest = tomllib.loads((tmp_path / "site/design/test-clip/okh.toml").read_text("utf-8"))
    assert manifest["repo"] == "https://github.com/owner/makelocal/tree/main/designs/test-clip"
    assert manifest["release"] == (
        "https://owner.github.io/makelocal/design/test-clip/test-clip.zip"
    )


def test_a_local_build_says_what_its_manifests_lack(
    tmp_path: Path, no_ci: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_site(make_repo(tmp_path / "repo"), tmp_path / "site")
    assert MISSING_REPOSITORY in capsys.readouterr().err
    manifest = tomllib.loads((tmp_path / "site/design/test-clip/okh.toml").read_text("utf-8"))
    assert "repo" not in manifest


def test_mkdocs_converts_no_markdown_for_the_pages_makelocal_renders(
    tmp_path: Path, no_ci: pytest.MonkeyPatch
) -> None:
    """Every page is rendered by MakeLocal (docs/ pages too): MkDocs converts no Markdown,
    and the pages still have their contents and titles."""
    import markdown

    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counted(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    no_ci.setattr(markdown.Markdown, "convert", counted)
    build_site(make_repo(tmp_path / "repo"), tmp_path / "site", languages=("en",))
    assert converted == []
    page = (tmp_path / "site/design/test-clip.html").read_text("utf-8")
    assert 'href="#parts"' in page  # the contents, from on_page_content
    assert "Test clip" in page.split("<title>")[1].split("</title>")[0]

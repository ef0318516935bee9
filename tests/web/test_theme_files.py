"""The theme's files MkDocs copies into a site are found without listing Material's hidden
folders (its 14,348 icons), and are the files MkDocs' own listing finds."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from generator.web import mkdocs_hook
from generator.web.build import mkdocs_config
from generator.web.theme import VisibleFilesLoader, list_visible_files
from tests.conftest import make_repo


def copied(env: object, config: object) -> list[tuple[str, str | None]]:
    files = Files([])
    files.add_files_from_theme(env, config)  # type: ignore[arg-type]
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def test_mkdocs_copies_the_same_theme_files(tmp_path: Path) -> None:
    config = mkdocs_config(make_repo(tmp_path / "repo"), tmp_path / "site")
    plain = copied(config.theme.get_env(), config)
    list_visible_files(config.theme)
    env = config.theme.get_env()
    assert isinstance(env.loader, VisibleFilesLoader)
    assert copied(env, config) == plain
    assert any(uri.startswith("assets/stylesheets/") for uri, _ in plain)
    # Templates still include icons from the hidden folder by name.
    assert env.get_template(".icons/material/github.svg").render()


def test_hidden_folders_and_files_are_not_listed(tmp_path: Path) -> None:
    folders = {
        tmp_path / "overrides": ("main.html", "extra.js", ".x/y.js"),
        tmp_path / "theme": (".icons/set/icon.svg", "assets/.cache/x.js", "assets/.hidden.css",
                             "assets/site.css", "main.html"),
    }  # fmt: skip
    for folder, names in folders.items():
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("")
    loader = VisibleFilesLoader([str(folder) for folder in folders])
    assert loader.list_templates() == ["assets/site.css", "extra.js", "main.html"]


def test_the_hook_gives_mkdocs_the_loader(tmp_path: Path) -> None:
    config = mkdocs_config(make_repo(tmp_path / "repo"), tmp_path / "site")
    mkdocs_hook.on_config(config)
    assert isinstance(config.theme.get_env().loader, VisibleFilesLoader)

"""The thin MkDocs adapter: hands MakeLocal's generated pages and files to MkDocs in memory.

Listed under `hooks:` in mkdocs.yml. Generated pages reach MkDocs as empty Markdown files;
their HTML, already made safe by the render stage, replaces the (empty) rendered Markdown,
so record text never passes through Python-Markdown, which would let raw HTML through.
Titles and descriptions are escaped here, because Material writes `page.meta.title`,
`page.title` and `page.meta.description` into the page without escaping.

Builds are incremental (generator/web/incremental.py, generator/web/writing.py): MkDocs
runs "dirty", rendering only the pages that are not kept from the last build, a page whose
output is what the site folder holds is not written again, the generated texts are
written here when they differ, and what the build no longer makes is deleted (never the
whole folder).
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.findings.progress import SILENT, Progress
from generator.web.build import (
    AS_OF_KEY,
    PROGRESS_KEY,
    SERVING,
    STATE_KEY,
    BuildError,
    BuildState,
    generate,
)
from generator.web.markup import attribute, with_policy
from generator.web.pages.documents import DOCUMENTS
from generator.web.site import Page, Settings, build_date
from generator.web.theme import ThemeChanged, corrected
from generator.web.writing import Writer

log = logging.getLogger("mkdocs.plugins.makelocal")
_pages: dict[str, Page] = {}
_writer: list[Writer] = []  # the current build's


class _KeptFile(File):
    """A page whose output the site folder holds already: MkDocs' dirty build neither
    renders nor writes it."""

    def is_modified(self) -> bool:
        return False


def _root(config: MkDocsConfig) -> Path:
    configured = config.extra.get("makelocal_root")
    return Path(configured) if configured else Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.use_directory_urls:
        raise PluginError("MakeLocal needs `use_directory_urls: false` (the site works from files)")
    guides = sorted(Path(config.docs_dir, "guides").glob("*.md"))
    if guides and not any(isinstance(i, dict) and "Guides" in i for i in config.nav or []):
        config.nav = [*(config.nav or []), {"Guides": [f"guides/{g.name}" for g in guides]}]
    return config


def repository_address(config: MkDocsConfig) -> str | None:
    """Where the records are developed: `repo_url` in mkdocs.yml, else, in GitHub Actions,
    the repository being built. OKH manifests need it (`repo`)."""
    if config.repo_url:
        return config.repo_url.rstrip("/")
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server}/{repository}" if server and repository else None


def site_address(config: MkDocsConfig) -> str | None:
    """Where the site is published, ending in "/": `site_url` in mkdocs.yml, else, in GitHub
    Actions on github.com, the repository's GitHub Pages address (GitHub's default
    https://<owner>.github.io/<repository>/, which redirects to a custom domain if one is set)."""
    if config.site_url:
        return config.site_url.rstrip("/") + "/"
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if server != "https://github.com" or not repository or repository.count("/") != 1:
        return None
    owner, name = repository.lower().split("/")
    host = f"https://{owner}.github.io/"
    return host if name == f"{owner}.github.io" else f"{host}{repository.split('/')[1]}/"


def publishing() -> bool:
    """Whether this build is the one that gets published: in GitHub Actions (where
    .github/workflows/pages.yml publishes the site from)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


MISSING_REPOSITORY = (
    "the Open Know-How manifests (design/<id>/okh.toml) need the address of the repository "
    "the records are developed in (OKH `repo`), and this build does not know it: set "
    "`repo_url` in mkdocs.yml, or build in GitHub Actions, which gives it "
    "(GITHUB_SERVER_URL and GITHUB_REPOSITORY)"
)


def _state(config: MkDocsConfig) -> BuildState:
    given = config.extra.get(STATE_KEY)
    if isinstance(given, BuildState):
        return given
    return SERVING.setdefault(str(Path(config.site_dir).resolve()), BuildState())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    repo_url = repository_address(config)
    if not repo_url and publishing():
        raise PluginError(MISSING_REPOSITORY)
    given = config.extra.get(AS_OF_KEY)  # `makelocal build`'s date; else the build's own
    as_of = datetime.date.fromisoformat(given) if isinstance(given, str) else build_date()
    settings = Settings(repo_url=repo_url, site_url=site_address(config), as_of=as_of)
    progress = _progress(config)
    state = _state(config)
    site_dir = Path(config.site_dir)
    try:
        generated = generate(_root(config), project, settings, progress, site_dir, state.previous)
    except BuildError as error:
        raise PluginError(str(error)) from None
    if not repo_url:
        # On stderr, not MkDocs' log: a warning there would fail the strict build, and
        # `makelocal build` does not show MkDocs' info messages.
        print(
            f"makelocal: note: {MISSING_REPOSITORY}. This build is not published (not in "
            "GitHub Actions), so its manifests are written without `repo`.",
            file=sys.stderr,
        )
    _pages.clear()
    for page in generated.pages:
        # A hand-written page of docs/ is rendered by MakeLocal (generate), never by
        # Python-Markdown, which would pass raw HTML through.
        if page.path in files:
            files.remove(files.get_file_from_path(page.path))  # type: ignore[arg-type]
        _pages[page.path] = page
        kind = _KeptFile if page.kept else File
        _add(files, kind.generated(config, page.path, content="", inclusion=_inclusion(page)))
    for path in sorted(generated.texts):
        if path in files:
            raise PluginError(f"docs/{path} clashes with a generated page or file; rename it")
    for path, source in sorted(generated.files.items()):
        _add(files, File.generated(config, path, abs_src_path=str(source)))
    assert generated.manifest is not None  # generate always makes one
    writer = Writer(site_dir, generated.manifest, generated.previous, generated.texts, files)
    _writer[:] = [writer]
    state.manifest = generated.manifest
    progress.begin("writing pages", len(files.documentation_pages()))
    return files


def _progress(config: MkDocsConfig) -> Progress:
    """The Progress `makelocal build` handed over; `mkdocs serve` hands none."""
    given = config.extra.get(PROGRESS_KEY)
    return given if given is not None else SILENT


def _inclusion(page: Page) -> InclusionLevel:
    return InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV


def _add(files: Files, file: File) -> None:
    if file.src_uri in files:
        raise PluginError(f"docs/{file.src_uri} clashes with a generated page or file; rename it")
    files.append(file)


def on_page_markdown(markdown: str, page: MkDocsPage, **_: Any) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    meta: dict[str, Any] = {"description": attribute(generated.description)}
    if not page.is_homepage:
        meta["title"] = attribute(generated.title)
    if not generated.search:
        meta["makelocal_nosearch"] = True
    if generated.wide:
        meta["hide"] = ["navigation", "toc"]
    page.meta = meta
    return ""


def on_page_content(html: str, page: MkDocsPage, **_: Any) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return html
    tokens: list[dict[str, Any]] = []
    for heading in generated.toc:
        token = {
            "level": heading.level,
            "id": attribute(heading.id),
            "name": attribute(heading.text),
            "children": [],
        }
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    page.toc = get_toc(tokens)  # type: ignore[arg-type]
    # A design page's body is rendered as the page is written (on_post_page), so that the
    # build never holds them all: MkDocs reads every page before it writes the first.
    return LATER if callable(generated.html) else generated.html


def _finished(output: str) -> str:
    """A page as it is written: the theme's frame corrected, then its policy."""
    try:
        return with_policy(corrected(output))
    except ThemeChanged as error:
        raise PluginError(str(error)) from None


# Where a body rendered later stands until then. Material adds a title to a page whose
# content has no "<h1"; these bodies (design pages) always start with one.
LATER = "<!--makelocal: the body, rendered as the page is written; it has an <h1>-->"


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig, **_: Any) -> str:
    """The page as it is written; "" when the site folder holds it already (MkDocs then
    leaves the file as it is)."""
    _progress(config).advance(page.file.src_uri)
    generated = _pages.get(page.file.src_uri)
    if generated is not None and page.content == LATER:
        before, mark, after = output.partition(LATER)
        if not mark:
            raise PluginError(f"the theme did not write the body of {page.file.src_uri}")
        output = before + generated.body() + after
    page.content = None  # not held until the build ends
    return _writer[0].page(page.file.dest_uri, _finished(output))


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    _progress(config).end()
    _writer[0].finish()
    state = _state(config)
    if config.extra.get(STATE_KEY) is None:  # serving: the next build starts from this one
        state.previous = state.manifest


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: Any) -> str:
    """The theme's pages (404.html); the sitemap and other files are not HTML.

    MkDocs writes the 404 page's links from the server's root ("/designs.html"), which
    break when the site is opened from a folder or a USB stick, or published below a
    server's root without `site_url`; with no `site_url` they become relative to the site's
    top folder, where 404.html is."""
    if not template_name.endswith(".html"):
        return output
    if not config.site_url:
        output = ROOT_LINK.sub(r"\1", output)
    return _writer[0].template(template_name, _finished(output))


# An address from the server's root in an href or src attribute (not "//host/...").
ROOT_LINK = re.compile(r"""(\s(?:href|src|action)=["'])/(?!/)""")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when records, designs, the repository documents or the site's code change."""
    root = _root(config)
    project = Path(config.config_file_path).parent
    for path in (
        root / "catalog",
        root / "designs",
        *(project / name for name in DOCUMENTS),
        project / "generator" / "web" / "templates",
        project / "generator" / "web" / "assets",
    ):
        if path.exists():
            server.watch(str(path))
    return server

"""The thin MkDocs adapter: hands MakeLocal's generated pages and files to MkDocs in memory.

Listed under `hooks:` in mkdocs.yml. Generated pages reach MkDocs as empty Markdown files;
their HTML, already made safe by the render stage, replaces the (empty) rendered Markdown,
so record text never passes through Python-Markdown, which would let raw HTML through.
Titles and descriptions are escaped here, because Material writes `page.meta.title`,
`page.title` and `page.meta.description` into the page without escaping.

Each language's site is one MkDocs run (build_site runs them, English first; another
language's into its folder of the English site, `site/fr/`): the hook gives the run that
language's pages, navigation and theme words, each page the addresses of its versions in
the other languages (`<link rel="alternate" hreflang>` and the switcher in the header,
templates/overrides), and another language's pages Material's files from the English site.

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
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.findings.progress import SILENT, Progress
from generator.web import i18n, theme, writing
from generator.web.build import (
    AS_OF_KEY,
    LANGUAGE_KEY,
    LANGUAGES_KEY,
    PROGRESS_KEY,
    SERVING,
    SOURCES_KEY,
    STATE_KEY,
    THEME_FOLDERS,
    BuildError,
    BuildState,
    Generated,
    generate,
)
from generator.web.i18n import LANGUAGES, SOURCE, speaking
from generator.web.markup import with_policy
from generator.web.page_meta import page_meta
from generator.web.pages.documents import DOCUMENTS
from generator.web.preview import Preview, previewing
from generator.web.site import Page, Settings, build_date
from generator.web.sources import translated_name
from generator.web.theme import THEME_TEMPLATES, SharedFrame, ThemeChanged, corrected
from generator.web.writing import (
    KeptPage,
    RenderedPage,
    Writer,
    cut_stylesheet,
    table_of_contents,
)

log = logging.getLogger("mkdocs.plugins.makelocal")
_pages: dict[str, Page] = {}
_generated: dict[str, Generated] = {}  # the build's, by what it is: "current"
# The build's files, navigation, theme environment and settings, which serve's preview
# renders an edited record's page with (generator.web.preview).
_built: dict[str, Any] = {}


def _root(config: MkDocsConfig) -> Path:
    configured = config.extra.get("makelocal_root")
    return Path(configured) if configured else Path(config.config_file_path).parent


def built(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages whose sites are built (all, unless build_site says)."""
    given = config.extra.get(LANGUAGES_KEY)
    return tuple(code for code in LANGUAGES if given is None or code in given)


def language(config: MkDocsConfig) -> str:
    """The language of the site this MkDocs run builds (English unless build_site says)."""
    given = config.extra.get(LANGUAGE_KEY)
    return given if given in LANGUAGES else SOURCE


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.use_directory_urls:
        raise PluginError("MakeLocal needs `use_directory_urls: false` (the site works from files)")
    guides = sorted(
        g for g in Path(config.docs_dir, "guides").glob("*.md") if not translated_name(g.name)
    )
    if guides and not any(isinstance(i, dict) and "Guides" in i for i in config.nav or []):
        config.nav = [*(config.nav or []), {"Guides": [f"guides/{g.name}" for g in guides]}]
    theme.list_visible_files(config.theme)
    written = language(config)
    if SOURCES_KEY not in config.extra:  # `mkdocs serve`, which rebuilds in one process
        i18n.reload()  # reads the catalogues again, as it does every other source
    with speaking(written):
        config.nav = _translated_nav(config.nav or [])
        if config.site_description:
            config.site_description = i18n.gettext(config.site_description)
        # Material puts its language switcher in the header when `alternate` is set; the
        # site's own (templates/overrides/partials/alternate.html) leads to the same page
        # in the other language. Not a list, so Material writes no links of its own.
        config.extra["alternate"] = True
        # Where the theme's own pages (404.html) switch to: the other languages' homes,
        # from this site's top folder.
        up = "../" * (LANGUAGES[written].folder.count("/") + 1) if written != SOURCE else ""
        config.extra["makelocal_switch_home"] = [
            {
                "code": other.code,
                "name": other.name,
                "href": up + (f"{other.folder}/" if other.folder else "") + "index.html",
            }
            for other in LANGUAGES.values()
            if other.code != written and other.code in built(config)
        ]
    return config


def _translated_nav(nav: list[Any]) -> list[Any]:
    """The navigation's titles (mkdocs.yml's, in the catalogue) in the language written."""
    translated: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            translated.append(
                {
                    i18n.gettext(title): _translated_nav(entry)
                    if isinstance(entry, list)
                    else entry
                    for title, entry in item.items()
                }
            )
        else:
            translated.append(item)
    return translated


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
        address = config.site_url.rstrip("/") + "/"
        folder = LANGUAGES[language(config)].folder  # another language's site is a folder
        return address.removesuffix(f"{folder}/") if folder else address
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


def _writer(config: MkDocsConfig) -> Writer:
    """The Writer of the build under way (on_files makes it)."""
    writer = _state(config).writer
    if writer is None:
        raise PluginError("MakeLocal's hook saw no files: MkDocs skipped on_files")
    return writer


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    repo_url = repository_address(config)
    if not repo_url and publishing():
        raise PluginError(MISSING_REPOSITORY)
    given = config.extra.get(AS_OF_KEY)  # `makelocal build`'s date; else the build's own
    as_of = datetime.date.fromisoformat(given) if isinstance(given, str) else build_date()
    settings = Settings(repo_url=repo_url, site_url=site_address(config), as_of=as_of)
    progress = _progress(config)
    written = language(config)
    state = _state(config)
    site_dir = Path(config.site_dir)
    try:
        generated = generate(
            _root(config),
            project,
            settings,
            progress,
            written,
            config.extra.get(SOURCES_KEY),
            site_dir,
            state.previous,
        )
    except BuildError as error:
        raise PluginError(str(error)) from None
    if config.extra.get(STATE_KEY) is None:
        # Serving: once this build writes, the folder is no longer what the last one left;
        # should it fail, the next build makes everything (on_post_build sets it again).
        state.previous = None
    generated.others = {c: has for c, has in generated.others.items() if c in built(config)}
    _generated["current"] = generated
    _built.update(files=files, settings=settings)
    if not repo_url and written == SOURCE:
        # On stderr, not MkDocs' log: a warning there would fail the strict build, and
        # `makelocal build` does not show MkDocs' info messages.
        print(
            f"makelocal: note: {MISSING_REPOSITORY}. This build is not published (not in "
            "GitHub Actions), so its manifests are written without `repo`.",
            file=sys.stderr,
        )
    if written != SOURCE:
        _leave_out_theme_files(files, config)
    _add_pages(files, config, generated)
    assert generated.manifest is not None  # generate always makes one
    copied, kept_copies = writing.split_copies(
        generated.files, generated.previous, generated.manifest, str(site_dir), _root(config)
    )
    # Held as the last build wrote them: neither written nor copied.
    kept = [*generated.kept_texts, *kept_copies]
    if clash := sorted({*generated.texts, *copied, *kept} & files.src_uris.keys()):
        raise PluginError(f"docs/{clash[0]} clashes with a generated page or file; rename it")
    others = tuple(LANGUAGES[code].folder for code in built(config) if code != written)
    writer = Writer(
        site_dir,
        generated.manifest,
        generated.previous,
        generated.texts,
        files,
        copied,
        state.source.writer if state.source else None,  # the English site's
        others,
        [generated.texts[path] for path in generated.scripts if path.endswith(".js")],
        kept,
    )
    writer.write_texts()
    try:
        writer.write_copies()
    except OSError as error:
        raise PluginError(str(error)) from None
    state.writer = writer
    state.manifest = generated.manifest
    # Each language's pages a step of their own: `writing pages (fr)`.
    step = "writing pages" if written == SOURCE else f"writing pages ({written})"
    progress.begin(step, len(files.documentation_pages()))
    return files


def _add_pages(files: Files, config: MkDocsConfig, generated: Generated) -> None:
    """The generated pages, as files MkDocs renders, or skips when the site folder holds
    them as this build would write them (kept)."""
    _pages.clear()
    reuse = generated.reuse
    for page in generated.pages:
        # A hand-written page of docs/ is rendered by MakeLocal (generate), never by
        # Python-Markdown, which would pass raw HTML through.
        if page.path in files.src_uris:
            files.remove(files.src_uris[page.path])
        _pages[page.path] = page
        held = page.kept or bool(
            reuse and reuse.rendered(page, partial(page_meta, page, generated))
        )
        kind = KeptPage if held else File
        _add(files, kind.generated(config, page.path, content="", inclusion=_inclusion(page)))


def _leave_out_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Material's own files (stylesheets, scripts, icon): another language's pages take
    them from the English site (`_shared_theme`), so its site does not copy them."""
    theme_dirs = [Path(folder) for folder in config.theme.dirs]
    for file in list(files):
        folder = file.src_uri.split("/")[1] if file.src_uri.startswith("assets/") else ""
        source = Path(file.abs_src_path) if file.abs_src_path else None
        if folder in THEME_FOLDERS and source and any(source.is_relative_to(d) for d in theme_dirs):
            files.remove(file)


def _progress(config: MkDocsConfig) -> Progress:
    """The Progress `makelocal build` handed over; `mkdocs serve` hands none."""
    given = config.extra.get(PROGRESS_KEY)
    return given if given is not None else SILENT


def _inclusion(page: Page) -> InclusionLevel:
    return InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV


def _add(files: Files, file: File) -> None:
    if file.src_uri in files.src_uris:  # not `in files`, a PurePath a file (0.4 s at 10k)
        raise PluginError(f"docs/{file.src_uri} clashes with a generated page or file; rename it")
    files.append(file)


def on_page_markdown(markdown: str, page: MkDocsPage, **_: Any) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    page.__class__ = RenderedPage  # MkDocs converts no Markdown for it (it has none)
    page.meta = page_meta(generated, _generated["current"])
    return ""


def on_page_content(html: str, page: MkDocsPage, **_: Any) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return html
    # A design page's body is rendered as the page is written (on_post_page), so that the
    # build never holds them all: MkDocs reads every page before it writes the first.
    return LATER if callable(generated.html) else generated.html


def on_page_context(context: dict[str, Any], page: MkDocsPage, **_: Any) -> dict[str, Any]:
    """A generated page's contents, as the theme shows them, made as the page is written
    and let go of once it is (on_post_page): made as MkDocs read the pages, the 110,000
    entries of 10,000 design pages were all held until the build's end (the build's
    peak memory went from 546-556 MB to 524-539 MB without them)."""
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        page.toc = table_of_contents(generated.toc)
    return context


# Where a body rendered later stands until then. Material adds a title to a page whose
# content has no "<h1"; these bodies (design pages) always start with one.
LATER = "<!--makelocal: the body, rendered as the page is written; it has an <h1>-->"


def _finished(output: str, written: str = SOURCE) -> str:
    """A page as it is written: the theme's frame corrected, its policy, and in another
    language's site, the theme's files taken from the English site's."""
    try:
        with speaking(written):
            page = with_policy(corrected(output))
    except ThemeChanged as error:
        raise PluginError(str(error)) from None
    return _shared_theme(page, written)


# An address of Material's own files (its stylesheet, icon...), relative to a page.
THEME_FILE = re.compile(
    r'(\s(?:href|src)=")((?:\.\./)*)(assets/(?:stylesheets|javascripts|images)/)'
)


def _shared_theme(page: str, written: str) -> str:
    """Another language's page with Material's files from the English site: one cut of
    its stylesheet for both, which a browser keeps once (build_site removes the copies)."""
    folder = LANGUAGES[written].folder
    if not folder:
        return page
    up = "../" * (folder.count("/") + 1)
    return THEME_FILE.sub(lambda m: m.group(1) + m.group(2) + up + m.group(3), page)


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
    page.toc = get_toc([])  # each page is held by MkDocs to the build's end
    return _writer(config).page(page.file.dest_uri, _finished(output, language(config)))


def on_nav(nav: Navigation, **_: Any) -> Navigation:
    _built["nav"] = nav
    for page in nav.pages:  # a kept page's title, which the others' navigation shows
        if isinstance(page.file, KeptPage) and page.file.src_uri in _pages:
            page.markdown = ""  # MkDocs reads no title from a page it has not read
            page.meta = page_meta(_pages[page.file.src_uri], _generated["current"])
    return nav


def on_env(env: Any, config: MkDocsConfig, **_: Any) -> Any:
    """The words of the site's own theme templates (templates/overrides), in the language
    of the site being built, from the same catalogue as its pages."""
    translations = i18n.translations(language(config))
    env.bytecode_cache = THEME_TEMPLATES  # compiled once for every language's run
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(
        translations.gettext, translations.ngettext, pgettext=translations.pgettext
    )
    env.globals["shared_frame"] = SharedFrame(_built["nav"].pages)
    _built["env"] = env
    return env


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    _progress(config).end()
    writer = _writer(config)
    writer.finish()
    # What rendered the pages (a design page's renderer holds the whole index), all written:
    # not held through the next language's build, the search index, or serve's next build.
    _pages.clear()
    done = _generated["current"]
    _generated["current"] = Generated(language=done.language, others=done.others)
    if config.extra.get(STATE_KEY) is None:  # serving: the next build starts from this one
        cut_stylesheet([writer])
        state = _state(config)
        state.previous = state.manifest
        sources = done.sources
        assert sources is not None  # generate gives what it was made from
        state.preview = Preview(
            sources,
            _built["settings"],
            config,
            _built["files"],
            _built["nav"],
            _built["env"],
            _pages,
            writer,
            state,
            done.per_design,
        )


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
    return _writer(config).template(template_name, _finished(output, language(config)))


# An address from the server's root in an href or src attribute (not "//host/...").
ROOT_LINK = re.compile(r"""(\s(?:href|src|action)=["'])/(?!/)""")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when records, designs, the repository documents or the site's code change,
    seen by the system's file events where it has them (generator.web.watching); edited
    records' pages are shown first (generator.web.preview)."""
    # Imported here: only serving watches files, and a build need not load watchdog.
    from generator.web.watching import watch_by_system_events

    watcher = watch_by_system_events(server)
    if watcher is not None:
        state = _state(config)
        server.builder = previewing(server, watcher.changed, lambda: state.preview)
    root = _root(config)
    project = Path(config.config_file_path).parent
    for path in (
        root / "catalog",
        root / "designs",
        *(project / name for name in DOCUMENTS),
        project / "generator" / "web" / "templates",
        project / "generator" / "web" / "assets",
        project / "generator" / "web" / "locale",
    ):
        if path.exists():
            server.watch(str(path))
    return server

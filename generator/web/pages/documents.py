"""Pages from documents: the repository's contributor guide and code of conduct, the
repairability method, open data, and "What can I make?".
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from functools import partial
from urllib.parse import quote

from markupsafe import Markup

from generator.makeit import repairability
from generator.web import match_page as render_match
from generator.web.api_schemas import API_VERSION, api_overview
from generator.web.i18n import SOURCE, _, current, gettext
from generator.web.index import Index
from generator.web.jinja import english_block, render_template
from generator.web.links import Links, relative
from generator.web.markup import markdown_document
from generator.web.okh import OKH_VERSION
from generator.web.site import Heading, Page, Settings
from generator.web.translated import EnglishText, LanguageView

# Repository documents published as pages: file in the repository -> page of the site.
DOCUMENTS = {"CONTRIBUTING.md": "contribute.md", "CODE_OF_CONDUCT.md": "code-of-conduct.md"}
ISSUE_FORMS = ".github/ISSUE_TEMPLATE"
# Written in the documents where the repository's address goes (a clone command); the site
# puts the address in when it is known.
ADDRESS_PLACEHOLDER = "<address of the repository>"


def document_pages(index: Index, documents: Mapping[str, str], settings: Settings) -> list[Page]:
    """The contributor guide (in the navigation, with a short note while it is missing)
    and the other repository documents that exist."""
    pages = []
    for name, path in DOCUMENTS.items():
        text = documents.get(name)
        if text is None and name != "CONTRIBUTING.md":
            continue
        if text and settings.repo_url:
            text = text.replace(ADDRESS_PLACEHOLDER, f"{settings.repo_url}.git")
        body, headings, title = (
            _document(text, partial(_repository_link, page=path, settings=settings))
            if text
            else (Markup(""), [], _("Contribute"))
        )
        template = "contribute.html" if name == "CONTRIBUTING.md" else "document.html"
        html = render_template(template, path, index, body=body, title=title, has_guide=bool(text))
        toc = tuple(
            Heading(level, anchor, words) for level, anchor, words in headings if level <= 3
        )
        description = (
            _("How to add a material, a process, a maker or a design to MakeLocal.")
            if name == "CONTRIBUTING.md"
            else _("%(title)s: MakeLocal.", title=title)
        )
        pages.append(Page(path, title, description, html, toc, in_nav=name == "CONTRIBUTING.md"))
    return pages


def guide_pages(index: Index, guides: Mapping[str, str], settings: Settings) -> list[Page]:
    """The hand-written pages of docs/ (guides), by their path there: through the same safe
    Markdown as every record (no raw HTML, links only to https or other pages), so that a
    page a pull request adds cannot carry a script either."""
    pages = []
    records = {
        f"{folder}/{record_id}.md"
        for folder, ids in (
            ("material", index.materials),
            ("process", index.processes),
            ("maker", index.makers),
            ("design", index.designs),
        )
        for record_id in ids
    }
    for path, text in sorted(guides.items()):
        body, headings, title = _document(
            text, partial(_guide_link, page=path, settings=settings, records=records)
        )
        html = render_template("document.html", path, index, body=body, title=title)
        toc = tuple(
            Heading(level, anchor, words) for level, anchor, words in headings if level <= 3
        )
        description = _("%(title)s: a MakeLocal guide.", title=title)
        pages.append(Page(path, title or path, description, html, toc, True))
    return pages


_RECORD_FOLDERS = ("material/", "process/", "maker/", "design/")


def _document(
    text: str, link_for: Callable[[str], str | None]
) -> tuple[Markup, list[tuple[int, str, str]], str]:
    """A Markdown document's body, headings and title (markup.markdown_document); one still
    in English on a page in another language (an EnglishText) marked so."""
    body, headings, title = markdown_document(text, link_for)
    if isinstance(text, EnglishText):  # no contents: its English headings would be unmarked
        return english_block(body), [], EnglishText(title)
    return body, headings, title


def _guide_link(
    target: str, page: str, settings: Settings, records: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """A relative link in a guide: another page of docs/ or a record's page (relative to
    the guide; a record this catalogue lacks loses the link, its text stays), else as a
    repository document's link (generator.web.pages.documents._repository_link)."""
    path, _, fragment = target.partition("#")
    if path.endswith(".md") and not path.startswith("/"):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved.startswith(_RECORD_FOLDERS) and resolved not in records:
            return None
        if not resolved.startswith(".."):
            return relative(page, resolved) + (f"#{fragment}" if fragment else "")
    return _repository_link(target, page, settings)


def _repository_link(target: str, page: str, settings: Settings) -> str | None:
    """Where a relative link in a repository document leads on the site.

    Guides in docs/ and the documents above are pages of the site, record schemas are
    published under schemas/; an issue form (.github/ISSUE_TEMPLATE/*.yml) opens the form
    itself, ready to fill in, and other repository files link to the repository, when its
    address is known; without it they lose their link.
    """
    path, _, fragment = target.partition("#")
    path = posixpath.normpath(path.removeprefix("./"))
    anchor = f"#{fragment}" if fragment else ""
    form = posixpath.relpath(path, ISSUE_FORMS) if path.startswith(f"{ISSUE_FORMS}/") else None
    if path in DOCUMENTS:
        return relative(page, DOCUMENTS[path]) + anchor
    if path.startswith("docs/") and path.endswith(".md"):
        return relative(page, path.removeprefix("docs/")) + anchor
    if path.startswith("schemas/") and path.endswith(".json"):
        return relative(page, path)
    if settings.repo_url and form is not None and path.endswith(".yml"):
        return f"{settings.repo_url}/issues/new?template={quote(form)}"
    if settings.repo_url and not path.startswith(".."):
        return f"{settings.repo_url}/blob/{settings.branch}/{quote(path)}"
    return None


def what_can_i_make_page(index: Index, view: LanguageView | None = None) -> Page:
    html = render_match.page_html(
        index.match_catalogue,
        Links(render_match.PAGE).to,
        (lambda kind, record_id: view.translation(kind, record_id) is None) if view else None,
    )
    return Page(
        render_match.PAGE,
        gettext(render_match.TITLE),
        gettext(render_match.DESCRIPTION),
        html,
        in_nav=True,
        search=False,
        wide=True,
    )


def repairability_page(index: Index) -> Page:
    method = repairability.method_markdown()  # English: it has no translation yet
    body, headings, title = _document(
        method if current().code == SOURCE else EnglishText(method), lambda _: None
    )
    html = render_template("document.html", "repairability.md", index, body=body, title=title)
    toc = tuple(Heading(level, anchor, text) for level, anchor, text in headings if level <= 3)
    return Page(
        "repairability.md",
        title,
        _("How MakeLocal scores the repairability of a design."),
        html,
        toc,
    )


def open_data_page(index: Index) -> Page:
    html = render_template(
        "open_data.html",
        "open-data.md",
        index,
        api_files=api_overview(),
        api_version=API_VERSION,
        okh_version=OKH_VERSION,
    )
    return Page(
        "open-data.md",
        _("Open data"),
        _("Every record and analysis as JSON, and an Open Know-How manifest per design."),
        html,
        in_nav=True,
    )

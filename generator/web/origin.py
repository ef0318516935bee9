"""Where a design published elsewhere came from, as a reader follows it: the repository,
the version its files were taken at and the licence file there, each a link where the
host's addresses are known (GitHub, GitLab, Codeberg), plain text where they are not.

Pure: takes the record's `origin`, returns what the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from generator.web.markup import safe_url

# Hosts whose page of a commit and of a file at a commit are known, by the path between
# the repository's address and the commit id.
_COMMIT_PAGE = {"github.com": "/commit/", "gitlab.com": "/-/commit/", "codeberg.org": "/commit/"}
_FILE_PAGE = {"github.com": "/blob/", "gitlab.com": "/-/blob/", "codeberg.org": "/src/commit/"}


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


@dataclass(frozen=True)
class OriginView:
    repository: Link
    commit: Link  # the short id, linked to the commit's page
    date: str | None
    folder: str | None
    licence_files: tuple[Link, ...]


def origin_view(origin: Any) -> OriginView | None:
    """The origin of a design as links, or None for a design drawn here."""
    if not isinstance(origin, Mapping) or not isinstance(origin.get("commit"), str):
        return None
    repository = safe_url(origin.get("repository"))
    commit = str(origin["commit"])
    host = urlsplit(repository).hostname if repository else None
    base = repository.removesuffix("/") if repository else ""
    path = urlsplit(repository).path.strip("/") if repository else ""
    files = origin.get("licence_files")
    return OriginView(
        repository=Link(path or str(origin.get("repository", "")), repository),
        commit=Link(
            commit[:7], f"{base}{_COMMIT_PAGE[host]}{commit}" if host in _COMMIT_PAGE else None
        ),
        date=origin.get("date") if isinstance(origin.get("date"), str) else None,
        folder=origin.get("folder") if isinstance(origin.get("folder"), str) else None,
        licence_files=tuple(
            Link(
                name,
                f"{base}{_FILE_PAGE[host]}{commit}/{quote(name)}" if host in _FILE_PAGE else None,
            )
            for name in (files if isinstance(files, list) else [])
            if isinstance(name, str)
        ),
    )

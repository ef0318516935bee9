"""Reading an Open Know-How manifest (okh.toml, OKH-LOSH v1.0) for `makelocal import`.

Only what a design record can take is read, into typed data: the name, function, licence,
licensors, repository, version, image and the files of the parts. Paths are taken as the
manifest gives them, relative to the manifest's folder (OKH reads them relative to `repo`,
whose copy that folder is); addresses on the web are kept apart, as nothing is fetched.
A manifest that is not TOML, or whose fields have the wrong type, is refused with where
and what; fields the record does not use are ignored.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_MANIFEST_BYTES = 512 * 1024
# "Jane Doe (FSF) <jane@example.org>": the name is what comes before any ( or <.
_AGENT_NAME = re.compile(r"^\s*([^(<]*?)\s*(?:[(<]|$)")
NO_LICENCE = {"", "LicenseRef-NOASSERTION", "NOASSERTION", "NONE"}


class ManifestError(Exception):
    """The manifest cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Agent:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class ManifestPart:
    name: str
    files: tuple[str, ...]  # its `source` and `export` paths, in the order given


@dataclass(frozen=True)
class Manifest:
    path: Path
    name: str | None
    function: str | None
    licence: str | None  # None when the manifest states none (or NOASSERTION)
    licensors: tuple[Agent, ...]
    repository: str | None
    version: str | None
    images: tuple[str, ...]
    files: tuple[str, ...]  # the module's own `source` and `export` paths
    parts: tuple[ManifestPart, ...]

    def named_files(self) -> Iterator[str]:
        """Every path the manifest names: images, the module's files, the parts' files."""
        yield from self.images
        yield from self.files
        for part in self.parts:
            yield from part.files


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`; ManifestError if it cannot be read."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{path}: over {MAX_MANIFEST_BYTES // 1024} KiB; not a manifest")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ManifestError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ManifestError(f"{path}: not UTF-8 text; save it again as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{path}: not valid TOML: {error}") from None
    licence = _text(data, "license", path)
    return Manifest(
        path=path,
        name=_text(data, "name", path),
        function=_text(data, "function", path),
        licence=None if licence is None or licence.strip() in NO_LICENCE else licence.strip(),
        licensors=tuple(_agents(data.get("licensor"), path)),
        repository=_text(data, "repo", path),
        version=_version(data.get("version")),
        images=_paths(data, "image", path),
        files=_paths(data, "source", path) + _paths(data, "export", path),
        parts=tuple(_parts(data.get("part"), path)),
    )


def _text(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ManifestError(f"{path}: `{key}` must be text, not {type(value).__name__}")
    return value


def _version(value: Any) -> str | None:
    """OKH allows a number or any text (a commit id); the record takes numbered versions."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().removeprefix("v")
    return text or None


def _paths(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise ManifestError(f"{path}: `{key}` must be a path or a list of paths")
    return tuple(values)


def _agents(value: Any, path: Path) -> Iterator[Agent]:
    """Licensors as OKH writes them: "Name <email>", a table {name, url, email}, or a list."""
    for agent in value if isinstance(value, list) else [] if value is None else [value]:
        if isinstance(agent, str):
            match = _AGENT_NAME.match(agent)
            name = match.group(1) if match else ""
            if name:
                yield Agent(name)
        elif isinstance(agent, dict) and isinstance(agent.get("name"), str):
            url = agent.get("url")
            yield Agent(agent["name"].strip(), url if isinstance(url, str) else None)
        else:
            raise ManifestError(f"{path}: `licensor` must be a name, a table with a name or a list")


def _parts(value: Any, path: Path) -> Iterator[ManifestPart]:
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise ManifestError(f"{path}: `part` must be an array of tables ([[part]])")
    for index, part in enumerate(value, 1):
        name = part.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ManifestError(f"{path}: part {index} has no `name`")
        files = _paths(part, "source", path) + _paths(part, "export", path)
        yield ManifestPart(name.strip(), files)

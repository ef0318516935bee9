"""The search index: the reader's text of each page, fed to Pagefind.

Each page's search record is taken from the page as it is written (`record_of`): the text
inside its `data-pagefind-body` element, without the elements marked
`data-pagefind-ignore` (the site's forms, maps, figures and explanations repeated on every
page), scripts and styles; its title (the first heading) and the `data-pagefind-meta`
values the search page shows (kind of page, picture, figures, verdict, evidence), read as
Pagefind reads them. A page without such an element is not searched.

The records of pages an incremental build does not write again are kept from the last
build (.cache/site/search/), so every build feeds Pagefind every page's record without
reading a page back. Pagefind runs as a service (its `--service` mode, the protocol of
its Python package, whose own client answers one message each 100 ms); its files are
written beside the site and only those that changed are copied in.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

FOLDER = "pagefind"
# Pagefind's ready-made interfaces; the site has its own small one (assets/search.js).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div",
          "section", "figcaption", "tr", "ul", "ol", "table", "br", "summary"}  # fmt: skip
BATCH = 500  # records to a message batch


class SearchError(Exception):
    """Pagefind could not make the index; the message says why."""


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the site's root, as Pagefind gives it: "/design/x.html"
    content: str
    meta: dict[str, str]


class _Reader(HTMLParser):
    """A page's searchable text and meta, as Pagefind reads a page's body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, str | None]] = []  # tag, body, ignored, meta
        self.found_body = False
        self.words: list[str] = []
        self.meta: dict[str, str] = {}
        self.heading: list[str] | None = None
        self.title: str | None = None
        self.image: tuple[str, str] | None = None
        self.meta_text: dict[str, list[str]] = {}

    @property
    def _body(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def _ignored(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        body = self._body or "data-pagefind-body" in values
        self.found_body |= body
        ignored = self._ignored or "data-pagefind-ignore" in values or tag in SKIPPED_ELEMENTS
        text_meta = self._meta(values) if body else None
        if body and not ignored and tag == "img" and self.image is None and values.get("src"):
            self.image = (str(values["src"]), str(values.get("alt") or ""))
        if body and not ignored and tag == "h1" and self.title is None:
            self.heading = []
        if body and not ignored and tag in BLOCKS:
            self.words.append("\n")
        if tag not in VOID:
            self.stack.append((tag, body, ignored, text_meta))

    def _meta(self, values: dict[str, str | None]) -> str | None:
        """A `data-pagefind-meta` value: "key:value", "key[attribute]", or "key" (the
        element's text, returned to be collected)."""
        given = values.get("data-pagefind-meta")
        if not given:
            return None
        key, colon, value = given.partition(":")
        if colon:
            self.meta[key.strip()] = value.strip()
            return None
        if key.endswith("]") and "[" in key:
            name, _, attribute = key[:-1].partition("[")
            self.meta[name.strip()] = str(values.get(attribute.strip()) or "")
            return None
        self.meta_text[key.strip()] = []
        return key.strip()

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            opened, body, ignored, text_meta = self.stack.pop()
            if text_meta is not None:
                self.meta[text_meta] = " ".join("".join(self.meta_text[text_meta]).split())
            if opened == "h1" and self.heading is not None and self.title is None:
                self.title = " ".join("".join(self.heading).split())
                self.heading = None
            if body and not ignored and opened in BLOCKS:
                self.words.append("\n")
            if opened == tag:
                return

    def handle_data(self, data: str) -> None:
        for _, _, _, text_meta in self.stack:
            if text_meta is not None:
                self.meta_text[text_meta].append(data)
        if self._body and not self._ignored:
            self.words.append(data)
            if self.heading is not None:
                self.heading.append(data)


def record_of(url: str, html: str) -> SearchRecord | None:
    """The search record of a written page, or None when it has nothing to search."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if not reader.found_body:
        return None
    lines = (" ".join(line.split()) for line in "".join(reader.words).split("\n"))
    content = "\n".join(line for line in lines if line)
    meta = dict(reader.meta)
    meta.setdefault("title", reader.title or url)
    if "image" not in meta and reader.image:
        meta["image"], meta["image_alt"] = reader.image
    return SearchRecord(url, content, meta)


class _Service:
    """Pagefind's `--service` mode: base64 JSON messages, each ended by a comma."""

    def __init__(self, log: Any) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SearchError("Pagefind's program is not installed (pip install pagefind[bin])")
        self.process = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
        )
        self.sent = 0
        self.buffer = bytearray()

    def send(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each payload's answer, in order; SearchError for an error. The messages are
        written by a thread while the answers are read, so neither pipe fills up."""
        messages = []
        for payload in payloads:
            self.sent += 1
            message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
            messages.append(base64.b64encode(message) + b",")
        writer = threading.Thread(target=self._write, args=(messages,), daemon=True)
        writer.start()
        answers = [self._answer() for _ in payloads]
        writer.join()
        for answer in answers:
            if answer.get("type") == "Error":
                raise SearchError(f"Pagefind: {answer.get('message')}")
        return answers

    def _write(self, messages: list[bytes]) -> None:
        assert self.process.stdin is not None
        try:
            for message in messages:
                self.process.stdin.write(message)
            self.process.stdin.flush()
        except OSError:
            pass  # Pagefind stopped: reading its answers says so

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        while b"," not in self.buffer:
            more = os.read(self.process.stdout.fileno(), 1 << 16)
            if not more:
                raise SearchError("Pagefind stopped before it answered")
            self.buffer += more
        at = self.buffer.index(b",")
        text = bytes(self.buffer[:at])
        del self.buffer[: at + 1]
        payload: dict[str, Any] = json.loads(base64.b64decode(text)).get("payload") or {}
        return payload

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def write_index(records: list[SearchRecord], site_dir: Path) -> None:
    """The Pagefind index of `records` in site_dir/pagefind/: written beside, then only
    the files that differ copied in and those no longer made removed."""
    with tempfile.TemporaryFile() as log:
        service = _Service(log)
        try:
            _feed(service, records, site_dir)
        except SearchError as error:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip()
            raise SearchError(f"{error}{': ' + said if said else ''}") from None
        finally:
            service.close()


def _feed(service: _Service, records: list[SearchRecord], site_dir: Path) -> None:
    (created,) = service.send([{"type": "NewIndex", "config": {"force_language": "en"}}])
    index_id = created["index_id"]
    ordered = sorted(records, key=lambda r: r.url)
    for start in range(0, len(ordered), BATCH):
        service.send(
            [
                {
                    "type": "AddRecord",
                    "index_id": index_id,
                    "url": r.url,
                    "content": r.content,
                    "language": "en",
                    "meta": r.meta,
                    "filters": None,
                    "sort": None,
                }
                for r in ordered[start : start + BATCH]
            ]
        )
    with tempfile.TemporaryDirectory(dir=site_dir.parent) as temporary:
        made = Path(temporary) / FOLDER
        service.send([{"type": "WriteFiles", "index_id": index_id, "output_path": str(made)}])
        for name in UNUSED:
            (made / name).unlink(missing_ok=True)
        _sync(made, site_dir / FOLDER)


def _files(folder: Path) -> Iterator[str]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix()


def _sync(made: Path, target: Path) -> None:
    """`target` made to hold what `made` holds, writing only the files that differ."""
    fresh = set(_files(made))
    if target.is_dir():
        for name in set(_files(target)) - fresh:
            (target / name).unlink()
    for name in sorted(fresh):
        source, destination = made / name, target / name
        data = source.read_bytes()
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    if target.is_dir():
        for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()

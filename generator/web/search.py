"""The search index: the reader's text of each page, fed to Pagefind.

Each page's search record is taken from the page as it is written (`record_of`): the text
inside its `data-pagefind-body` element, without the elements marked
`data-pagefind-ignore` (the site's forms, maps, figures and explanations repeated on every
page), scripts and styles; its title (the first heading) and the `data-pagefind-meta`
values the search page shows (kind of page, picture, figures, verdict, evidence), read as
Pagefind reads them. A page without such an element is not searched.

The records of pages an incremental build does not write again are kept from the last
build (in its manifest), so every build has every page's record without reading a page
back. Each language's pages are spread over Pagefind indexes ("bundles") of about
PAGES_PER_BUNDLE pages, and a build makes again only those whose pages changed, one at a
time: neither a one-page change nor Pagefind's memory grows with the whole site. Pagefind
runs as a service (its `--service` mode, the protocol of its Python package, whose own
client answers one message each 100 ms); its files are asked for, not written by it, and
only those that differ are written into the site.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import os
import re
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

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
    language: str = "en"  # Pagefind keeps an index of each language
    # The digest of its content and meta (`text_digest`), kept in the manifest with them:
    # a bundle's digest is made of its pages' (hashing every page's text again took 0.9 s
    # of a 10,000-design rebuild).
    digest: str = ""


# How the body of a page is read: the elements Pagefind's attributes mark, each element's
# end found by counting its kind of tag, and the rest by regular expressions (Python's
# HTMLParser took a third of a build; this reads the same records in a fortieth of it).
_MARK = re.compile(r"data-pagefind-(body|ignore|meta)\b")
_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTE = re.compile(r'([^\s=/>]+)\s*=\s*"([^"]*)"')
_RAW = re.compile(r"<(" + "|".join(SKIPPED_ELEMENTS) + r")\b.*?</\1\s*>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:" + "|".join(sorted(BLOCKS)) + r")\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.S | re.I)
_SPACE = re.compile(r"\s+")
_BLANKS = re.compile(r"[^\S\n]+")
_ENDS: dict[str, re.Pattern[str]] = {}


def _end(page: str, tag: str, start: int) -> int:
    """Where the element whose tag opens at `start` ends: after its own end tag."""
    pattern = _ENDS.get(tag)
    if pattern is None:
        pattern = _ENDS[tag] = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 0
    for found in pattern.finditer(page, start):
        if found.group(0).endswith("/>"):
            continue
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return len(page)


@dataclass(frozen=True)
class _Marked:
    kind: str  # body, ignore or meta
    tag: str
    start: int  # where its opening tag starts
    opened: int  # where its opening tag ends


def _marked(page: str) -> list[_Marked]:
    found = []
    for mark in _MARK.finditer(page):
        start = page.rfind("<", 0, mark.start())
        name = _NAME.match(page, start)
        if name is not None:
            opened = page.find(">", mark.end()) + 1
            found.append(_Marked(mark.group(1), name.group(1).lower(), start, opened))
    return found


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _meta(page: str, marks: list[_Marked], start: int, end: int) -> dict[str, str]:
    """The `data-pagefind-meta` values inside the body: "key:value", "key[attribute]" (an
    attribute's value), or "key" (the element's text)."""
    meta = {}
    for mark in marks:
        if mark.kind != "meta" or not start <= mark.start < end:
            continue
        values = dict(_ATTRIBUTE.findall(page[mark.start : mark.opened]))
        key, colon, value = values.get("data-pagefind-meta", "").partition(":")
        if colon:
            meta[key.strip()] = html.unescape(value.strip())
        elif key.endswith("]") and "[" in key:
            name, _, attribute = key[:-1].partition("[")
            meta[name.strip()] = html.unescape(values.get(attribute.strip(), ""))
        else:
            inner = page[mark.opened : _end(page, mark.tag, mark.start)]
            meta[key.strip()] = _text(inner[: inner.rfind("</")])
    return meta


def record_of(url: str, page: str) -> SearchRecord | None:
    """The search record of a written page, or None when it has nothing to search."""
    marks = _marked(page)
    body = next((m for m in marks if m.kind == "body"), None)
    if body is None:
        return None
    end = _end(page, body.tag, body.start)
    meta = _meta(page, marks, body.start, end)
    kept, at = [], body.start
    for mark in marks:
        if mark.kind == "ignore" and mark.start >= at and mark.start < end:
            kept.append(page[at : mark.start])
            at = _end(page, mark.tag, mark.start)
    kept.append(page[at:end])
    # Spaces and line breaks run together; blocks (paragraphs, items, cells) are lines.
    read = _SPACE.sub(" ", _RAW.sub("", "".join(kept)))
    heading = _HEADING.search(read)
    text = _BLANKS.sub(" ", html.unescape(_TAG.sub("", _BLOCK.sub("\n", read))))
    content = "\n".join(filter(None, (line.strip() for line in text.split("\n"))))
    meta.setdefault("title", _text(heading.group(1)) if heading else url)
    image = _IMAGE.search(read)
    if "image" not in meta and image:
        values = dict(_ATTRIBUTE.findall(image.group(0)))
        if values.get("src"):
            meta["image"] = html.unescape(values["src"])
            meta["image_alt"] = html.unescape(values.get("alt", ""))
    return SearchRecord(url, content, meta)


def message(number: int, payload: dict[str, Any]) -> bytes:
    """A message to Pagefind's service: base64 JSON, ended by a comma. Written by orjson
    (a bundle's 3,400 design pages are 3.2 MB of messages: 0.045 s with json, 0.016 s with
    orjson); what orjson refuses (a lone surrogate) by json, which escapes it."""
    document = {"message_id": number, "payload": payload}
    try:
        encoded = orjson.dumps(document)
    except orjson.JSONEncodeError:
        encoded = json.dumps(document).encode()
    return base64.b64encode(encoded) + b","


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
            messages.append(message(self.sent, payload))
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
        payload: dict[str, Any] = orjson.loads(base64.b64decode(text)).get("payload") or {}
        return payload

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Pages of a language to a Pagefind index ("bundle"): a build makes again only the bundles
# whose pages changed, one at a time, so neither its time nor Pagefind's memory grows with
# the whole site. The search page loads the first bundle of its language and merges in
# the others. Each bundle the search page merges brings its own index chunk for each word
# searched: at 10,000 designs, 3 bundles of 3,400 pages load 7 KB less than 6 of 1,700
# (the full-text search for "clip": 304.6 KB against 311.7 KB). The price: a one-page
# change indexes its bundle in 2.5 s instead of 1.2 s, and Pagefind holds a larger bundle
# (a build's peak memory at 10,000 designs is 80 MB more: 365 MB against 285 MB indexing
# alone).
PAGES_PER_BUNDLE = 4000
BUNDLES = "bundles.json"  # the bundles of each language, for the search page


def bundles(records: list[SearchRecord]) -> dict[str, list[SearchRecord]]:
    """The records of each bundle, by its folder ("en-0"): each language's pages spread
    over as many bundles as keeps each near PAGES_PER_BUNDLE, by a hash of their address
    (a page stays in its bundle while their number stays)."""
    by_language: dict[str, list[SearchRecord]] = {}
    for record in records:
        by_language.setdefault(record.language, []).append(record)
    found: dict[str, list[SearchRecord]] = {}
    for language, own in sorted(by_language.items()):
        count = -(-len(own) // PAGES_PER_BUNDLE)
        for number in range(count):
            found[f"{language}-{number}"] = []
        for record in own:
            number = zlib.crc32(record.url.encode("utf-8", "surrogateescape")) % count
            found[f"{language}-{number}"].append(record)
    return found


def bundle_digest(records: list[SearchRecord]) -> str:
    """What a bundle is made from, with the version of Pagefind that makes it."""
    from importlib.metadata import version

    hashed = hashlib.sha256(version("pagefind").encode())
    for record in sorted(records, key=lambda r: r.url):
        own = record.digest or text_digest(record.content, record.meta)
        hashed.update(
            json.dumps([record.url, record.language, own]).encode("utf-8", "surrogateescape")
        )
    return hashed.hexdigest()


def text_digest(content: str, meta: dict[str, str]) -> str:
    """The digest of what a page gives the search: its text and its meta."""
    data = json.dumps([content, meta], sort_keys=True).encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()


def write_index(
    records: list[SearchRecord], site_dir: Path, before: dict[str, str] | None = None
) -> dict[str, str]:
    """The Pagefind indexes of `records` in site_dir/pagefind/, a folder for each bundle,
    and the list of them (`BUNDLES`): a bundle whose digest is the one in `before` (the
    last build's) and whose folder is there is left as it is; of the others, only the
    files that differ are written, and those no longer made removed. The digest of each
    bundle, for the next build."""
    before = before or {}
    target = site_dir / FOLDER
    spread = bundles(records)
    made = {name: bundle_digest(own) for name, own in spread.items()}
    files: dict[str, bytes] = {}
    kept: set[str] = set()
    listed: dict[str, list[str]] = {}  # each language's bundles, in order
    for name, own in spread.items():
        listed.setdefault(name.rpartition("-")[0], []).append(name)
        if before.get(name) == made[name] and (target / name / ENTRY).is_file():
            kept.add(name)
        else:
            files.update((f"{name}/{path}", data) for path, data in _bundle_files(own).items())
    files[BUNDLES] = json.dumps(listed, sort_keys=True).encode()
    _sync(files, target, kept)
    return made


def _bundle_files(records: list[SearchRecord]) -> dict[str, bytes]:
    """The files of one Pagefind index of `records`, by their path in its folder."""
    with tempfile.TemporaryFile() as log:
        service = _Service(log)
        try:
            files = _index_files(service, records)
        except SearchError as error:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip()
            raise SearchError(f"{error}{': ' + said if said else ''}") from None
        finally:
            service.close()
    for name in UNUSED:
        files.pop(name, None)
    files[ENTRY] = _languages_in_order(files[ENTRY])
    return files


ENTRY = "pagefind-entry.json"


def _index_files(service: _Service, records: list[SearchRecord]) -> dict[str, bytes]:
    """The index's files, by their path in its folder. Asked for, not written by Pagefind:
    its service answers a request to write them before they are all on the disk (a build
    in three read an empty entry file on a busy machine)."""
    (created,) = service.send([{"type": "NewIndex", "config": {}}])
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
                    "language": r.language,
                    "meta": r.meta,
                    "filters": None,
                    "sort": None,
                }
                for r in ordered[start : start + BATCH]
            ]
        )
    (answer,) = service.send([{"type": "GetFiles", "index_id": index_id}])
    files: dict[str, bytes] = {}
    for file in answer.get("files") or []:
        path = str(file.get("path", "")).lstrip("/")
        if not path or any(part in ("", ".", "..") for part in path.split("/")):
            raise SearchError(f"Pagefind gave a file with no usable path: {path!r}")
        files[path] = base64.b64decode(file.get("content", ""))
    if ENTRY not in files:
        raise SearchError(f"Pagefind's files have no {ENTRY}")
    return files


def _languages_in_order(entry: bytes) -> bytes:
    """Pagefind lists the site's languages in its entry file in the order of a hash map,
    which changes from run to run; sorted, two builds of the same site are identical."""
    data = json.loads(entry)
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _sync(files: dict[str, bytes], target: Path, kept: Collection[str] = ()) -> None:
    """`target` made to hold `files` (by their path in it), writing only those that differ,
    and the folders named in `kept` as they are: not even looked into (a bundle's folder
    holds a file for each of its thousands of pages)."""
    found, folders = _walked(target, kept)
    for name in sorted(set(found) - set(files)):
        (target / name).unlink()
    for name, data in sorted(files.items()):
        destination = target / name
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    for folder in sorted(folders, reverse=True):  # the deepest first
        with contextlib.suppress(OSError):  # one that is not empty stays
            os.rmdir(target / folder)


def _walked(target: Path, kept: Collection[str]) -> tuple[list[str], list[str]]:
    """The files and the folders below `target` (by their path in it), but for the
    folders named in `kept` and what they hold."""
    files: list[str] = []
    folders: list[str] = []
    for current, subfolders, names in os.walk(target):
        relative = os.path.relpath(current, target).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        if not prefix:
            subfolders[:] = [name for name in subfolders if name not in kept]
        folders += (prefix + name for name in subfolders)
        files += (prefix + name for name in names if os.path.isfile(os.path.join(current, name)))
    return files, folders

"""Writing one file into the site folder, whole, and never through what the folder holds
by its name: the Writer's texts and MkDocs' copies (generator.web.writing) both go through
`replace_file`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

# What `replace_file` names a file while it writes it: `.<name>.<pid>.tmp`.
TEMPORARY_NAME = re.compile(r"\..+\.[0-9]+\.tmp")


def replace_file(target: str, write: Callable[[BinaryIO], object], link: str | None = None) -> None:
    """`target` written by `write` into a file made anew, or, with `link`, made a second
    name of that file (a file of the cache, which never changes once made), where it can
    be (not across file systems): a link is seen whole or not at all.

    Where the site folder holds nothing by that name, the file is made there directly:
    one name, not two and a rename (a first build at 1,000 designs renamed 4,771 files
    into the site, and now renames none). A build stopped meanwhile leaves no manifest, so
    the next one writes every file again; a write that fails removes the file it made.
    While `serve` shows an edit before the rest of its rebuild is written (preview.py), a
    page may link to a new file still being written: the reload after the rebuild shows
    it whole.

    Else it is written under a hidden temporary name, which then replaces what the folder
    holds: never written into (a link to a cache file, a FIFO that would wait for ever),
    and whoever reads the folder meanwhile sees a whole file."""
    folder = _make_folder(target)
    if _put(target, write, link):
        return
    temporary = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.tmp")
    if not _put(temporary, write, link):
        # One a killed build left (pids come round again), which may be a link to a cache
        # file: removed, not written into. Looked for only when it is there.
        os.unlink(temporary)
        if not _put(temporary, write, link):
            raise FileExistsError(errno.EEXIST, "made again while it was removed", temporary)
    try:
        os.replace(temporary, target)
    except BaseException:
        _forget(temporary)
        raise
    if link is not None:
        # Where the target was already a name of the same file, the rename leaves both
        # names (POSIX), and the sweep spares hidden files: it would be published.
        _forget(temporary)


def _put(name: str, write: Callable[[BinaryIO], object], link: str | None) -> bool:
    """Whether `name` was free, and is now a link to `link` or, where none can be made, a
    file `write` wrote."""
    if link is not None and _linked(link, name):
        return True
    made = _made(name)
    if made is None:
        return False
    _written(made, name, write)
    return True


def _made(name: str) -> BinaryIO | None:
    """A file made anew under `name`, open to write; None when the name is taken (by any
    file, folder or link, a broken one too: never written through)."""
    try:
        return open(name, "xb")
    except FileExistsError:
        return None


def _written(made: BinaryIO, name: str, write: Callable[[BinaryIO], object]) -> None:
    """`write` into `made`, the file just made under `name`; removed if it fails."""
    try:
        with made:
            write(made)
    except BaseException:
        _forget(name)
        raise


def _make_folder(target: str) -> str:
    """The folder of `target`, made if it is not there."""
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
    return folder


def _forget(temporary: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)


def _linked(source: str, link: str) -> bool:
    """Whether `link` could be made a new, second name of `source`: not when the name is
    taken, nor across file systems, nor on those without links."""
    try:
        os.link(source, link)
    except OSError:
        return False
    return True


# Characters of a text encoded at a time, for its digest and its file: never a second,
# encoded copy of the largest text (the API's designs.json, 55 MB at 10,000 designs).
ENCODED_CHARACTERS = 1 << 20


def encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    """A text given in `pieces` in UTF-8, a part of a piece at a time (what can be no UTF-8,
    a file name's lone surrogate, as a character reference)."""
    for text in pieces:
        for start in range(0, len(text), ENCODED_CHARACTERS):
            yield text[start : start + ENCODED_CHARACTERS].encode("utf-8", "xmlcharrefreplace")


def write_pieces(pieces: Callable[[], Iterable[str]], written: BinaryIO) -> None:
    written.writelines(encoded(pieces()))

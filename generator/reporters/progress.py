"""Progress on a terminal: one line on stderr, redrawn in place, with the count, the item
just done and the time left, e.g.

    analysing parts 3/12 designs/ear-saver/parts/strap.stl, about 40 s left

Nothing at all when stderr is not a terminal (a log, a pipe, CI), so that output stays
as it was; the line is cleared when the step ends, leaving the command's own output.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from generator.findings.progress import SILENT, Progress

# Redraw at most this often: a catalogue of cached parts finishes thousands of items a
# second, and a terminal that redraws each would slow the command down.
REDRAW_S = 0.1


def time_left(seconds: float) -> str:
    """`about 40 s left`, `about 3 min left`, rounded as people say it."""
    if seconds < 10:
        return f"about {max(1, round(seconds))} s left"
    if seconds < 60:
        return f"about {5 * round(seconds / 5)} s left"
    if seconds < 3600:
        return f"about {round(seconds / 60)} min left"
    return f"about {seconds / 3600:.1f} h left"


class TerminalProgress:
    """Draws each step on one line of a terminal; `clock` is for tests."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.what = ""
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.drawn = -REDRAW_S
        self.width = 0

    def begin(self, what: str, total: int) -> None:
        self.what, self.total, self.done = what, total, 0
        self.started = self.clock()
        self.drawn = -REDRAW_S
        self._draw(f"{what} 0/{total}")

    def advance(self, item: str) -> None:
        self.done += 1
        now = self.clock()
        if now - self.drawn < REDRAW_S and self.done < self.total:
            return
        left = self.total - self.done
        after = f", {time_left((now - self.started) / self.done * left)}" if left > 0 else ""
        self._draw(f"{self.what} {self.done}/{self.total} ", item, after)
        self.drawn = now

    def end(self) -> None:
        self._draw("")

    def _draw(self, before: str, item: str = "", after: str = "") -> None:
        """One line that fits the terminal: a long item loses its start (`…/parts/a.stl`)
        before the count or the time left lose anything."""
        room = _columns(self.stream) - 1 - len(before) - len(after)
        if len(item) > room:
            item = "…" + item[len(item) - room + 1 :] if room > 1 else ""
        line = (before + item + after)[: _columns(self.stream) - 1]
        self.stream.write("\r" + line.ljust(self.width) + ("\r" if not line else ""))
        self.stream.flush()
        self.width = len(line)


def _columns(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns >= 20 else 80  # a pseudo-terminal may say 0


def progress_on(stream: TextIO | None = None) -> Progress:
    """Progress on `stream` (stderr) if it is a terminal, else none."""
    stream = stream if stream is not None else sys.stderr
    try:
        terminal = stream.isatty()
    except (ValueError, AttributeError):  # a closed or replaced stream
        terminal = False
    return TerminalProgress(stream) if terminal else SILENT

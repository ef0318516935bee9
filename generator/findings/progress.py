"""How a long step reports its progress: the stage says what it does, how many items it
has and which it is on; the command line decides whether and how to show it
(generator.reporters.progress draws it on a terminal). Stages default to saying nothing."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def begin(self, what: str, total: int) -> None:
        """A step of `total` items starts, such as ("analysing parts", 12)."""

    def advance(self, item: str) -> None:
        """One more item is done; `item` names it (a file, a page)."""

    def end(self) -> None:
        """The step is over (also when it stopped early)."""


class Silent:
    """Progress that shows nothing: the default of every stage, and of a command whose
    output goes to a file or a pipe."""

    def begin(self, what: str, total: int) -> None:
        pass

    def advance(self, item: str) -> None:
        pass

    def end(self) -> None:
        pass


SILENT = Silent()

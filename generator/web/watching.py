"""How `makelocal serve` sees a change: by the system's file events, not by polling.

MkDocs' live-reload server polls: every watched file is looked at twice a second
(watchdog's PollingObserver), which kept 70 % of a core busy with nothing to do at 10,000
designs and made each edit wait for a pass over every file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)


def watch_by_system_events(server: Any) -> SystemEvents | None:
    """What MkDocs' `server` watches from now on is watched by the system's file events
    (what it watched before keeps being polled: a few small folders); the watcher, which
    also says which files changed."""
    from watchdog.observers.polling import PollingObserver

    if isinstance(server.observer, PollingObserver):
        server.observer = SystemEvents(server.observer)
    return server.observer if isinstance(server.observer, SystemEvents) else None


class SystemEvents:
    """What MkDocs' server watches with: its polling observer, which keeps what MkDocs
    watched before the hook ran (a few small folders), and the system's own file events
    (inotify, FSEvents...) for every path watched after, the records' folders first.

    A path the system refuses to watch (too many watches) is polled instead.

    The files it saw change are kept until taken (`changed`): serve's quick preview
    (generator.web.preview) looks at which they are. A change seen by polling is not kept,
    and a build that finds none kept rebuilds without a preview."""

    def __init__(self, polling: Any) -> None:
        from watchdog.observers import Observer

        self.polling = polling
        self.native = Observer()
        self._changed: set[str] = set()
        self._lock = threading.Lock()

    def changed(self) -> set[str]:
        """The files changed since the last call (absolute paths)."""
        with self._lock:
            taken, self._changed = self._changed, set()
        return taken

    def _saw(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "")]
        with self._lock:
            self._changed.update(os.fsdecode(p) for p in paths if p)

    def schedule(self, handler: Any, path: str, recursive: bool = True) -> Any:
        try:
            return self.native.schedule(
                _Changes(handler, self._saw), path, recursive=recursive, event_filter=CHANGES
            )
        except OSError:
            return self.polling.schedule(handler, path, recursive=recursive)

    def unschedule(self, watch: Any) -> None:
        for observer in (self.native, self.polling):
            try:
                observer.unschedule(watch)
                return
            except KeyError:
                continue

    def start(self) -> None:
        self.native.start()
        self.polling.start()

    def stop(self) -> None:
        self.native.stop()
        self.polling.stop()

    def join(self) -> None:
        self.native.join()
        self.polling.join()


# The events that change a file or folder. The system is asked for these only: it also
# tells when a file or folder is opened or closed unchanged, which every build does to every
# record, and each would start another build. Asked for every event, watchdog took 10.6 s
# to start watching 10,000 designs (30,001 folders; median of 3): it read the opening of
# each folder its own walk over them caused. Asked for these, 1.9 s (median of 4).
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _Changes(FileSystemEventHandler):
    """A handler that also keeps which files changed."""

    def __init__(
        self, handler: FileSystemEventHandler, saw: Callable[[FileSystemEvent], None]
    ) -> None:
        self.handler = handler
        self.saw = saw

    def dispatch(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.saw(event)
        self.handler.dispatch(event)

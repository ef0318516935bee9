"""What `makelocal serve`'s watcher asks the system for, and what it sees."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from generator.web.watching import SystemEvents


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.any = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.any.set()


Watched = tuple[Path, SystemEvents, _Seen]


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[Watched]:
    (tmp_path / "design").mkdir()
    (tmp_path / "design" / "design.yml").write_text("id: design\n", "utf-8")
    seen = _Seen()
    watcher = SystemEvents(PollingObserver())
    watcher.schedule(seen, str(tmp_path), recursive=True)
    watcher.start()  # the system's watches are set up when it returns
    yield tmp_path, watcher, seen
    watcher.stop()
    watcher.join()


@pytest.mark.skipif(sys.platform != "linux", reason="inotify's event mask")
def test_the_system_is_not_asked_for_files_opened_or_read(watched: Watched) -> None:
    from watchdog.observers.inotify_c import InotifyConstants

    _, watcher, _ = watched
    unwanted = (
        InotifyConstants.IN_OPEN | InotifyConstants.IN_CLOSE_NOWRITE | InotifyConstants.IN_ACCESS
    )
    masks = [emitter.get_event_mask_from_filter() for emitter in watcher.native.emitters]
    assert masks and all(mask & unwanted == 0 for mask in masks)


def test_reading_every_file_is_no_change_and_writing_one_is(watched: Watched) -> None:
    root, watcher, seen = watched
    for _ in range(20):
        (root / "design" / "design.yml").read_text("utf-8")
        list((root / "design").iterdir())
    time.sleep(0.5)
    assert seen.events == [] and watcher.changed() == set()
    (root / "design" / "parts").mkdir()
    (root / "design" / "parts" / "clip.stl").write_bytes(b"solid clip\nendsolid clip\n")
    (root / "design" / "design.yml").write_text("id: design\ntitle: Clip\n", "utf-8")
    deadline = time.monotonic() + 10
    changed: set[str] = set()
    while time.monotonic() < deadline and len(changed) < 2:
        seen.any.wait(0.2)
        changed |= watcher.changed()
    assert changed == {
        str(root / "design" / "parts" / "clip.stl"),
        str(root / "design" / "design.yml"),
    }

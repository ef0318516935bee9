"""Where the repository is: `--root`, or the nearest folder holding records."""

from __future__ import annotations

from pathlib import Path

# A repository holds at least one of these folders.
ROOT_FOLDERS = ("catalog", "designs")


class RootError(Exception):
    """No repository where makelocal was pointed; the message says what to do."""


def find_root(given: str | None, start: Path) -> Path:
    """The repository: `--root` as given, else `start` or the nearest folder above it that
    holds catalog/ or designs/, so makelocal also works from inside a design's folder."""

    def holds_records(folder: Path) -> bool:
        return any((folder / name).is_dir() for name in ROOT_FOLDERS)

    if given is not None:
        if not holds_records(Path(given)):
            raise RootError(
                f"{given} holds no catalog/ or designs/ folder: give the repository's "
                "folder as --root"
            )
        return Path(given)
    for folder in (start, *start.parents):
        if holds_records(folder):
            return folder
    raise RootError(
        f"{start} is not in a MakeLocal repository (neither it nor a folder above it holds "
        "catalog/ or designs/): run makelocal inside the repository, or give --root"
    )

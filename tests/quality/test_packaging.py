"""The package installs without warnings because what it holds is declared, not guessed:
setuptools takes every folder of data (templates/, assets/...) for a package of its own
unless told otherwise, and then prints a "Package would be ignored" warning for each, some
110 lines on every `make site`. Every file the package reads must still be in the wheel.

Building a wheel needs setuptools from the network; these checks read pyproject.toml as
setuptools does, so they run anywhere.
"""

from __future__ import annotations

import subprocess
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def tracked(folder: str) -> list[PurePosixPath]:
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", folder], capture_output=True, text=True, check=True
    ).stdout
    return [PurePosixPath(line) for line in listing.splitlines()]


def packages() -> set[str]:
    """The packages setuptools finds with `namespaces = false`: folders with __init__.py."""
    return {
        ".".join(path.parent.parts) for path in tracked("generator") if path.name == "__init__.py"
    }


def test_packages_are_found_as_declared_and_data_is_not_guessed() -> None:
    assert CONFIG["packages"]["find"] == {"include": ["generator*"], "namespaces": False}
    assert CONFIG["include-package-data"] is False
    # An editable install of a flat layout without this prints a warning of its own.
    assert CONFIG["package-dir"] == {"": "."}


def test_every_folder_of_code_is_a_package() -> None:
    """A folder of modules without __init__.py would be left out of the wheel."""
    folders = {".".join(p.parent.parts) for p in tracked("generator") if p.suffix == ".py"}
    assert folders <= packages()


def test_every_data_file_is_declared_package_data() -> None:
    """Each file the package ships that is not code matches a package-data pattern of the
    package it lies in, so the wheel (and a non-editable install) holds it."""
    declared: dict[str, list[str]] = CONFIG["package-data"]
    found = packages()
    missing = []
    for path in tracked("generator"):
        if path.suffix == ".py":
            continue
        owner = next(
            ".".join(path.parts[:n])
            for n in range(len(path.parts) - 1, 0, -1)
            if ".".join(path.parts[:n]) in found
        )
        inside = PurePosixPath(*path.parts[len(owner.split(".")) :]).as_posix()
        patterns = declared.get(owner, [])
        if not any(
            fnmatchcase(inside, p) or fnmatchcase(inside, p.replace("**/", "")) for p in patterns
        ):
            missing.append(path.as_posix())
    assert missing == [], f"declare these in [tool.setuptools.package-data]: {missing}"


def test_no_data_pattern_is_left_over() -> None:
    """Each package-data pattern matches a file: a pattern for a folder that moved hides
    that the folder's new place is not declared."""
    files = [p for p in tracked("generator") if p.suffix != ".py"]
    for package, patterns in CONFIG["package-data"].items():
        prefix = PurePosixPath(*package.split("."))
        inside = [p.relative_to(prefix).as_posix() for p in files if p.is_relative_to(prefix)]
        for pattern in patterns:
            assert any(
                fnmatchcase(name, pattern) or fnmatchcase(name, pattern.replace("**/", ""))
                for name in inside
            ), f"{package}: {pattern} matches no file"

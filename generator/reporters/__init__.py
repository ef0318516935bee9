"""Reporters by name: each renders validation findings, the analysis of parts and the
pull-request report in one format (after check-jsonschema's reporters by name).

The command line's `--format` choices are this registry's names, and every command offers
every format. A reporter's module is imported when it is asked for, so that a command
loads only the format it prints.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.reporters.base import Reporter


def _text() -> Reporter:
    from generator.reporters.text import TextReporter

    return TextReporter()


def _json() -> Reporter:
    from generator.reporters.json import JsonReporter

    return JsonReporter()


def _github() -> Reporter:
    from generator.reporters.github import GithubReporter

    return GithubReporter()


def _markdown() -> Reporter:
    from generator.reporters.markdown import MarkdownReporter

    return MarkdownReporter()


_BY_NAME: dict[str, Callable[[], Reporter]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "markdown": _markdown,
}
NAMES = tuple(_BY_NAME)


def reporter(name: str) -> Reporter:
    """The reporter called `name`, one of NAMES."""
    return _BY_NAME[name]()


__all__ = ["NAMES", "Reporter", "reporter"]

"""Reporters by name: each renders validation findings, the analysis of parts and the
pull-request report in one format (after check-jsonschema's reporters).

The command line's `--format` choices are this registry's names; every command offers
every format.
"""

from __future__ import annotations

from generator.reporters.base import Reporter
from generator.reporters.github import GithubReporter
from generator.reporters.json import JsonReporter
from generator.reporters.markdown import MarkdownReporter
from generator.reporters.text import TextReporter

REPORTERS: dict[str, Reporter] = {
    reporter.name: reporter
    for reporter in (TextReporter(), JsonReporter(), GithubReporter(), MarkdownReporter())
}

__all__ = ["REPORTERS", "Reporter"]

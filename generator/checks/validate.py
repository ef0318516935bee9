"""Validation: every record against its JSON Schema, then the rules across records.

Pure apart from reading the STL parts: takes a loaded Catalog (records plus the listing
of each design folder) and returns findings. Reading the records happens in
generator.records.catalog.
"""

from __future__ import annotations

from generator.checks.context import RuleContext
from generator.checks.rules import rule_findings
from generator.checks.schema import schema_findings
from generator.checks.translations import translation_findings
from generator.findings import Finding
from generator.records.catalog import Catalog


def validate_catalog(catalog: Catalog) -> list[Finding]:
    """Every finding for the catalogue: loading, schema, then the rules across records, then
    the translations.

    Records that fail their schema are still checked across records where their data
    allows, so a contributor sees all problems in one run.
    """
    findings = list(catalog.findings)
    for record in catalog.records:
        findings.extend(schema_findings(record))
    context = RuleContext.of(catalog)
    for record in catalog.records:
        if isinstance(record.data, dict):
            findings.extend(rule_findings(record, context))
    findings.extend(translation_findings(catalog))
    return sorted(set(findings))

"""JSON for tools: the findings with their counts, every part's analysis in its cached
form, and the pull-request report with everything the comment shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from generator.analysis.codec import to_json
from generator.findings import Finding, counts
from generator.reporters.base import Reporter

if TYPE_CHECKING:
    from generator.analysis.results import PartResult, PartWithoutMesh
    from generator.contrib.pr_report import Report
    from generator.makeit.plan import Plan


class JsonReporter(Reporter):
    name = "json"

    def findings(self, findings: Sequence[Finding], checked: int) -> str:
        errors, warnings = counts(list(findings))
        payload = {
            "checked": checked,
            "errors": errors,
            "warnings": warnings,
            "findings": [asdict(f) for f in sorted(findings)],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)

    def analysis(self, parts: Sequence[PartResult], without_mesh: Sequence[PartWithoutMesh]) -> str:
        from generator.analysis.results import ANALYSER_VERSION

        document = {
            "analyser_version": ANALYSER_VERSION,
            "parts": [to_json(part) for part in parts],
            "without_mesh": [to_json(part) for part in without_mesh],
        }
        return json.dumps(document, indent=2, allow_nan=False)

    def pr_report(self, report: Report) -> str:
        payload = {
            "base": report.base,
            "errors": report.errors,
            "warnings": report.warnings,
            "everything_checked": report.everything,
            "changed_files": [asdict(f) for f in report.files],
            "checked_records": report.checked,
            "referencing_records": report.referencing,
            "findings": [asdict(f) for f in report.findings],
            "designs": [to_json(d) for d in report.designs],
            "records": [asdict(r) for r in report.records],
            "evidence_changes": [asdict(e) for e in report.evidence],
            "analysis_errors": report.analysis_errors,
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)

    def plan(self, batch: Plan) -> str:
        document = {**to_json(batch), "cost_batch": batch.cost_batch}
        return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)

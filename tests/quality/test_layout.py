"""The package's tree is the pipeline: each stage imports only from the stages before it,
and modules and functions stay small enough to read.

Stages, in the order the data flows: findings (the vocabulary every stage reports in),
records (load), checks, analysis, makeit (make it here), web. The edges (the command
line, the reporters and the contributor tools) may use any stage; no stage uses them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
STAGES = ("findings", "records", "checks", "analysis", "makeit", "web")
EDGES = ("cli", "reporters", "contrib")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# A longer function says why in its docstring, with these words.
LONG_REASON = "Long because"
MODULES = sorted(PACKAGE.rglob("*.py"))


def part_of(module: str) -> str:
    """The stage or edge a dotted module name belongs to: `generator.web.api` -> `web`."""
    parts = module.split(".")
    return parts[1].removesuffix(".py") if len(parts) > 1 else ""


def imported_modules(path: Path) -> set[str]:
    """Every `generator...` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":
                found.update(f"generator.{a.name}" for a in node.names)
            elif node.module.startswith("generator."):
                found.add(node.module)
    return found


def dotted(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def test_every_module_belongs_to_a_stage_or_an_edge() -> None:
    strays = [
        dotted(p) for p in MODULES if dotted(p) != "generator" and part_of(dotted(p)) not in
        STAGES + EDGES
    ]  # fmt: skip
    assert strays == [], "put these modules in a stage's or an edge's folder"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: dotted(p))
def test_a_stage_imports_only_earlier_stages(path: Path) -> None:
    here = part_of(dotted(path))
    if here not in STAGES:
        return  # the edges may use every stage
    backwards = sorted(
        module
        for module in imported_modules(path)
        if part_of(module) in EDGES
        or (part_of(module) in STAGES and STAGES.index(part_of(module)) > STAGES.index(here))
    )
    assert backwards == [], f"{dotted(path)} ({here}) reaches forward or into an edge"


def test_the_layering_test_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f() -> None:\n    from generator.web import api\n")
    assert imported_modules(module) == {"generator.web"}
    assert part_of("generator.web.api") == "web"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: dotted(p))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text("utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, "split this module along a real seam"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
        and LONG_REASON not in (ast.get_docstring(node) or "")
    ]
    assert long == [], f"split these, or say '{LONG_REASON} ...' in their docstring"

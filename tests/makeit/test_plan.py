"""A batch's plan: material, machine time, sheets and cost for N of a design, from the real
analysis of fixture parts; `makelocal plan` prints it, and the design page's calculator
gives the same numbers in the browser."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from generator.analysis.results import PartAnalysis, PartResult
from generator.analysis.runner import CACHE_FOLDER, Settings, run, select_jobs
from generator.cli import main
from generator.makeit.plan import Plan, PlanError, Price, plan
from generator.records.catalog import Catalog, load_catalog
from generator.web.build import build_site
from tests.conftest import FIXTURES, make_repo, requires_chromium


def analysed(repo: Path) -> tuple[Catalog, dict[str, PartResult]]:
    catalog = load_catalog(repo)
    results = run(select_jobs(catalog, [], None), Settings(cache=repo / CACHE_FOLDER, workers=1))
    return catalog, {f"{r.analysed.design}/{r.analysed.part}": r for r in results}


def planned(repo: Path, design: str, quantity: int, prices: dict[str, Price]) -> Plan:
    catalog, analyses = analysed(repo)
    return plan(
        design,
        catalog.designs[design].data,
        analyses,
        {i: r.data for i, r in catalog.processes.items()},
        {i: r.data for i, r in catalog.materials.items()},
        quantity,
        prices,
    )


@pytest.fixture(scope="module")
def flat_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("flat"), FIXTURES / "valid/flat-part")


def test_a_batch_of_printed_and_cut_parts(flat_repo: Path) -> None:
    _, analyses = analysed(flat_repo)
    clip = analyses["flat-part/clip"]
    pad = analyses["flat-part/pad"]
    assert isinstance(clip, PartAnalysis) and isinstance(pad, PartAnalysis)
    (plastic,) = clip.analysis.materials
    (felt,) = pad.analysis.materials
    assert plastic.filament is not None and plastic.mass_g and felt.mass_g
    batch = planned(flat_repo, "flat-part", 37, {"test-plastic": Price(2.5, None)})
    by_material = {m.material: m for m in batch.materials}
    # Two clips and one pad a product.
    assert by_material["test-plastic"].kg_batch == pytest.approx(2 * plastic.mass_g * 37 / 1000)
    assert by_material["test-felt"].kg_batch == pytest.approx(felt.mass_g * 37 / 1000)
    assert by_material["test-plastic"].cost_batch == pytest.approx(
        2 * plastic.mass_g * 37 / 1000 * 2.5
    )
    assert by_material["test-felt"].cost_batch is None  # no price: none assumed
    assert batch.cost_batch is None
    (printing,) = batch.machines
    assert printing.hours_batch == pytest.approx(2 * plastic.filament.print_time_min * 37 / 60)
    (sheets,) = batch.stock
    assert pad.analysis.flat is not None and pad.analysis.flat.pieces_per_sheet
    assert sheets.batch == math.ceil(37 / pad.analysis.flat.pieces_per_sheet)
    assert any("Test cutting gives no time" in said for said in batch.not_estimated)


def test_a_quantity_below_one_is_refused(flat_repo: Path) -> None:
    with pytest.raises(PlanError, match="from 1"):
        planned(flat_repo, "flat-part", 0, {})


def test_the_command_prints_the_plan(flat_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(flat_repo), "plan", "flat-part", "--quantity", "37",
                 "--price", "test-plastic=2.5/kg", "--format", "json"])  # fmt: skip
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    batch = planned(flat_repo, "flat-part", 37, {"test-plastic": Price(2.5, None)})
    assert printed["quantity"] == 37
    assert printed["materials"][0]["kg_batch"] == pytest.approx(batch.materials[0].kg_batch)
    assert main(["--root", str(flat_repo), "plan", "flat-part", "--price", "oops"]) == 2
    assert "MATERIAL=AMOUNT/kg" in capsys.readouterr().err
    assert main(["--root", str(flat_repo), "plan", "no-such-design"]) == 2


@requires_chromium
def test_the_page_and_the_command_agree(browser: Any, flat_repo: Path, tmp_path: Path) -> None:
    build_site(flat_repo, tmp_path / "site")
    batch = planned(flat_repo, "flat-part", 37, {"test-plastic": Price(2.5, None)})
    page = browser.new_page()
    page.goto((tmp_path / "site/design/flat-part.html").as_uri())
    page.evaluate("window.localStorage.clear()")
    page.fill("input[name=quantity]", "37")
    page.fill("input[name=price-test-plastic]", "2.5")
    rows = page.eval_on_selector_all(
        ".ml-batch__result tbody tr",
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent))",
    )
    table = {row[0]: row[1:] for row in rows}
    by_material = {m.name: m for m in batch.materials}
    for name, total in by_material.items():
        assert table[name][1] == f"{total.kg_batch:,.2f} kg"
    plastic = by_material["Test plastic"]
    assert plastic.cost_batch is not None
    assert table["Cost of Test plastic"][1] == f"{plastic.cost_batch:,.2f}"
    (printing,) = batch.machines
    assert table[f"{printing.name} time"][1] == f"{printing.hours_batch:,.1f} h"
    (sheets,) = batch.stock
    assert table["Sheets"][1] == f"{sheets.batch:g} sheet{'' if sheets.batch == 1 else 's'}"
    page.close()

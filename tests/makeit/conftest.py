"""A constructed catalogue whose answers are worked out by hand in the tests.

The base fixture catalogue (test-printing, test-plastic, test-maker, test-clip) plus
tests/fixtures/make-it-here: processes printing (small printer 100 mm cube, big printer
300 mm cube), moulding (press 200 x 200 x 50 mm) and sewing (no machines); materials
plastic-a (printing, moulding), plastic-b (printing) and fibre (sewing); makers print-shop,
mould-shop and hidden-shop; designs my-clip, band, bag, box, strap, rod and hook-kit (a
printed base, and a hook moulded or printed: two alternatives). Part sizes are set here,
as the analysis would give them, so the answers do not depend on the STL files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.analysis.results import (
    ANALYSER_VERSION,
    AnalysedFile,
    Analysis,
    Geometry,
    MeshHealth,
    PartAnalysis,
    PartResult,
    Printability,
    ProfileUsed,
)
from generator.makeit.inputs import Catalogue
from generator.records.catalog import Catalog, load_catalog
from generator.records.facts import visible_maker
from generator.web.match_page import match_inputs
from tests.conftest import FIXTURES

CATALOGUE = FIXTURES / "make-it-here"
SIZES: dict[str, tuple[float, float, float]] = {
    "my-clip/clip": (50, 20, 10),
    "band/band": (250, 30, 12),
    "box/lid": (150, 150, 20),
    "box/body": (90, 90, 90),
    "strap/strap": (60, 10, 2),
    "rod/rod": (120, 10, 10),
    "hook-kit/base": (90, 90, 10),
    "hook-kit/moulded-hook": (40, 10, 10),
    "hook-kit/printed-hook": (40, 10, 10),
    "test-clip/clip": (30, 10, 5),
}


def sized(key: str, size: tuple[float, float, float]) -> PartAnalysis:
    """The analysis of a closed box of `size` mm, with nothing to remark on."""
    design, part = key.split("/")
    return PartAnalysis(
        analysed=AnalysedFile(
            file=f"designs/{design}/parts/{part}.stl",
            design=design,
            part=part,
            quantity=1,
            sha256="0" * 64,
            analyser_version=ANALYSER_VERSION,
        ),
        analysis=Analysis(
            process=None,
            mesh=MeshHealth(
                faces=12,
                vertices=8,
                bodies=1,
                watertight=True,
                winding_consistent=True,
                inverted=False,
                degenerate_faces=0,
                open_edges=0,
                non_manifold_edges=0,
                manifold_test="edge use: every edge shared by exactly two faces",
                merge_tolerance_mm=0.0002,
                open_edges_exact_match=0,
            ),
            geometry=Geometry(
                size_mm=size,
                volume_cm3=size[0] * size[1] * size[2] / 1000,
                surface_area_cm2=2 * (size[0] * size[1] + size[1] * size[2] + size[0] * size[2]),
                centre_of_mass_mm=(size[0] / 2, size[1] / 2, size[2] / 2),
            ),
            overlapping_shells=False,
            grid_mm=0.1,
            printability=Printability(
                orientation="as exported (z up)",
                max_overhang_deg=None,
                overhang_area_mm2=None,
                min_wall_mm=None,
                thin_walls=None,
                machines=(),
            ),
            materials=(),
            profile=ProfileUsed(model=None, name=""),
            verdict="ready",
            reasons=(),
        ),
        seconds=0.0,
    )


ANALYSES: dict[str, PartResult] = {key: sized(key, size) for key, size in SIZES.items()}


@pytest.fixture
def match_catalog(match_repo: Path) -> Catalog:
    return load_catalog(match_repo)


@pytest.fixture
def inputs(match_catalog: Catalog) -> tuple[Catalogue, dict[str, Any]]:
    return match_inputs(match_catalog, ANALYSES, visible_maker)

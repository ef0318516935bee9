"""Support as material: where PrusaSlicer would build it, its grams and minutes in the
part's figures, and "needs supports" only above the stated threshold.

The PrusaSlicer figures are PrusaSlicer 2.5's own, sliced with the reference profile
(generator/analysis/profiles/) and `--support-material --support-material-threshold 43`
(the process's 45 degree rule; PrusaSlicer adds one degree to make its threshold
inclusive), less the same part sliced without support; benchmarks/fdm_accuracy.py
measures them on every part.
"""

from __future__ import annotations

import re

import pytest
import trimesh
from shapely.geometry import Polygon

from generator.analysis.print_settings import PrintSettings
from generator.analysis.printability import analyse
from generator.analysis.results import Analysis
from generator.analysis.support import NEEDED_CONTACT_MM2
from tests.analysis import shapes
from tests.analysis.test_analysis import FDM, PLA, run


def shelf(posts: int) -> trimesh.Trimesh:
    """A 3 mm slab 30 mm up, 12 mm deep: on one 5 mm post with 15 mm held out (a shelf),
    or across two posts 30 mm apart (a table)."""
    if posts == 1:
        outline = [(0, 0), (5, 0), (5, 30), (20, 30), (20, 33), (0, 33)]
    else:
        outline = [(0, 0), (5, 0), (5, 30), (35, 30), (35, 0), (40, 0), (40, 33), (0, 33)]
    return shapes._standing(Polygon(outline), 12)


def support_g(result: Analysis) -> float:
    use = result.materials[0].filament
    assert use is not None and use.support_g is not None
    return use.support_g


@pytest.mark.parametrize(
    ("make", "slicer_g"),
    [(shapes.torus, 1.52), (shapes.sphere, 1.08), (shapes.bowl, 7.22), (lambda: shelf(1), 2.60)],
    ids=["torus", "sphere", "bowl", "shelf"],
)
def test_parts_that_need_support_get_its_grams_near_prusaslicers(
    make: object, slicer_g: float
) -> None:
    result = run(make())  # type: ignore[operator]
    held = result.printability.support
    assert held is not None and held.support_needed
    assert held.support_contact_mm2 > NEEDED_CONTACT_MM2
    # Support is a sparse grid, not the space under the overhangs filled.
    assert support_g(result) == pytest.approx(slicer_g, rel=0.35)


def test_a_slab_between_two_walls_is_bridged_not_supported() -> None:
    """PrusaSlicer builds no support under it (dont_support_bridges), for any length."""
    result = run(shelf(2))
    held = result.printability.support
    assert held is not None and not held.support_needed and held.support_contact_mm2 == 0
    assert not any("needs supports" in r.message for r in result.reasons)


@pytest.mark.parametrize("make", [shapes.headband_stack, shapes.ear_saver_stack])
def test_stacks_designed_without_support_are_not_told_to_use_it(make: object) -> None:
    """Each band rests on the one below across a 0.2 mm gap: the contact gap leaves no
    room for support, so none holds the part up."""
    result = run(make())  # type: ignore[operator]
    checks = result.printability
    assert checks.overhang_area_mm2 is not None and checks.overhang_area_mm2 > 1000
    assert checks.support is not None and not checks.support.support_needed
    use = result.materials[0].filament
    assert use is not None and use.support_g is None  # nothing added to the figures
    assert result.verdict == "ready" or not any("supports" in r.message for r in result.reasons)
    (told,) = (r for r in result.reasons if "no supports are needed" in r.message)
    assert told.level == "info"


def test_the_words_give_the_same_figures_as_the_result() -> None:
    result = run(shapes.hook())
    checks = result.printability
    assert checks.support is not None
    use = result.materials[0].filament
    assert use is not None and use.support_g is not None
    (words,) = (r.message for r in result.reasons if "needs supports" in r.message)
    volume, grams, minutes, area = (
        float(re.search(pattern, words).group(1))  # type: ignore[union-attr]
        for pattern in (
            r"about ([\d.]+) cm3 of support material",
            r"material \(([\d.]+) g\)",
            r"and ([\d.]+) min",
            r"hold up (\d+) mm2",
        )
    )
    assert volume == checks.support_volume_cm3
    assert grams == use.support_g
    assert minutes == checks.support.support_print_time_min
    assert area == round(checks.support.support_contact_mm2)
    assert f"more than {NEEDED_CONTACT_MM2:g} mm2" in words


def test_the_support_is_in_the_parts_figures() -> None:
    result = run(shapes.hook())
    profile = result.profile
    assert profile.breakdown_cm3 is not None and profile.time_breakdown_min is not None
    use = result.materials[0].filament
    assert use is not None and use.mass_g is not None
    support_cm3 = profile.breakdown_cm3["support"]
    assert support_cm3 == pytest.approx(result.printability.support_volume_cm3, abs=1e-3)
    assert sum(profile.breakdown_cm3.values()) == pytest.approx(use.volume_cm3, abs=2e-3)
    assert use.support_g == pytest.approx(support_cm3 * 1.24, abs=0.01)
    minutes = sum(profile.time_breakdown_min.values())
    assert minutes == pytest.approx(use.print_time_min, abs=0.1)


def test_support_below_the_threshold_adds_nothing() -> None:
    """A small overhang: a few lines of support at most, left to the slicer."""
    post = trimesh.creation.box((10, 10, 20)).apply_translation((5, 5, 10))
    lip = trimesh.creation.box((2, 10, 2)).apply_translation((11, 5, 19))
    result = run(trimesh.util.concatenate([post, lip]))
    held = result.printability.support
    assert held is not None and 0 < held.support_contact_mm2 <= NEEDED_CONTACT_MM2
    assert not held.support_needed
    assert result.materials[0].filament is not None
    assert result.materials[0].filament.support_g is None
    assert "support" not in (result.profile.breakdown_cm3 or {})


def test_what_the_design_recommends_decides_whether_support_is_in_the_figures() -> None:
    hook = shapes.hook().triangles.copy()
    alone = analyse(hook, FDM, {"pla": PLA}, settings=PrintSettings(supports=False))
    supported = analyse(hook, FDM, {"pla": PLA}, settings=PrintSettings(supports=True))
    by_rule = run(shapes.hook())
    without, with_ = alone.materials[0].filament, supported.materials[0].filament
    assert without is not None and with_ is not None and without.support_g is None
    assert with_.support_g == by_rule.materials[0].filament.support_g  # type: ignore[union-attr]
    assert with_.print_time_min > without.print_time_min
    assert not any("needs supports" in r.message for r in (*alone.reasons, *supported.reasons))
    (said,) = (r for r in alone.reasons if "without supports, as the design" in r.message)
    assert said.level == "info" and "the figures leave support out" in said.message
    (said,) = (r for r in supported.reasons if "with supports, as the design" in r.message)
    assert f"({with_.support_g:g} g)" in said.message

"""Solid infill beside slopes (generator.analysis.shells), as PrusaSlicer's shell rules
lay it: the top (bottom) strip of each of the next layers above (below) a slope is solid
where it lies in the infill area, which a slope reaches only if it runs on far enough."""

from __future__ import annotations

import math

import numpy as np
import pytest
import trimesh

from generator.analysis import bitgrid
from generator.analysis.fdm import slice_for_fdm
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.mesh import index
from generator.analysis.shells import NARROW_WIDTHS, regions
from tests.analysis import shapes

PROFILE = FdmProfile()  # the reference profile: 0.2 mm layers, 2 perimeters, 5 top layers
# How far inside the outline the infill area starts: the perimeters, less the infill's
# overlap into them (0.73 mm).
INFILL_EDGE = PROFILE.perimeter_depth - PROFILE.infill_overlap * PROFILE.spacing


def middle_solid_mm2(mesh: trimesh.Trimesh) -> np.ndarray:
    """Solid infill (mm2) of each layer clear of the bar's top and bottom shells and of
    the ends of its ridges or slope (1 to 7 mm up)."""
    layers, radius = slice_for_fdm(index(mesh.triangles.copy()).corners, PROFILE)
    solid = bitgrid.count(regions(layers, radius, PROFILE).solid) * layers.pixel**2
    first = math.ceil(1 / PROFILE.layer_height) + PROFILE.bottom_solid_layers
    last = math.floor(7 / PROFILE.layer_height) - PROFILE.top_solid_layers
    return solid[first:last]


@pytest.mark.parametrize("depth", [0.3, 0.6])
def test_ridges_shallower_than_the_perimeters_leave_no_solid_infill(depth: float) -> None:
    """Thread-like ridges whose 30-degree flanks alone would count as slopes: a strip of a
    layer above lies at most the ridge's depth inside a layer's outline, short of its
    infill area, so PrusaSlicer fills none of it solid (2.5, reference profile: no solid
    infill on these layers of ridged_bar(0.6); polycutter-lite-608's threaded cutter was
    20 % heavier than PrusaSlicer's when the flanks counted as slopes)."""
    assert depth < INFILL_EDGE
    assert middle_solid_mm2(shapes.ridged_bar(depth)).max() == 0


def test_a_slope_that_runs_on_leaves_its_band_of_solid_infill() -> None:
    """A side sloping in at 30 degrees all the way up: the top strips of the next five
    layers lie 0 to 5 x 0.35 mm inside a layer's outline, past its infill edge, and the
    solid they leave there is too narrow, so it grows by three solid widths: a band from
    the infill edge to 5 x 0.35 + 1.35 mm, as long as the infill area is (the bar's 20 mm
    less the perimeters at both ends): 43 mm2. PrusaSlicer 2.5 lays 8.6 mm3 of solid
    infill on each of these layers of sloped_bar(30), 43 mm2 at 0.2 mm."""
    run = PROFILE.layer_height / math.tan(math.radians(30))
    inner = PROFILE.top_solid_layers * run + NARROW_WIDTHS * PROFILE.extrusion_width
    band = (inner - INFILL_EDGE) * (20 - 2 * PROFILE.perimeter_depth)
    solid = middle_solid_mm2(shapes.sloped_bar(30))
    assert np.median(solid) == pytest.approx(band, rel=0.1)


def test_deep_ridges_keep_their_bands() -> None:
    """Ridges three times as deep as the perimeters: the strips of the layers above reach
    the infill area along the flanks, which then have solid infill beside them (as in
    PrusaSlicer 2.5: 6 to 9 mm3 a layer, none where a flank's strips stay in the
    perimeters)."""
    assert np.median(middle_solid_mm2(shapes.ridged_bar(2.4))) > 10

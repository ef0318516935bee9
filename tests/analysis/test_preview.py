"""The software preview renderer."""

from __future__ import annotations

import io
from pathlib import Path

import ezdxf
import numpy as np
from PIL import Image

from generator.analysis.preview import render_png
from generator.analysis.results import PartAnalysis
from generator.analysis.runner import Job, Settings, analyse_job
from tests.analysis import shapes


def test_preview_is_a_small_png_showing_the_part() -> None:
    image = Image.open(io.BytesIO(render_png(shapes.hook().triangles)))
    assert image.format == "PNG" and image.size == (256, 256)
    alpha = np.asarray(image)[:, :, 3]
    assert alpha[0, 0] == 0  # transparent background
    assert 0.03 < (alpha > 0).mean() < 0.8
    shades = np.unique(np.asarray(image)[alpha == 255][:, 2])
    assert len(shades) > 5  # shaded, not a flat silhouette


def test_a_drawing_is_shown_the_right_way_up(tmp_path: Path) -> None:
    """An SVG's y runs down the page and a DXF's up; both pictures of a T, drawn with its
    bar at the top of the page, show the bar at the top."""
    tee = tmp_path / "tee.svg"
    tee.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" '
        'viewBox="0 0 100 100"><path d="M0 0 H100 V20 H60 V100 H40 V20 H0 Z"/></svg>'
    )
    document = ezdxf.new()
    document.header["$INSUNITS"] = 4
    document.modelspace().add_lwpolyline(
        [(0, 100), (100, 100), (100, 80), (60, 80), (60, 0), (40, 0), (40, 80), (0, 80)],
        close=True,
    )
    document.saveas(tmp_path / "tee.dxf")
    cutting = {"id": "cutting", "name": "Cutting", "analysis": "flat"}
    for drawing in (tee, tmp_path / "tee.dxf"):
        job = Job(path=drawing, shown=drawing.name, design=None, part=None, quantity=1,
                  process=cutting)  # fmt: skip
        result = analyse_job(job, drawing.suffix, Settings(cache=tmp_path / "cache"))
        assert isinstance(result, PartAnalysis) and result.preview_png
        filled = np.asarray(Image.open(result.preview_png))[:, :, 3] > 0
        widths = filled.sum(axis=1)[filled.any(axis=1)]  # filled pixels per row, top down
        assert widths[: len(widths) // 10].min() > 4 * widths[-len(widths) // 10 :].max()

"""The software preview renderer."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from generator.analysis.preview import render_png
from tests.analysis import shapes


def test_preview_is_a_small_png_showing_the_part() -> None:
    image = Image.open(io.BytesIO(render_png(shapes.hook().triangles)))
    assert image.format == "PNG" and image.size == (256, 256)
    alpha = np.asarray(image)[:, :, 3]
    assert alpha[0, 0] == 0  # transparent background
    assert 0.03 < (alpha > 0).mean() < 0.8
    shades = np.unique(np.asarray(image)[alpha == 255][:, 2])
    assert len(shades) > 5  # shaded, not a flat silhouette

"""A small shaded picture of a part, drawn in software (numpy z-buffer, no GPU or display)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

SIZE = 256  # pixels, square
SUPERSAMPLE = 2  # drawn at twice the size and shrunk, for smooth edges
COLOUR = np.array([86, 140, 196], dtype=float)  # a calm blue, readable on light and dark cards
LIGHT = np.array([-0.35, 0.45, 0.8])  # in view space: from upper left, in front
MAX_PAIRS = 4_000_000  # (face, pixel) candidates drawn per batch, to bound memory


def render_png(triangles: np.ndarray, size: int = SIZE) -> bytes:
    """PNG bytes of the part seen from the front-right, above (isometric-like view)."""
    image = render(triangles, size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render(triangles: np.ndarray, size: int = SIZE) -> Image.Image:
    full = size * SUPERSAMPLE
    view = _view_matrix()
    points = triangles.reshape(-1, 3) @ view.T
    low, high = points.min(axis=0), points.max(axis=0)
    scale = 0.9 * full / max(float((high - low)[:2].max()), 1e-9)
    centre = (low + high) / 2
    screen = (points - centre) * scale
    # x right, y down, depth: larger is nearer the viewer.
    xy = np.column_stack([screen[:, 0] + full / 2, full / 2 - screen[:, 1]]).reshape(-1, 3, 2)
    depth = screen[:, 2].reshape(-1, 3)
    normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    lengths = np.linalg.norm(normals, axis=1)
    normals = normals / np.where(lengths > 0, lengths, 1)[:, None]
    shade = 0.3 + 0.7 * np.abs((normals @ view.T) @ (LIGHT / np.linalg.norm(LIGHT)))
    zbuffer = np.full(full * full, -np.inf)
    colour = np.zeros(full * full)
    # Faces turned away from the viewer are hidden on a closed part: skip them.
    facing = (normals @ view.T)[:, 2] >= 0
    _rasterise(xy[facing], depth[facing], shade[facing], full, zbuffer, colour)
    covered = np.isfinite(zbuffer)
    rgba = np.zeros((full * full, 4), dtype=np.uint8)
    rgba[covered, :3] = np.clip(COLOUR[None, :] * colour[covered, None] * 1.25, 0, 255)
    rgba[covered, 3] = 255
    image = Image.fromarray(rgba.reshape(full, full, 4), "RGBA")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _view_matrix() -> np.ndarray:
    """Rotation to a view from front-right and above: 45 deg around z, then 30 deg down."""
    a, b = np.radians(45), np.radians(60)
    around_z = np.array([[np.cos(a), np.sin(a), 0], [-np.sin(a), np.cos(a), 0], [0, 0, 1]])
    tilt = np.array([[1, 0, 0], [0, np.cos(b), np.sin(b)], [0, -np.sin(b), np.cos(b)]])
    return tilt @ around_z


def _rasterise(
    xy: np.ndarray,
    depth: np.ndarray,
    shade: np.ndarray,
    full: int,
    zbuffer: np.ndarray,
    colour: np.ndarray,
) -> None:
    """Fill the z-buffer with every triangle: candidate pixels from each bounding box,
    kept where the barycentric weights are all >= 0, nearest depth wins."""
    lo = np.clip(np.floor(xy.min(axis=1)).astype(np.int64), 0, full - 1)
    hi = np.clip(np.ceil(xy.max(axis=1)).astype(np.int64), 0, full - 1)
    counts = (hi[:, 0] - lo[:, 0] + 1) * (hi[:, 1] - lo[:, 1] + 1)
    order = np.arange(len(xy))
    start = 0
    while start < len(order):
        end = start + max(1, int(np.searchsorted(np.cumsum(counts[start:]), MAX_PAIRS)))
        _batch(order[start:end], xy, depth, shade, lo, hi, counts, full, zbuffer, colour)
        start = end


def _batch(
    faces: np.ndarray,
    xy: np.ndarray,
    depth: np.ndarray,
    shade: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    counts: np.ndarray,
    full: int,
    zbuffer: np.ndarray,
    colour: np.ndarray,
) -> None:
    face = np.repeat(faces, counts[faces])
    offset = np.arange(len(face)) - np.repeat(
        np.cumsum(counts[faces]) - counts[faces], counts[faces]
    )
    width = hi[face, 0] - lo[face, 0] + 1
    px = lo[face, 0] + offset % width
    py = lo[face, 1] + offset // width
    a, b, c = xy[face, 0], xy[face, 1], xy[face, 2]
    cx, cy = px + 0.5, py + 0.5
    area = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    with np.errstate(divide="ignore", invalid="ignore"):
        w0 = ((b[:, 0] - cx) * (c[:, 1] - cy) - (b[:, 1] - cy) * (c[:, 0] - cx)) / area
        w1 = ((c[:, 0] - cx) * (a[:, 1] - cy) - (c[:, 1] - cy) * (a[:, 0] - cx)) / area
        w2 = 1 - w0 - w1
    inside = (w0 >= 0) & (w1 >= 0) & (w2 >= 0) & (area != 0)
    face, pixel = face[inside], (py * full + px)[inside]
    z = w0[inside] * depth[face, 0] + w1[inside] * depth[face, 1] + w2[inside] * depth[face, 2]
    # Nearest wins: raise the z-buffer, then colour the pixels whose candidate reached it.
    np.maximum.at(zbuffer, pixel, z)
    winner = z >= zbuffer[pixel]
    colour[pixel[winner]] = shade[face[winner]]

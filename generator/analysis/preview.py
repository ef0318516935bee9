"""A small picture of a part, drawn in software (no GPU or display): a mesh shaded with a
numpy z-buffer, flat pieces filled from above."""

from __future__ import annotations

import functools
import io
import struct
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from generator.analysis.bitgrid import expand
from generator.analysis.mesh import corners_of, cross_of, dot3, max3, min3, sum3

# Pillow and shapely take a while to import (Pillow's saving loads five image formats),
# and only the outlines of drawings need them: a mesh's picture is numpy and zlib.
if TYPE_CHECKING:
    from shapely.geometry import Polygon

SIZE = 256  # pixels, square
SUPERSAMPLE = 2  # drawn at twice the size and shrunk, for smooth edges
COLOUR = np.array([86, 140, 196], dtype=float)  # a calm blue, readable on light and dark cards
LIGHT = np.array([-0.35, 0.45, 0.8])  # in view space: from upper left, in front
MAX_PAIRS = 4_000_000  # (face, pixel) candidates drawn per batch, to bound memory


def render_png(triangles: np.ndarray, size: int = SIZE) -> bytes:
    """PNG bytes of the part seen from the front-right, above (isometric-like view)."""
    return png(render(triangles, size))


def png(rgba: np.ndarray) -> bytes:
    """An RGBA image (rows, columns, 4 bytes) as PNG: 8 bits a channel, each row filtered
    by its difference from the pixel on the left (filter type 1, Sub: the shading changes
    little from pixel to pixel), zlib level 3 (a tenth larger than the default 6, at half
    the time)."""
    height, width, _ = rgba.shape
    rows = rgba.reshape(height, width * 4).astype(np.uint8)
    filtered = np.empty((height, width * 4 + 1), dtype=np.uint8)
    filtered[:, 0] = 1
    filtered[:, 1:5] = rows[:, :4]
    filtered[:, 5:] = rows[:, 4:] - rows[:, :-4]  # modulo 256, as the format says

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(filtered.tobytes(), 3))
        + chunk(b"IEND", b"")
    )


def render(triangles: np.ndarray, size: int = SIZE) -> np.ndarray:
    """The picture as RGBA bytes (size, size, 4)."""
    full = size * SUPERSAMPLE
    view = _view_matrix()
    corners = corners_of(triangles)
    # Screen coordinates of every corner, (3 corners, n) each: x right, y up, depth toward
    # the viewer.
    x, y, depth = (dot3(corners, row) for row in view)
    low = np.array([x.min(), y.min(), depth.min()])
    high = np.array([x.max(), y.max(), depth.max()])
    scale = 0.9 * full / max(float((high - low)[:2].max()), 1e-9)
    centre = (low + high) / 2
    x = (x - centre[0]) * scale + full / 2
    y = full / 2 - (y - centre[1]) * scale  # image rows run down
    depth = (depth - centre[2]) * scale
    normals = cross_of(corners)
    lengths = np.sqrt(sum3(normals**2))
    normals = normals / np.where(lengths > 0, lengths, 1)
    turned = np.stack([dot3(normals, row) for row in view])
    shade = 0.3 + 0.7 * np.abs(dot3(turned, LIGHT / np.linalg.norm(LIGHT)))
    # Only the window the part covers, in whole SUPERSAMPLE blocks, is drawn.
    top, left = (int(v.min()) // SUPERSAMPLE * SUPERSAMPLE for v in (y, x))
    bottom, right = (
        min(full, -(-int(np.ceil(v.max())) // SUPERSAMPLE) * SUPERSAMPLE) for v in (y, x)
    )
    shape = (bottom - top, right - left)
    zbuffer = np.full(shape[0] * shape[1], -np.inf)
    colour = np.zeros(shape[0] * shape[1])
    # Faces turned away from the viewer are hidden on a closed part: skip them.
    facing = turned[2] >= 0
    _rasterise(
        x[:, facing] - left,
        y[:, facing] - top,
        depth[:, facing],
        shade[facing],
        shape,
        zbuffer,
        colour,
    )
    # Shrink by averaging each SUPERSAMPLE x SUPERSAMPLE block over its covered pixels;
    # the share covered becomes the alpha, which smooths the outline.
    covered = _block_sums(np.isfinite(zbuffer).reshape(shape))
    light = _block_sums(colour.reshape(shape)) / np.maximum(covered, 1)
    channels = [np.minimum(light * (value * 1.25), 255) for value in COLOUR]
    channels.append(covered * (255 / SUPERSAMPLE**2))
    rgba = np.zeros((size, size, 4), dtype=np.uint8)
    rows, columns = (
        slice(top // SUPERSAMPLE, bottom // SUPERSAMPLE),
        slice(left // SUPERSAMPLE, right // SUPERSAMPLE),
    )
    rgba[rows, columns] = np.stack(channels, axis=2)
    return rgba


def _block_sums(image: np.ndarray) -> np.ndarray:
    """Sums over SUPERSAMPLE x SUPERSAMPLE blocks (strided views: numpy reduces a
    reshaped array along short axes slowly)."""
    steps = range(SUPERSAMPLE)
    blocks = (image[dy::SUPERSAMPLE, dx::SUPERSAMPLE].astype(float) for dy in steps for dx in steps)
    total: np.ndarray = functools.reduce(np.add, blocks)
    return total


def _view_matrix() -> np.ndarray:
    """Rotation to a view from front-right and above: 45 deg around z, then 30 deg down."""
    a, b = np.radians(45), np.radians(60)
    around_z = np.array([[np.cos(a), np.sin(a), 0], [-np.sin(a), np.cos(a), 0], [0, 0, 1]])
    tilt = np.array([[1, 0, 0], [0, np.cos(b), np.sin(b)], [0, -np.sin(b), np.cos(b)]])
    return tilt @ around_z


def _rasterise(
    x: np.ndarray,
    y: np.ndarray,
    depth: np.ndarray,
    shade: np.ndarray,
    shape: tuple[int, int],
    zbuffer: np.ndarray,
    colour: np.ndarray,
) -> None:
    """Fill the z-buffer (rows x columns of `shape`, flattened) with every triangle (corner
    coordinates (3, n) in pixels), row by row: in each pixel row a triangle covers one run
    of pixels, found from its three edges; nearest depth wins."""
    area = (x[1] - x[0]) * (y[2] - y[0]) - (y[1] - y[0]) * (x[2] - x[0])
    seen = area != 0
    x, y, depth, shade, area = x[:, seen], y[:, seen], depth[:, seen], shade[seen], area[seen]
    top = np.clip(np.ceil(min3(y) - 0.5), 0, shape[0]).astype(np.int64)
    bottom = np.clip(np.floor(max3(y) - 0.5), -1, shape[0] - 1).astype(np.int64)
    # Batches of faces whose pixels (at most rows x width) stay under MAX_PAIRS.
    rows = np.maximum(bottom - top + 1, 0) * np.maximum(max3(x) - min3(x), 1)
    start = 0
    while start < len(area):
        end = start + max(1, int(np.searchsorted(np.cumsum(rows[start:]), MAX_PAIRS)))
        part = slice(start, end)
        _batch(
            x[:, part],
            y[:, part],
            depth[:, part],
            shade[part],
            area[part],
            top[part],
            bottom[part],
            shape,
            zbuffer,
            colour,
        )
        start = end


def _batch(
    x: np.ndarray,
    y: np.ndarray,
    depth: np.ndarray,
    shade: np.ndarray,
    area: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    shape: tuple[int, int],
    zbuffer: np.ndarray,
    colour: np.ndarray,
) -> None:
    face, row = expand(top, bottom)
    centre = row + 0.5
    width = shape[1]
    low = np.zeros(len(face))
    high = np.full(len(face), float(width))
    for i in range(3):
        j = (i + 1) % 3
        # Inside this edge: slope * x + offset >= 0, offset = rise * y + base (all over the
        # signed area); the per-face terms are worked out once, the per-row ones after.
        slope = -(y[j] - y[i]) / area
        rise = (x[j] - x[i]) / area
        base = ((y[j] - y[i]) * x[i] - (x[j] - x[i]) * y[i]) / area
        s, offset = slope[face], rise[face] * centre + base[face]
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = -offset / s
        low = np.where(s > 0, np.maximum(low, bound), low)
        high = np.where(s < 0, np.minimum(high, bound), high)
        high = np.where((s == 0) & (offset < 0), -1.0, high)
    first = np.clip(np.ceil(low - 0.5), 0, width).astype(np.int64)
    last = np.clip(np.floor(high - 0.5), -1, width - 1).astype(np.int64)
    run, column = expand(first, last)
    # Depth on each triangle's plane: z = z0 + dx x + dy y.
    u, v = (x[1] - x[0], y[1] - y[0]), (x[2] - x[0], y[2] - y[0])
    d1, d2 = depth[1] - depth[0], depth[2] - depth[0]
    dx = (d1 * v[1] - d2 * u[1]) / area
    dy = (d2 * u[0] - d1 * v[0]) / area
    z0 = depth[0] - dx * x[0] - dy * y[0]
    face = face[run]
    z = z0[face] + dx[face] * (column + 0.5) + dy[face] * centre[run]
    pixel = row[run] * width + column
    # Nearest wins: raise the z-buffer, then colour the pixels whose candidate reached it.
    np.maximum.at(zbuffer, pixel, z)
    winner = z >= zbuffer[pixel]
    colour[pixel[winner]] = shade[face[winner]]


OUTLINE_FILL = (86, 140, 196)
OUTLINE_EDGE = (38, 70, 110)


def render_outline_png(pieces: Sequence[Polygon], size: int = SIZE) -> bytes:
    """PNG bytes of flat pieces seen from above (y up), filled, holes cut out, to scale."""
    from PIL import Image, ImageDraw
    from shapely.geometry import MultiPolygon

    full = size * SUPERSAMPLE

    low_x, low_y, high_x, high_y = MultiPolygon(list(pieces)).bounds
    scale = 0.9 * full / max(high_x - low_x, high_y - low_y, 1e-9)

    def pixels(ring: Any) -> list[tuple[float, float]]:
        # Image rows run down; the drawing's y runs up.
        return [
            (
                (x - (low_x + high_x) / 2) * scale + full / 2,
                full / 2 - (y - (low_y + high_y) / 2) * scale,
            )
            for x, y in ring.coords
        ]

    image = Image.new("RGBA", (full, full), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width = max(1, SUPERSAMPLE)
    for piece in pieces:
        draw.polygon(pixels(piece.exterior), fill=OUTLINE_FILL, outline=OUTLINE_EDGE, width=width)
        for hole in piece.interiors:
            draw.polygon(pixels(hole), fill=(0, 0, 0, 0), outline=OUTLINE_EDGE, width=width)
    buffer = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(
        buffer, format="PNG", compress_level=3
    )
    return buffer.getvalue()

"""The packed layer grids agree with the same operations on plain bool arrays (scipy.ndimage)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from scipy import ndimage

from generator.analysis import bitgrid

CROSS = ndimage.generate_binary_structure(2, 1)
SQUARE = ndimage.generate_binary_structure(2, 2)


def pack(mask: np.ndarray) -> np.ndarray:
    """A bool array (layers, rows, columns) as a grid with a whole number of words."""
    words = bitgrid.words_for(mask.shape[2])
    wide = np.zeros((*mask.shape[:2], words * bitgrid.WORD), dtype=bool)
    wide[:, :, : mask.shape[2]] = mask
    return np.packbits(wide, axis=-1, bitorder="little").view(np.uint64)


def unpack(grid: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return bitgrid.unpack(grid, mask.shape[2])


def blobs(seed: int, shape: tuple[int, int, int] = (4, 40, 150)) -> np.ndarray:
    """Random shapes with empty borders: smoothed noise, thresholded."""
    noise = np.random.default_rng(seed).random(shape)
    smooth = ndimage.uniform_filter(noise, size=(1, 5, 5))
    mask = smooth > 0.5
    mask[:, :3], mask[:, -3:], mask[:, :, :3], mask[:, :, -3:] = False, False, False, False
    return mask


def per_layer(mask: np.ndarray, op: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    return np.stack([op(layer) for layer in mask])


@pytest.mark.parametrize("seed", range(4))
def test_runs_and_fill_give_back_the_grid(seed: int) -> None:
    mask = blobs(seed)
    grid = pack(mask)
    line, start, stop = bitgrid.runs(grid)
    assert (stop > start).all()
    assert np.array_equal(unpack(bitgrid.fill(grid.shape, line, start, stop), mask), mask)


@pytest.mark.parametrize(("seed", "radius"), [(0, 1), (1, 3), (2, 4)])
def test_octagon_erosion_and_dilation(seed: int, radius: int) -> None:
    mask = blobs(seed)
    squares = round(radius * (np.sqrt(2) - 1))
    steps = [
        SQUARE if squares and step * squares // radius != (step + 1) * squares // radius else CROSS
        for step in range(radius)
    ]

    def reference(layer: np.ndarray, erode: bool) -> np.ndarray:
        for structure in steps:
            if erode:
                layer = ndimage.binary_erosion(layer, structure, border_value=0)
            else:
                layer = ndimage.binary_dilation(layer, structure)
        return layer

    eroded = unpack(bitgrid.erode(pack(mask), radius), mask)
    assert np.array_equal(eroded, per_layer(mask, lambda m: reference(m, True)))
    dilated = unpack(bitgrid.dilate(pack(mask), radius), mask)
    assert np.array_equal(dilated, per_layer(mask, lambda m: reference(m, False)))


@pytest.mark.parametrize("radius", [1, 4, 11, 30])
def test_square_filters(radius: int) -> None:
    mask = blobs(radius)
    size = 2 * radius + 1
    grown = per_layer(mask, lambda m: ndimage.maximum_filter(m, size, mode="constant"))
    shrunk = per_layer(mask, lambda m: ndimage.minimum_filter(m, size, mode="constant"))
    assert np.array_equal(unpack(bitgrid.dilate_square(pack(mask), radius), mask), grown)
    assert np.array_equal(unpack(bitgrid.erode_square(pack(mask), radius), mask), shrunk)


@pytest.mark.parametrize("seed", range(4))
def test_small_islands_match_labelling(seed: int) -> None:
    mask = blobs(seed)
    limit = 40.0

    def reference(layer: np.ndarray) -> np.ndarray:
        labels, _ = ndimage.label(layer, CROSS)
        small = np.bincount(labels.ravel()) < limit
        small[0] = False
        return small[labels]

    expected = per_layer(mask, reference)
    assert expected.any() and (mask & ~expected).any()  # both kinds are present
    assert np.array_equal(unpack(bitgrid.small_islands(pack(mask), limit), mask), expected)


def test_counts_edges_and_layer_shifts() -> None:
    mask = blobs(7)
    grid = pack(mask)
    assert np.array_equal(bitgrid.count(grid), mask.sum(axis=(1, 2)))
    edges = (mask[:, :, 1:] != mask[:, :, :-1]).sum(axis=(1, 2))
    edges += (mask[:, 1:] != mask[:, :-1]).sum(axis=(1, 2))
    assert np.array_equal(bitgrid.edges(grid), edges)
    above = unpack(bitgrid.shifted(grid, 1), mask)
    assert np.array_equal(above[:-1], mask[1:]) and not above[-1].any()
    either = unpack(bitgrid.any_of(grid, range(0, -2, -1)), mask)
    assert np.array_equal(either[1:], mask[1:] | mask[:-1]) and np.array_equal(either[0], mask[0])
    # Every pixel, empty ones too: a get() that always said "set" must fail.
    layer, row, column = (i.reshape(-1) for i in np.indices(mask.shape))
    assert np.array_equal(bitgrid.get(grid, layer, row, column), mask.reshape(-1))


def test_per_layer_and_where_set_skip_work_but_not_results() -> None:
    mask = np.repeat(blobs(3, (1, 40, 150)), 5, axis=0)
    mask[2] = False
    grid = pack(mask)
    calls: list[int] = []

    def grow(layers: np.ndarray) -> np.ndarray:
        calls.append(len(layers))
        return bitgrid.dilate_square(layers, 2)

    expected = bitgrid.dilate_square(grid, 2)
    assert np.array_equal(bitgrid.per_layer(grid, grow), expected) and calls == [3]
    assert np.array_equal(bitgrid.where_set(grid, lambda g, _: grow(g)), expected)
    assert calls == [3, 4]

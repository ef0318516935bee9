"""Layer grids of booleans packed 64 pixels to a word, and the morphology the FDM model uses.

A grid is a uint64 array (layers, rows, words): column c of a row is bit c % 64 of word
c // 64, least significant bit first. A row has a whole number of words: the bits past
the part's last column are empty pixels like any other. A word operation handles 64 pixels
at once: the grids are 8 times smaller than numpy's bool arrays and a pass over them is
about as many times faster, which is where the analysis spends most of its time.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from generator.analysis.graphs import components

WORD = 64
# Layer-wise operations work through groups of layers of about this many bytes: small
# enough to stay in a core's cache between numpy's passes (measured 1.5-1.7 times faster
# than whole grids with a 2 MB cache), large enough that Python's overhead stays small.
CHUNK_BYTES = 256 * 1024
Op = Callable[[np.ndarray, np.ndarray], np.ndarray]


def expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items with index ranges [first, last]: (item of each pair, index of each pair)."""
    counts = np.maximum(last - first + 1, 0)
    item = np.repeat(np.arange(len(first)), counts)
    offset = np.arange(len(item)) - np.repeat(np.cumsum(counts) - counts, counts)
    return item, first[item] + offset


def words_for(columns: int) -> int:
    """Words per row, with at least one spare bit past the last column (a fill's end)."""
    return columns // WORD + 1


def unpack(grid: np.ndarray, columns: int) -> np.ndarray:
    """The grid as a bool array (..., columns)."""
    bits = np.unpackbits(grid.view(np.uint8), axis=-1, bitorder="little")
    return bits[..., :columns].view(bool)


def fill(
    shape: tuple[int, int, int], line: np.ndarray, start: np.ndarray, stop: np.ndarray
) -> np.ndarray:
    """A grid (layers, rows, words) with columns start..stop-1 set in each run.

    `line` is layer * rows + row. Runs of one row must not overlap (touching is fine): each
    run toggles a bit at both ends, and a prefix XOR along the rows fills between them.
    """
    words = shape[2]
    grid = np.zeros(shape, dtype=np.uint64)
    flat = grid.reshape(-1)
    for ends in (start, stop):
        position = line * words * WORD + ends
        bits = np.uint64(1) << (position & (WORD - 1)).astype(np.uint64)
        np.bitwise_xor.at(flat, position >> 6, bits)
    for shift in (1, 2, 4, 8, 16, 32):
        grid ^= grid << np.uint64(shift)
    # A word's top bit now holds its own parity; earlier words of the row flip it.
    parity = (grid >> np.uint64(WORD - 1)).astype(np.uint8)
    carry = np.cumsum(parity, axis=2, dtype=np.uint8) - parity
    grid ^= np.where(carry & 1, ~np.uint64(0), np.uint64(0))
    return grid


def runs(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs of set pixels along each row: line (layer * rows + row), start, stop (past
    the end), in row order and along each row. The last column must be empty (grids have a
    spare one, see words_for), so that every run ends within its row."""
    if (grid[..., -1] >> np.uint64(WORD - 1)).any():
        raise ValueError("runs: a row ends in a set pixel")
    # Where a pixel differs from its left neighbour a run starts or stops, alternately.
    changes = _set_bits(grid ^ from_left(grid, 1))
    width = grid.shape[2] * WORD
    line, start = np.divmod(changes[0::2], width)
    return line, start, changes[1::2] % width


def small_islands(grid: np.ndarray, pixels: float) -> np.ndarray:
    """The islands (4-connected within a layer) of fewer than `pixels` pixels."""
    line, start, stop, label = _labelled_runs(grid)
    rows = grid.shape[1]
    keep = (np.bincount(label, weights=stop - start) < pixels)[label]
    # Only the layers holding small islands are filled (usually few).
    out = np.zeros_like(grid)
    layers, local = np.unique(line[keep] // rows, return_inverse=True)
    if len(layers):
        shape = (len(layers), rows, grid.shape[2])
        out[layers] = fill(shape, local * rows + line[keep] % rows, start[keep], stop[keep])
    return out


def island_counts(grid: np.ndarray, min_pixels: float = 0) -> np.ndarray:
    """The number of islands (4-connected) of at least `min_pixels` pixels in each layer."""
    line, start, stop, label = _labelled_runs(grid)
    counts = np.zeros(len(grid), dtype=np.int64)
    if len(label):
        size = np.bincount(label, weights=stop - start)
        first = np.unique(label, return_index=True)[1]
        big = size[label[first]] >= min_pixels
        np.add.at(counts, line[first[big]] // grid.shape[1], 1)
    return counts


def _labelled_runs(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The runs of set pixels (see `runs`) and the island each belongs to.

    Connected runs rather than pixels are labelled: runs of neighbouring rows of a layer
    touch when they overlap along x.
    """
    line, start, stop = runs(grid)
    rows, width = grid.shape[1], grid.shape[2] * WORD
    # For each run, the runs of the row below it that it overlaps: a contiguous range.
    below = (line - 1) * width
    lo = np.searchsorted(line * width + stop, below + start, side="right")
    hi = np.searchsorted(line * width + start, below + stop, side="left")
    touching = np.where(line % rows > 0, hi - 1, lo - 1)
    run, other = expand(lo, touching)
    _, label = components(len(line), run, other)
    return line, start, stop, label


def anchored(grid: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """The runs of `grid` whose both ends touch `anchors` (a grid of the same shape),
    along the rows or along the columns of each layer: the pixels a straight line laid
    across them from anchor to anchor would cross."""
    out = _anchored_rows(grid, anchors)
    index = np.flatnonzero(grid.any(axis=(1, 2)))
    if len(index):
        columns = grid.shape[2] * WORD - 1  # the spare column stays out
        across = _anchored_rows(
            transposed(grid[index], columns), transposed(anchors[index], columns)
        )
        out[index] |= transposed(across, grid.shape[1])
    return out


def _anchored_rows(grid: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    line, start, stop = runs(grid)
    layer, row = np.divmod(line, grid.shape[1])
    left = (start > 0) & get(anchors, layer, row, np.maximum(start - 1, 0))
    keep = left & get(anchors, layer, row, stop)
    return fill(grid.shape, line[keep], start[keep], stop[keep])


def transposed(grid: np.ndarray, columns: int) -> np.ndarray:
    """Each layer with its rows and columns swapped (`columns` of the grid's are kept, and
    its rows become the columns), with a spare column like every grid."""
    pixels = unpack(grid, columns).swapaxes(1, 2)
    words = words_for(pixels.shape[2])
    padded = np.zeros((*pixels.shape[:2], words * WORD), dtype=bool)
    padded[..., : pixels.shape[2]] = pixels
    packed = np.packbits(padded, axis=-1, bitorder="little")
    return np.ascontiguousarray(packed).view(np.uint64).reshape(*pixels.shape[:2], words)


def row_runs(grid: np.ndarray) -> np.ndarray:
    """Runs of set pixels along the rows of each layer."""
    return np.bitwise_count(grid & ~from_left(grid, 1)).sum(axis=(1, 2), dtype=np.int64)


def column_runs(grid: np.ndarray) -> np.ndarray:
    """Runs of set pixels along the columns of each layer."""
    return np.bitwise_count(grid & ~from_row(grid, -1)).sum(axis=(1, 2), dtype=np.int64)


def bounding_area(grid: np.ndarray) -> np.ndarray:
    """Pixels in each layer's bounding box of set pixels."""
    rows = grid.any(axis=2).sum(axis=1)
    columns_words = np.bitwise_or.reduce(grid, axis=1)
    columns = np.zeros(len(grid), dtype=np.int64)
    if len(grid):
        bits = unpack(columns_words, columns_words.shape[-1] * WORD)
        first = np.argmax(bits, axis=1)
        last = bits.shape[1] - 1 - np.argmax(bits[:, ::-1], axis=1)
        columns = np.where(bits.any(axis=1), last - first + 1, 0)
    used_rows = np.asarray(grid.any(axis=2))
    first_row = np.argmax(used_rows, axis=1)
    last_row = grid.shape[1] - 1 - np.argmax(used_rows[:, ::-1], axis=1)
    rows = np.where(rows > 0, last_row - first_row + 1, 0)
    return rows * columns


def diagonal_chords(grid: np.ndarray) -> np.ndarray:
    """Per layer, the number of runs of set pixels along both diagonals, averaged: how
    many lines at 45 degrees cross the layer's regions, in units of the pixel's diagonal
    spacing (pixel / sqrt 2)."""
    up = from_left(from_row(grid, -1), 1)  # the pixel one row down and one column left
    down = from_right(from_row(grid, -1), 1)
    starts = np.bitwise_count(grid & ~up).sum(axis=(1, 2), dtype=np.int64)
    starts += np.bitwise_count(grid & ~down).sum(axis=(1, 2), dtype=np.int64)
    return starts / 2


def _set_bits(grid: np.ndarray) -> np.ndarray:
    """Flat positions (word index * 64 + bit) of the set bits, in increasing order."""
    flat = grid.reshape(-1)
    index = np.flatnonzero(flat)
    words = flat[index]
    found: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    while len(words):
        lowest = words & (~words + np.uint64(1))
        # Powers of two are exact in float64, so log2 gives the bit's place.
        found.append(np.log2(lowest.astype(np.float64)).astype(np.int64))
        owners.append(index)
        words = words ^ lowest
        keep = words != 0
        words, index = words[keep], index[keep]
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.sort(np.concatenate(owners) * WORD + np.concatenate(found))


def per_layer(grid: np.ndarray, op: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """`op`, which works on each layer alone, applied once to each run of identical layers
    (a part's straight walls give many)."""
    changed = np.ones(len(grid), dtype=bool)
    changed[1:] = (grid[1:] != grid[:-1]).any(axis=(1, 2))
    if changed.all():
        return _in_chunks(grid, np.arange(len(grid)), lambda layers, _: op(layers))
    distinct = _in_chunks(grid[changed], np.flatnonzero(changed), lambda layers, _: op(layers))
    return distinct[np.cumsum(changed) - 1]


def per_distinct_layer(grid: np.ndarray, measure: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """`measure` (one value per layer of the layers given) taken once for each run of
    identical layers, and only for layers holding some set pixel (0 for the others)."""
    out = np.zeros(len(grid))
    if not len(grid):
        return out
    changed = np.ones(len(grid), dtype=bool)
    changed[1:] = (grid[1:] != grid[:-1]).any(axis=(1, 2))
    distinct = np.flatnonzero(changed)
    used = distinct[grid[distinct].any(axis=(1, 2))]
    values = np.zeros(len(distinct))
    if len(used):
        values[np.searchsorted(distinct, used)] = np.concatenate(
            [measure(grid[used[i : i + 64]]) for i in range(0, len(used), 64)]
        )
    return values[np.cumsum(changed) - 1]


def where_set(grid: np.ndarray, op: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """`op(layers, index)`, which works on each layer alone and gives nothing for an empty
    one, applied to the layers holding some set pixel only (index: theirs)."""
    index = np.flatnonzero(grid.any(axis=(1, 2)))
    out = np.zeros_like(grid)
    if len(index):
        out[index] = _in_chunks(grid[index], index, op)
    return out


def _in_chunks(
    layers: np.ndarray, index: np.ndarray, op: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> np.ndarray:
    """`op` run over groups of layers of about CHUNK_BYTES, which stay in the processor's
    cache across numpy's many passes (whole grids are read from memory at each)."""
    step = max(1, CHUNK_BYTES // max(layers[0].nbytes, 1)) if len(layers) else 1
    if step >= len(layers):
        return op(layers, index)
    parts = [op(layers[i : i + step], index[i : i + step]) for i in range(0, len(layers), step)]
    return np.concatenate(parts)


def count(grid: np.ndarray) -> np.ndarray:
    """Set pixels in each layer."""
    return np.bitwise_count(grid).sum(axis=(1, 2), dtype=np.int64)


def get(grid: np.ndarray, layer: np.ndarray, row: np.ndarray, column: np.ndarray) -> np.ndarray:
    """The pixels at the given indices (which must be inside the grid), as bools."""
    rows, width = grid.shape[1:]
    words = grid.reshape(-1).take((layer * rows + row) * width + (column >> 6))
    return ((words >> (column & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)


def from_left(grid: np.ndarray, k: int) -> np.ndarray:
    """Column c of the result is column c - k of `grid` (0 < k < 64); empty where none."""
    shift = np.uint64(k)
    out = grid << shift
    out[..., 1:] |= grid[..., :-1] >> np.uint64(WORD - k)
    return out


def from_right(grid: np.ndarray, k: int) -> np.ndarray:
    """Column c of the result is column c + k of `grid` (0 < k < 64); empty where none."""
    out = grid >> np.uint64(k)
    out[..., :-1] |= grid[..., 1:] << np.uint64(WORD - k)
    return out


def from_row(grid: np.ndarray, k: int) -> np.ndarray:
    """Row r of the result is row r + k of `grid` (k may be negative); empty where none."""
    out = np.zeros_like(grid)
    rows = grid.shape[1]
    if abs(k) >= rows:
        return out
    if k >= 0:
        out[:, : rows - k] = grid[:, k:]
    else:
        out[:, -k:] = grid[:, : rows + k]
    return out


def shifted(grid: np.ndarray, shift: int) -> np.ndarray:
    """Layer k of the result is layer k + shift of `grid`; layers beyond the part are empty."""
    out = np.zeros_like(grid)
    if abs(shift) >= len(grid):
        return out
    if shift >= 0:
        out[: len(grid) - shift] = grid[shift:]
    else:
        out[-shift:] = grid[: len(grid) + shift]
    return out


def any_of(grid: np.ndarray, shifts: range) -> np.ndarray:
    """Where some layer k + s (s in shifts) is set."""
    out = np.zeros_like(grid)
    count = len(grid)
    for shift in shifts:
        if 0 <= shift < count:
            out[: count - shift] |= grid[shift:]
        elif -count < shift < 0:
            out[-shift:] |= grid[: count + shift]
    return out


def erode(grid: np.ndarray, radius: int) -> np.ndarray:
    """Erode each layer by `radius` pixels with an octagon close to a disc.

    Alternating 3x3 squares and crosses: with about 41 % squares, the octagon's sides
    are all at `radius` from its centre.
    """
    return _octagon(grid, radius, np.bitwise_and)


def dilate(grid: np.ndarray, radius: int) -> np.ndarray:
    """Dilate each layer by `radius` pixels with the same octagon as `erode`."""
    return _octagon(grid, radius, np.bitwise_or)


def _octagon(grid: np.ndarray, radius: int, op: Op) -> np.ndarray:
    squares = round(radius * (math.sqrt(2) - 1))
    out = grid
    for step in range(radius):
        square = squares > 0 and step * squares // radius != (step + 1) * squares // radius
        along_x = op(op(out, from_left(out, 1)), from_right(out, 1))
        source = along_x if square else out
        out = op(op(along_x, from_row(source, -1)), from_row(source, 1))
    return out


def dilate_square(grid: np.ndarray, radius: float) -> np.ndarray:
    """Dilate each layer by a square of half-side `radius` pixels (rounded, at least 1)."""
    return _square(grid, max(1, round(radius)), np.bitwise_or)


def erode_square(grid: np.ndarray, radius: float) -> np.ndarray:
    """Erode each layer by a square of half-side `radius` pixels (rounded, at least 1)."""
    return _square(grid, max(1, round(radius)), np.bitwise_and)


def _square(grid: np.ndarray, radius: int, op: Op) -> np.ndarray:
    """Running `op` over a window of +-radius along x, then along y.

    A window of half-width a combined with itself shifted by +-s covers half-width a + s
    when s <= 2a + 1, so the half-width grows 1, 4, 11, 26 ...: a few passes for any size.
    """
    out, reach = grid, 0
    while reach < radius:
        step = min(2 * reach + 1, radius - reach, WORD - 1)
        out = op(op(out, from_left(out, step)), from_right(out, step))
        reach += step
    reach = 0
    while reach < radius:
        step = min(2 * reach + 1, radius - reach)
        out = op(op(out, from_row(out, -step)), from_row(out, step))
        reach += step
    return out


def edges(grid: np.ndarray) -> np.ndarray:
    """Pixel edges between set and unset pixels in each layer, along x and y."""
    along_x = np.bitwise_count(grid ^ from_left(grid, 1)).sum(axis=(1, 2), dtype=np.int64)
    along_y = np.bitwise_count(grid[:, 1:] ^ grid[:, :-1]).sum(axis=(1, 2), dtype=np.int64)
    return along_x + along_y

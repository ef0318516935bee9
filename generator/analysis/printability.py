"""Printability and material use of one part: triangles + process + materials -> a result dict.

Pure: no file access. Every figure carries its unit in its name; every judgement comes
with a reason a person can act on. Meshes are checked by edge use (an edge shared by
exactly two faces is manifold, trimesh's test); one layer grid (generator.slicing) serves
the FDM estimate, the support estimate, the wall-thickness samples and the overlap test.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from scipy.sparse import coo_matrix, csgraph
from scipy.spatial import ConvexHull, QhullError

from generator.analysis import bitgrid, fdm
from generator.analysis.fit import fits_on_any_side, placement
from generator.analysis.mesh import Mesh, dot3, index, max3, sum3
from generator.analysis.slicing import Layers

PLAUSIBLE_SIZE_MM = (1.0, 2000.0)  # a part outside this is probably in the wrong units
WALL_SAMPLES = 2000
THIN_SHARE = 0.01  # share of the sampled surface on thin walls that needs attention
SUPPORT_AREA_MM2 = 25.0  # less overhang than this is left to the slicer's bridging
FLAT_DEG = 80.0  # downward faces flatter than this (from vertical) count as bridges
# Designers draw overhangs at exactly the rule's angle (45 deg), and an STL's float32
# corners put such faces a hair steeper (45.0001 deg): faces within this of the rule pass.
OVERHANG_TOLERANCE_DEG = 0.5
# Resting poses are compared on this many faces drawn by area, so that the search costs
# the same for any mesh; the pose it picks is then measured on every face.
ORIENTATION_SAMPLES = 20_000
RESTING_FACES = 6  # largest flat outer faces tried as the bed face, besides the six sides
PARAMETERS = {  # process `parameters` that change the FDM profile: name -> (field, unit, scale)
    "layer_height": ("layer_height", "mm", 1.0),
    "extrusion_width": ("extrusion_width", "mm", 1.0),
    "first_layer_extrusion_width": ("first_layer_extrusion_width", "mm", 1.0),
    "filament_diameter": ("filament_diameter", "mm", 1.0),
    "fill_density": ("infill_density", "%", 0.01),
}
UP = np.array([0.0, 0.0, 1.0])

Result = dict[str, Any]


def quantity_value(quantity: Any) -> float | None:
    """A quantity's value, or the middle of its range; None if it has neither."""
    if not isinstance(quantity, dict):
        return None
    if isinstance(quantity.get("value"), int | float):
        return float(quantity["value"])
    low, high = quantity.get("min"), quantity.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float):
        return (low + high) / 2
    return None


def fdm_profile(process: dict[str, Any]) -> tuple[fdm.FdmProfile, list[str]]:
    """The reference profile with the process record's parameters applied, and what changed."""
    changes: dict[str, float] = {}
    notes: list[str] = []
    for name, quantity in (process.get("parameters") or {}).items():
        if name not in PARAMETERS or not isinstance(quantity, dict):
            continue
        field, unit, scale = PARAMETERS[name]
        value = quantity_value(quantity)
        if value is not None and quantity.get("unit") == unit and value > 0:
            changes[field] = value * scale
            notes.append(f"{name} = {value:g} {unit} from the process record")
    profile = fdm.FdmProfile()
    if changes:
        profile = fdm.FdmProfile(**{**profile.facts(), **changes})
    return profile, notes


def analyse(
    triangles: np.ndarray,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    deadline: float = math.inf,
) -> Result:
    """Everything the catalogue shows about one part. `deadline` is a time.monotonic() value
    after which optional searches (other orientations) are skipped."""
    profile, profile_notes = fdm_profile(process)
    mesh = index(triangles)
    result: Result = {"process": process.get("id")}
    result |= mesh_health(mesh)
    result |= geometry(mesh, result["watertight"] and result["winding_consistent"])
    layers, radius = fdm.slice_for_fdm(mesh.corners, profile)
    result["overlapping_shells"] = layers.max_winding > 1
    result["grid_mm"] = round(layers.pixel, 4)
    rules = process.get("design_rules") or {}
    result |= printability(mesh, layers, rules, process.get("machines") or [], deadline)
    result["materials"], result["profile"] = material_use(
        layers, radius, profile, profile_notes, process, materials, result["volume_cm3"]
    )
    result["verdict"], result["reasons"] = verdict(result, rules)
    return result


def mesh_health(mesh: Mesh) -> Result:
    open_edges, non_manifold = mesh.edge_counts()
    size = float(mesh.extents.max())
    degenerate = int((2 * mesh.areas <= (1e-9 * max(size, 1e-9)) ** 2).sum())
    watertight = open_edges == 0 and non_manifold == 0
    winding = mesh.winding_consistent()
    return {
        "faces": len(mesh.faces),
        "vertices": len(mesh.vertices),
        "bodies": mesh.bodies(),
        "watertight": watertight,
        "winding_consistent": winding,
        "inverted": bool(watertight and winding and mesh.signed_volume < 0),
        "degenerate_faces": degenerate,
        "open_edges": open_edges,
        "non_manifold_edges": non_manifold,
        "manifold_test": "edge use: every edge shared by exactly two faces",
    }


def geometry(mesh: Mesh, closed: bool) -> Result:
    volume = abs(mesh.signed_volume) if closed else None
    return {
        "size_mm": [round(float(v), 3) for v in mesh.extents],
        "volume_cm3": round(volume / 1000, 4) if volume is not None else None,
        "surface_area_cm2": round(float(mesh.areas.sum()) / 100, 4),
        "centre_of_mass_mm": [round(float(v), 3) for v in mesh.centre_of_mass] if closed else None,
    }


def printability(
    mesh: Mesh,
    layers: Layers,
    rules: dict[str, Any],
    machines: list[dict[str, Any]],
    deadline: float,
) -> Result:
    max_overhang = quantity_value(rules.get("max_overhang"))
    min_wall = quantity_value(rules.get("min_wall"))
    out: Result = {"orientation": "as exported (z up)", "max_overhang_deg": max_overhang}
    if max_overhang is not None:
        limit = max_overhang + OVERHANG_TOLERANCE_DEG
        z = mesh.corners[2]
        down = _overhangs(mesh.normals[2], z, float(z.min()), limit)
        out["overhang_area_mm2"] = round(float(mesh.areas[down].sum()), 1)
        out["support_volume_cm3"] = round(_support_volume(mesh, down, layers) / 1000, 3)
        out["better_orientation"] = _better_orientation(mesh, limit, deadline)
        out["bridges"] = _bridges(mesh, quantity_value(rules.get("max_bridge")))
    else:
        out["overhang_area_mm2"] = None
    out["min_wall_mm"] = min_wall
    out["thin_walls"] = _thin_walls(mesh, layers, min_wall) if min_wall else None
    out["machines"] = [_fit(mesh.extents, machine) for machine in machines]
    return out


def _overhangs(normal_z: np.ndarray, z: np.ndarray, bed: float, max_overhang: float) -> np.ndarray:
    """Faces facing down more steeply than `max_overhang` from vertical, off the bed.

    `normal_z` (n) and `z` (3, n) are the faces' normal and corner heights along the up
    direction. Faces lower than one layer above the bed rest on the first layer.
    """
    angle = np.degrees(np.arcsin(np.clip(-normal_z, -1, 1)))
    on_bed = (max3(z) - bed) < fdm.FdmProfile.layer_height
    return (angle > max_overhang) & ~on_bed


def _support_volume(mesh: Mesh, down: np.ndarray, layers: Layers) -> float:
    """Volume under the overhangs down to the part below them or the bed, mm3.

    Layer by layer from the bed, each column of the grid remembers its highest solid
    layer so far; an overhang face reads it when the sweep reaches the layer below it.
    """
    if not down.any():
        return 0.0
    centre = mesh.centres[:, down]
    layer, row, column, _ = layers.index(centre)
    row = np.clip(row, 0, layers.shape[1] - 1)
    column = np.clip(column, 0, layers.shape[2] - 1)
    below = np.full(centre.shape[1], -1)
    under = layer - 1  # the layer below the face's own
    highest = np.full(layers.shape[1:], -1, dtype=np.int32)
    order = np.argsort(under)
    bounds = np.searchsorted(under[order], np.arange(layers.shape[0] + 1))
    for k in range(min(int(under.max()) + 1, layers.shape[0])):
        solid = bitgrid.unpack(layers.solid[k], layers.shape[2])
        highest[solid] = k
        faces = order[bounds[k] : bounds[k + 1]]
        below[faces] = highest[row[faces], column[faces]]
    floor = layers.z0 + (below + 1) * layers.height
    height = np.maximum(centre[2] - floor, 0)
    projected = mesh.areas[down] * -mesh.normals[2, down]
    return float((projected * height).sum())


def _better_orientation(mesh: Mesh, limit: float, deadline: float) -> Result:
    """Among stable resting poses (the six sides and the largest flat outer faces), the
    one needing least support (for faces steeper than `limit` deg from vertical), if it
    needs clearly less than the exported orientation."""
    if time.monotonic() > deadline:
        return {"searched": False, "reason": "time budget used up"}
    sample = _face_sample(mesh)
    current = _support_proxy(mesh, sample, UP, limit)
    best: tuple[float, float, np.ndarray] | None = None
    tried = 0
    for down in _resting_directions(mesh, sample.index):
        if time.monotonic() > deadline:
            break
        tried += 1
        proxy = _support_proxy(mesh, sample, -down, limit)
        if best is None or proxy[1] < best[1]:
            best = (proxy[0], proxy[1], down)
    out: Result = {
        "searched": True,
        "poses_tried": tried,
        "method": "the six sides and the largest flat outer faces as the bed face, "
        f"compared on up to {ORIENTATION_SAMPLES} faces drawn by area",
    }
    if best is not None and best[1] < 0.5 * current[1] and current[0] - best[0] > 0:
        every = _every_face(mesh)
        current = _support_proxy(mesh, every, UP, limit)
        area, proxy = _support_proxy(mesh, every, -best[2], limit)
        if proxy < 0.5 * current[1] and current[0] - area > 0:
            out["bed_face_normal"] = [round(float(v), 3) for v in best[2]]
            out["overhang_area_mm2"] = round(area, 1)
            out["support_saving_pct"] = round(100 * (1 - proxy / current[1]), 0)
    return out


class _Faces(NamedTuple):
    """Some faces of a mesh: which, their corners (3, 3, k) and normals (3, k), and the
    area each stands for."""

    index: np.ndarray | slice
    corners: np.ndarray
    normals: np.ndarray
    weight: np.ndarray


def _every_face(mesh: Mesh) -> _Faces:
    return _Faces(slice(None), mesh.corners, mesh.normals, mesh.areas)


def _face_sample(mesh: Mesh) -> _Faces:
    """Faces to compare poses on: every face of a small mesh, else ORIENTATION_SAMPLES
    drawn with probability by area."""
    if len(mesh.faces) <= ORIENTATION_SAMPLES:
        return _every_face(mesh)
    sample = mesh.sample_faces(ORIENTATION_SAMPLES, np.random.default_rng(0))
    weight = np.full(ORIENTATION_SAMPLES, mesh.areas.sum() / ORIENTATION_SAMPLES)
    return _Faces(sample, mesh.corners[:, :, sample], mesh.normals[:, sample], weight)


def _support_proxy(mesh: Mesh, faces: _Faces, up: np.ndarray, limit: float) -> tuple[float, float]:
    """Overhang area and overhang area x height above the bed with `up` as up: cheap, for
    comparing poses."""
    z = dot3(faces.corners, up)
    normal_z = dot3(faces.normals, up)
    bed = float(dot3(mesh.vertex_columns, up).min())
    down = _overhangs(normal_z, z, bed, limit)
    height = sum3(z[:, down]) / 3 - bed
    area = faces.weight[down]
    return float(area.sum()), float((area * -normal_z[down] * height).sum())


def _resting_directions(mesh: Mesh, sample: np.ndarray | slice) -> list[np.ndarray]:
    """Outward normals of faces the part can rest on: its six sides, and its largest flat
    faces (among the sampled ones) that lie on the part's outside, where it is stable."""
    directions = [
        np.array(v, dtype=float)
        for v in ([0, 0, -1], [0, 0, 1], [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0])
    ]
    normals = mesh.normals[:, sample].T
    # Coplanar faces share a normal: group them by their normal rounded to 0.001.
    rounded = np.round(normals * 1000).astype(np.int64) + 1000
    key = (rounded[:, 0] * 2001 + rounded[:, 1]) * 2001 + rounded[:, 2]
    _, group = np.unique(key, return_inverse=True)
    totals = np.bincount(group, weights=mesh.areas[sample])
    normal_of = np.empty((len(totals), 3))
    normal_of[group] = normals
    closed = mesh.edge_counts() == (0, 0)
    centre = mesh.centre_of_mass if closed else mesh.centres.mean(axis=1)
    for g in np.argsort(totals)[::-1][:RESTING_FACES]:
        normal = normal_of[g]
        if not normal.any() or np.abs(np.array(directions) - normal).max(axis=1).min() < 1e-3:
            continue
        # On the outside: the faces lie where the part reaches furthest along the normal.
        reach = float(dot3(mesh.vertex_columns, normal).max())
        faces = np.arange(len(mesh.faces))[sample][group == g]
        outside = dot3(mesh.centres[:, faces], normal).max() >= reach - 0.05
        if outside and _stable(mesh, normal, centre):
            directions.append(normal)
    return directions


def _stable(mesh: Mesh, down: np.ndarray, centre: np.ndarray) -> bool:
    """Whether the centre of mass lies over the footprint when resting on face `down`."""
    depth = dot3(mesh.vertex_columns, down)
    contact = mesh.vertices[depth > depth.max() - 0.05]
    if len(contact) < 3:
        return False
    basis = np.linalg.svd(np.eye(3) - np.outer(down, down))[0][:, :2]
    flat = contact @ basis
    try:
        hull = ConvexHull(flat)
    except (QhullError, ValueError):
        return False
    point = centre @ basis
    return bool((hull.equations[:, :2] @ point + hull.equations[:, 2] <= 1e-6).all())


def _bridges(mesh: Mesh, max_bridge: float | None) -> Result:
    """Flat downward regions off the bed (bridges or unsupported ceilings) and their spans."""
    z = mesh.corners[2]
    flat = np.flatnonzero(_overhangs(mesh.normals[2], z, float(z.min()), FLAT_DEG))
    groups = _connected(mesh, flat)
    # A region's span is at most 2 sqrt(area / pi) (see _span): measure the largest
    # regions first and stop when no region left can be longer than the longest found.
    areas = np.array([mesh.areas[g].sum() for g in groups])
    longest, too_long = 0.0, 0
    for g in np.argsort(areas)[::-1]:
        bound = 2 * math.sqrt(areas[g] / math.pi)
        if bound <= longest and (not max_bridge or bound <= max_bridge):
            break
        span = _span(mesh, groups[g])
        longest = max(longest, span)
        too_long += bool(max_bridge and span > max_bridge)
    return {
        "count": len(groups),
        "longest_mm": round(longest, 2),
        "max_bridge_mm": max_bridge,
        "too_long": too_long,
    }


def _connected(mesh: Mesh, faces: np.ndarray) -> list[np.ndarray]:
    """`faces` grouped into regions joined by shared edges."""
    if not len(faces):
        return []
    edge = mesh.edges[0]
    sides = edge.reshape(-1, 3)[faces].reshape(-1)
    owner = np.repeat(np.arange(len(faces)), 3)
    order = np.argsort(sides)
    shared = np.flatnonzero(sides[order][1:] == sides[order][:-1])
    a, b = owner[order][shared], owner[order][shared + 1]
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), (len(faces), len(faces)))
    _, label = csgraph.connected_components(graph, directed=False)
    order = np.argsort(label)
    return np.split(faces[order], np.flatnonzero(np.diff(label[order])) + 1)


def _span(mesh: Mesh, group: np.ndarray) -> float:
    """About the distance a bridge over these faces must cross, seen from below.

    The narrowest strip holding the region, or for a ring or other non-convex region
    4 x area / outline (the width of a square, twice that of a long strip; for a region of
    a given area, a disc has the shortest outline, so this is at most 2 sqrt(area / pi)).
    """
    points = mesh.corners[:2, :, group].reshape(2, -1).T
    corners = mesh.faces[group]
    sides = np.sort(np.stack([corners, corners[:, [1, 2, 0]]], axis=2).reshape(-1, 2), axis=1)
    unique, uses = np.unique(sides, axis=0, return_counts=True)
    outline = unique[uses == 1]
    ends = mesh.vertices[outline][:, :, :2]
    length = np.linalg.norm(ends[:, 1] - ends[:, 0], axis=1).sum()
    area = float((mesh.areas[group] * -mesh.normals[2, group]).sum())
    compact = 4 * area / length if length > 0 else math.inf
    return float(min(_short_side(points), compact))


def _short_side(points: np.ndarray) -> float:
    """Width of the narrowest strip holding the points."""
    try:
        hull = points[ConvexHull(points).vertices]
    except (QhullError, ValueError):
        return float(np.ptp(points, axis=0).min())
    edges = np.roll(hull, -1, axis=0) - hull
    lengths = np.linalg.norm(edges, axis=1)
    edges, lengths = edges[lengths > 0], lengths[lengths > 0]
    normals = np.stack([-edges[:, 1], edges[:, 0]], axis=1) / lengths[:, None]
    return float(np.ptp(hull @ normals.T, axis=0).min())


def _thin_walls(mesh: Mesh, layers: Layers, min_wall: float) -> Result:
    """Wall thickness sampled at surface points, marching inward through the layer grid."""
    step = min(layers.pixel, layers.height) / 2
    if max(layers.pixel, layers.height) > min_wall / 2:
        return {
            "checked": False,
            "reason": f"layer grid of {layers.pixel:.2f} mm is too coarse "
            f"to measure {min_wall:g} mm walls",
        }
    rng = np.random.default_rng(0)
    faces = mesh.sample_faces(WALL_SAMPLES, rng)
    u, v = rng.random((2, WALL_SAMPLES))
    flip = u + v > 1
    u[flip], v[flip] = 1 - u[flip], 1 - v[flip]
    tri = mesh.corners[:, :, faces]
    start = tri[:, 0] + u * (tri[:, 1] - tri[:, 0]) + v * (tri[:, 2] - tri[:, 0])
    inward = -mesh.normals[:, faces]
    depths = np.arange(1, int(1.5 * min_wall / step) + 2) * step
    # (3, depths, samples): each depth's samples side by side, numpy's fast layout.
    points = start[:, None, :] + depths[:, None] * inward[:, None, :]
    inside = layers.occupied(points.reshape(3, -1)).reshape(points.shape[1:])
    entered = inside.cumsum(axis=0) > 0
    left = entered & ~inside
    # Thickness: depth of the first empty sample after the wall was entered.
    measured = entered.any(axis=0)
    exits = np.where(left.any(axis=0), depths[np.argmax(left, axis=0)], np.inf)
    thin = measured & (exits < min_wall)
    share = float(thin.sum() / max(measured.sum(), 1))
    thickness = exits[thin]
    return {
        "checked": True,
        "samples": int(measured.sum()),
        "thin_share": round(share, 4),
        "thinnest_mm": round(float(thickness.min()), 2) if len(thickness) else None,
        "method": f"{WALL_SAMPLES} surface samples marched inward on a "
        f"{layers.pixel:.2f} x {layers.pixel:.2f} x {layers.height:.2f} mm grid",
    }


def _fit(size: np.ndarray, machine: dict[str, Any]) -> Result:
    volume = [float(v) for v in machine.get("build_volume_mm") or []]
    known = len(volume) == 3
    extents = (float(size[0]), float(size[1]), float(size[2]))
    how = placement(extents, (volume[0], volume[1], volume[2])) if known else None
    return {
        "id": machine.get("id"),
        "name": machine.get("name"),
        "build_volume_mm": volume,
        "fits": how is not None,
        "placement": how,
        "fits_turned": known and fits_on_any_side(extents, (volume[0], volume[1], volume[2])),
    }


def material_use(
    layers: Layers,
    radius: int,
    profile: fdm.FdmProfile,
    profile_notes: list[str],
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    volume_cm3: float | None,
) -> tuple[list[Result], Result]:
    """Per material: mass, filament and time (FDM) or shot mass (solid), and the profile."""
    model = process.get("analysis")
    if model == "fdm":
        figures = fdm.estimate(layers, radius, profile)
        extruded = fdm.extruded_mm3(figures)
        section = math.pi * profile.filament_diameter**2 / 4
        described: Result = {
            "model": "fdm",
            "name": profile.name,
            "settings": profile.facts(),
            "changes": profile_notes,
            "assumptions": [
                "the part is printed as exported, without supports or brim",
                "infill: gyroid at the profile's density; top/bottom shells, perimeters, "
                "small-area solid infill and the skirt as PrusaSlicer 2.5 makes them",
                "print time from extrusion lengths and the profile's speeds, with cooling "
                "slowdown; acceleration and travel are not modelled",
                "density: each material record's own, or the middle of its range",
            ],
            "extruded_cm3": round(extruded / 1000, 3),
            "breakdown_cm3": {
                k[:-4]: round(v / 1000, 3) for k, v in figures.items() if k.endswith("_mm3")
            },
        }
    elif model == "solid":
        described = {
            "model": "solid",
            "name": "solid part: the mould or press is filled",
            "assumptions": [
                "shot or charge mass = part volume x density; runners, "
                "sprues and flash are not included"
            ],
        }
    else:
        described = {"model": model, "name": "no estimate from the mesh for this process"}
    out: list[Result] = []
    for material_id, record in materials.items():
        properties = record.get("properties") or {}
        density = quantity_value(properties.get("density"))
        price = quantity_value(properties.get("price"))
        row: Result = {"material": material_id, "density_g_cm3": density, "price_usd_kg": price}
        if density is None:
            row["note"] = "the material record gives no density: mass is not estimated"
        if model == "fdm":
            row["volume_cm3"] = described["extruded_cm3"]
            row["filament_m"] = round(extruded / section / 1000, 3)
            row["print_time_min"] = round(figures["print_time_min"], 1)
            row["filament_g"] = round(extruded / 1000 * density, 2) if density else None
            row["mass_g"] = row["filament_g"]
        elif model == "solid":
            row["volume_cm3"] = volume_cm3
            row["mass_g"] = round(volume_cm3 * density, 2) if density and volume_cm3 else None
            if volume_cm3 is None:
                row["note"] = "the mesh is not closed, so its volume and shot mass are unknown"
        if price is not None and row.get("mass_g"):
            row["cost_usd"] = round(row["mass_g"] / 1000 * price, 3)
        out.append(row)
    return out, described


def verdict(result: Result, rules: dict[str, Any]) -> tuple[str, list[Result]]:
    """ready / needs-attention / not-printable, with a reason for everything that counts."""
    reasons: list[Result] = []

    def add(level: str, message: str) -> None:
        reasons.append({"level": level, "message": message})

    _mesh_reasons(result, add)
    largest = max(result["size_mm"])
    if not PLAUSIBLE_SIZE_MM[0] <= largest <= PLAUSIBLE_SIZE_MM[1]:
        add(
            "attention",
            f"the part is {largest:g} mm across: check the units (STL has none; "
            "scale by 1000 if it was drawn in metres, by 25.4 if in inches)",
        )
    if min(result["size_mm"]) == 0:
        add("blocker", "the part is flat (zero thickness): give it a thickness in its source")
    area = result.get("overhang_area_mm2")
    if area and area > SUPPORT_AREA_MM2:
        add(
            "attention",
            f"{area:.0f} mm2 overhangs more than {result['max_overhang_deg']:g} "
            f"deg from vertical: print with supports (about "
            f"{result['support_volume_cm3']:.1f} cm3 to fill under them) or turn the part",
        )
    better = result.get("better_orientation") or {}
    if "bed_face_normal" in better:
        add(
            "info",
            f"another resting face (outward normal {better['bed_face_normal']}) needs "
            f"about {better['support_saving_pct']:.0f} % less support",
        )
    bridges = result.get("bridges") or {}
    if bridges.get("too_long"):
        add(
            "attention",
            f"{bridges['too_long']} flat downward region(s) span up to "
            f"{bridges['longest_mm']:.0f} mm, longer than the {bridges['max_bridge_mm']:g} mm "
            "bridge rule: add supports, a chamfer or an arch",
        )
    walls = result.get("thin_walls") or {}
    if walls.get("checked") and walls["thin_share"] > THIN_SHARE:
        add(
            "attention",
            f"{walls['thin_share']:.0%} of the sampled surface is on walls "
            f"thinner than {result['min_wall_mm']:g} mm (thinnest about "
            f"{walls['thinnest_mm']} mm): thicken them in the source",
        )
    machines = result.get("machines") or []
    if machines and not any(m["fits"] or m["fits_turned"] for m in machines):
        add(
            "blocker",
            f"at {_size(result)} the part fits none of the process's machines: "
            "split it into pieces or scale it",
        )
    elif machines:
        turned = [m["id"] for m in machines if m["fits_turned"] and not m["fits"]]
        missing = [m["id"] for m in machines if not m["fits_turned"]]
        if turned:
            add("info", f"fits {', '.join(turned)} only when laid on another side")
        if missing:
            add("info", f"too large for {', '.join(missing)}")
    for row in result.get("materials") or []:
        if "note" in row:
            add("info", f"{row['material']}: {row['note']}")
    levels = {r["level"] for r in reasons}
    if "blocker" in levels:
        return "not-printable", reasons
    return ("needs-attention" if "attention" in levels else "ready"), reasons


def _mesh_reasons(result: Result, add: Callable[[str, str], None]) -> None:
    if result["open_edges"] or result["non_manifold_edges"]:
        add(
            "attention",
            f"the mesh is not closed ({result['open_edges']} open and "
            f"{result['non_manifold_edges']} non-manifold edges): volume and material figures "
            "are unreliable; repair it (PrusaSlicer's repair, admesh, Meshmixer) and re-export",
        )
    elif not result["winding_consistent"]:
        add(
            "attention",
            "neighbouring faces disagree on which side is out: repair the mesh "
            "(admesh --fix-normal-directions) and re-export",
        )
    elif result["inverted"]:
        add("attention", "the mesh is inside out (negative volume): flip its normals and re-export")
    if result["overlapping_shells"]:
        add(
            "info",
            "shells overlap or the surface crosses itself (layer winding test): "
            "slicers merge them, but a boolean union in the source is cleaner",
        )
    if result["degenerate_faces"]:
        add(
            "info",
            f"{result['degenerate_faces']} faces have no area: harmless, but a sign "
            "of a rough export",
        )


def _size(result: Result) -> str:
    return " x ".join(f"{v:g}" for v in result["size_mm"]) + " mm"

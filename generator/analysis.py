"""Printability and material use of one part: triangles + process + materials -> a result dict.

Pure: no file access. Every figure carries its unit in its name; every judgement comes
with a reason a person can act on. Meshes are checked with trimesh's edge-use test (an
edge shared by exactly two faces is manifold); the layer grid of generator.slicing serves
the FDM estimate, the support estimate, the wall-thickness samples and the overlap test.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import trimesh
from scipy.spatial import ConvexHull, QhullError

from generator import fdm
from generator.slicing import Layers

PLAUSIBLE_SIZE_MM = (1.0, 2000.0)  # a part outside this is probably in the wrong units
WALL_SAMPLES = 2000
THIN_SHARE = 0.01  # share of the sampled surface on thin walls that needs attention
SUPPORT_AREA_MM2 = 25.0  # less overhang than this is left to the slicer's bridging
FLAT_DEG = 80.0  # downward faces flatter than this (from vertical) count as bridges
PARAMETERS = {  # process `parameters` that change the FDM profile: name -> (field, unit, scale)
    "layer_height": ("layer_height", "mm", 1.0),
    "extrusion_width": ("extrusion_width", "mm", 1.0),
    "first_layer_extrusion_width": ("first_layer_extrusion_width", "mm", 1.0),
    "filament_diameter": ("filament_diameter", "mm", 1.0),
    "fill_density": ("infill_density", "%", 0.01),
}

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
    mesh = trimesh.Trimesh(
        vertices=triangles.reshape(-1, 3), faces=np.arange(len(triangles) * 3).reshape(-1, 3)
    )
    result: Result = {"process": process.get("id")}
    result |= mesh_health(mesh, triangles)
    result |= geometry(mesh, result["watertight"] and result["winding_consistent"])
    layers, radius = fdm.slice_for_fdm(triangles, profile)
    result["overlapping_shells"] = layers.max_winding > 1
    result["grid_mm"] = round(layers.pixel, 4)
    rules = process.get("design_rules") or {}
    result |= printability(mesh, layers, rules, process.get("machines") or [], deadline)
    result["materials"], result["profile"] = material_use(
        layers, radius, profile, profile_notes, process, materials, result["volume_cm3"]
    )
    result["verdict"], result["reasons"] = verdict(result, rules)
    return result


def mesh_health(mesh: trimesh.Trimesh, triangles: np.ndarray) -> Result:
    _, uses = np.unique(mesh.edges_sorted, axis=0, return_counts=True)
    cross = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    size = float(np.ptp(triangles.reshape(-1, 3), axis=0).max())
    degenerate = int((np.linalg.norm(cross, axis=1) <= (1e-9 * max(size, 1e-9)) ** 2).sum())
    open_edges = int((uses == 1).sum())
    non_manifold = int((uses > 2).sum())
    watertight = open_edges == 0 and non_manifold == 0
    winding = bool(mesh.is_winding_consistent)
    return {
        "faces": len(triangles),
        "vertices": len(mesh.vertices),
        "bodies": int(mesh.body_count),
        "watertight": watertight,
        "winding_consistent": winding,
        "inverted": bool(watertight and winding and mesh.volume < 0),
        "degenerate_faces": degenerate,
        "open_edges": open_edges,
        "non_manifold_edges": non_manifold,
        "manifold_test": "edge use: every edge shared by exactly two faces (trimesh)",
    }


def geometry(mesh: trimesh.Trimesh, closed: bool) -> Result:
    size = mesh.extents
    volume = abs(float(mesh.volume)) if closed else None
    return {
        "size_mm": [round(float(v), 3) for v in size],
        "volume_cm3": round(volume / 1000, 4) if volume is not None else None,
        "surface_area_cm2": round(float(mesh.area) / 100, 4),
        "centre_of_mass_mm": [round(float(v), 3) for v in mesh.center_mass] if closed else None,
    }


def printability(
    mesh: trimesh.Trimesh,
    layers: Layers,
    rules: dict[str, Any],
    machines: list[dict[str, Any]],
    deadline: float,
) -> Result:
    max_overhang = quantity_value(rules.get("max_overhang"))
    min_wall = quantity_value(rules.get("min_wall"))
    out: Result = {"orientation": "as exported (z up)", "max_overhang_deg": max_overhang}
    if max_overhang is not None:
        down = _overhangs(mesh.face_normals, mesh.triangles[:, :, 2], max_overhang)
        areas = mesh.area_faces
        out["overhang_area_mm2"] = round(float(areas[down].sum()), 1)
        out["support_volume_cm3"] = round(_support_volume(mesh, down, layers) / 1000, 3)
        out["better_orientation"] = _better_orientation(mesh, max_overhang, deadline)
        out["bridges"] = _bridges(mesh, quantity_value(rules.get("max_bridge")))
    else:
        out["overhang_area_mm2"] = None
    out["min_wall_mm"] = min_wall
    out["thin_walls"] = _thin_walls(mesh, layers, min_wall) if min_wall else None
    out["machines"] = [_fit(mesh.extents, machine) for machine in machines]
    return out


def _overhangs(normals: np.ndarray, z: np.ndarray, max_overhang: float) -> np.ndarray:
    """Faces facing down more steeply than `max_overhang` from vertical, off the bed.

    Faces lower than one layer above the bed rest on the first layer and need nothing.
    """
    angle = np.degrees(np.arcsin(np.clip(-normals[:, 2], -1, 1)))
    on_bed = (z.max(axis=1) - z.min()) < fdm.FdmProfile.layer_height
    return (angle > max_overhang) & ~on_bed


def _support_volume(mesh: trimesh.Trimesh, down: np.ndarray, layers: Layers) -> float:
    """Volume under the overhangs down to the part below them or the bed, mm3."""
    if not down.any():
        return 0.0
    solid = layers.solid
    index = np.arange(len(solid), dtype=np.int32)[:, None, None]
    highest_below = np.maximum.accumulate(np.where(solid, index, -1), axis=0)
    centre = mesh.triangles_center[down]
    column = ((centre[:, 0] - layers.origin[0]) / layers.pixel).astype(int)
    row = ((centre[:, 1] - layers.origin[1]) / layers.pixel).astype(int)
    layer = np.floor((centre[:, 2] - layers.z0) / layers.height).astype(int) - 1
    below = np.where(layer >= 0, highest_below[np.clip(layer, 0, None), row, column], -1)
    floor = layers.z0 + (below + 1) * layers.height
    height = np.maximum(centre[:, 2] - floor, 0)
    projected = mesh.area_faces[down] * -mesh.face_normals[down, 2]
    return float((projected * height).sum())


def _support_proxy(
    normals: np.ndarray,
    areas: np.ndarray,
    centres_z: np.ndarray,
    z: np.ndarray,
    max_overhang: float,
) -> tuple[float, float]:
    """Overhang area and overhang area x height above the bed: cheap, for comparing poses."""
    down = _overhangs(normals, z, max_overhang)
    height = centres_z[down] - z.min()
    return float(areas[down].sum()), float((areas[down] * -normals[down, 2] * height).sum())


def _better_orientation(mesh: trimesh.Trimesh, max_overhang: float, deadline: float) -> Result:
    """Among stable resting poses (the largest convex-hull faces and the six sides), the one
    needing least support, if it needs clearly less than the exported orientation."""
    if time.monotonic() > deadline:
        return {"searched": False, "reason": "time budget used up"}
    normals, areas = mesh.face_normals, mesh.area_faces
    tri = mesh.triangles
    current = _support_proxy(
        normals, areas, mesh.triangles_center[:, 2], tri[:, :, 2], max_overhang
    )
    candidates = _resting_directions(mesh)
    best: tuple[float, float, np.ndarray] | None = None
    tried = 0
    for down in candidates:
        if time.monotonic() > deadline:
            break
        tried += 1
        rotation = trimesh.geometry.align_vectors(down, [0, 0, -1])[:3, :3]
        z = (tri @ rotation.T)[:, :, 2]
        proxy = _support_proxy(normals @ rotation.T, areas, z.mean(axis=1), z, max_overhang)
        if best is None or proxy[1] < best[1]:
            best = (proxy[0], proxy[1], down)
    out: Result = {
        "searched": True,
        "poses_tried": tried,
        "method": "largest convex-hull faces and the six sides as the bed face",
    }
    if best is not None and best[1] < 0.5 * current[1] and current[0] - best[0] > 0:
        out["bed_face_normal"] = [round(float(v), 3) for v in best[2]]
        out["overhang_area_mm2"] = round(best[0], 1)
        out["support_saving_pct"] = round(100 * (1 - best[1] / current[1]), 0) if current[1] else 0
    return out


def _resting_directions(mesh: trimesh.Trimesh, count: int = 6) -> list[np.ndarray]:
    """Outward normals of faces the part can rest on: its largest hull facets and sides."""
    directions = [
        np.array(v, dtype=float)
        for v in ([0, 0, -1], [0, 0, 1], [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0])
    ]
    try:
        hull = ConvexHull(mesh.vertices)
    except (QhullError, ValueError):
        return directions
    normals = hull.equations[:, :3]
    centre = mesh.center_mass if mesh.is_watertight else mesh.centroid
    corners = mesh.vertices[hull.simplices]
    areas = (
        np.linalg.norm(
            np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1
        )
        / 2
    )
    # Merge coplanar hull triangles by rounding their normals.
    keys, inverse = np.unique(np.round(normals, 3), axis=0, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=areas)
    for key in keys[np.argsort(totals)[::-1][:count]]:
        if _stable(mesh.vertices, key / np.linalg.norm(key), centre):
            directions.append(key / np.linalg.norm(key))
    return directions


def _stable(vertices: np.ndarray, down: np.ndarray, centre: np.ndarray) -> bool:
    """Whether the centre of mass lies over the footprint when resting on face `down`."""
    depth = vertices @ down
    contact = vertices[depth > depth.max() - 0.05]
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


def _bridges(mesh: trimesh.Trimesh, max_bridge: float | None) -> Result:
    """Flat downward regions off the bed (bridges or unsupported ceilings) and their spans."""
    normals = mesh.face_normals
    z = mesh.triangles[:, :, 2]
    flat = np.flatnonzero(_overhangs(normals, z, FLAT_DEG))
    spans: list[float] = []
    if len(flat):
        adjacency = mesh.face_adjacency
        keep = np.isin(adjacency, flat).all(axis=1)
        groups = trimesh.graph.connected_components(adjacency[keep], nodes=flat, min_len=1)
        for group in groups:
            spans.append(_span(mesh, group))
    longest = max(spans, default=0.0)
    too_long = int(sum(s > max_bridge for s in spans)) if max_bridge else 0
    return {
        "count": len(spans),
        "longest_mm": round(longest, 2),
        "max_bridge_mm": max_bridge,
        "too_long": too_long,
    }


def _span(mesh: trimesh.Trimesh, group: np.ndarray) -> float:
    """About the distance a bridge over these faces must cross, seen from below.

    The narrowest strip holding the region, or for a ring or other non-convex region
    4 x area / outline (the width of a square, twice that of a long strip).
    """
    points = mesh.triangles[group][:, :, :2]
    edges = np.sort(mesh.faces[group][:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2), axis=1)
    unique, uses = np.unique(edges, axis=0, return_counts=True)
    outline = unique[uses == 1]
    length = np.linalg.norm(np.diff(mesh.vertices[outline][:, :, :2], axis=1)[:, 0], axis=1).sum()
    area = float((mesh.area_faces[group] * -mesh.face_normals[group, 2]).sum())
    compact = 4 * area / length if length > 0 else math.inf
    return float(min(_short_side(points.reshape(-1, 2)), compact))


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


def _thin_walls(mesh: trimesh.Trimesh, layers: Layers, min_wall: float) -> Result:
    """Wall thickness sampled at surface points, marching inward through the layer grid."""
    step = min(layers.pixel, layers.height) / 2
    if max(layers.pixel, layers.height) > min_wall / 2:
        return {
            "checked": False,
            "reason": f"layer grid of {layers.pixel:.2f} mm is too coarse "
            f"to measure {min_wall:g} mm walls",
        }
    rng = np.random.default_rng(0)
    weights = mesh.area_faces / mesh.area_faces.sum()
    faces = rng.choice(len(mesh.faces), size=WALL_SAMPLES, p=weights)
    u, v = rng.random((2, WALL_SAMPLES))
    flip = u + v > 1
    u[flip], v[flip] = 1 - u[flip], 1 - v[flip]
    tri = mesh.triangles[faces]
    start = tri[:, 0] + u[:, None] * (tri[:, 1] - tri[:, 0]) + v[:, None] * (tri[:, 2] - tri[:, 0])
    inward = -mesh.face_normals[faces]
    depths = np.arange(1, int(1.5 * min_wall / step) + 2) * step
    points = start[:, None, :] + depths[None, :, None] * inward[:, None, :]
    inside = _occupied(layers, points.reshape(-1, 3)).reshape(points.shape[:2])
    entered = inside.cumsum(axis=1) > 0
    left = entered & ~inside
    # Thickness: depth of the first empty sample after the wall was entered.
    measured = entered.any(axis=1)
    exits = np.where(left.any(axis=1), depths[np.argmax(left, axis=1)], np.inf)
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


def _occupied(layers: Layers, points: np.ndarray) -> np.ndarray:
    solid = layers.solid
    column = np.floor((points[:, 0] - layers.origin[0]) / layers.pixel).astype(int)
    row = np.floor((points[:, 1] - layers.origin[1]) / layers.pixel).astype(int)
    layer = np.floor((points[:, 2] - layers.z0) / layers.height).astype(int)
    valid = (
        (column >= 0)
        & (column < solid.shape[2])
        & (row >= 0)
        & (row < solid.shape[1])
        & (layer >= 0)
        & (layer < solid.shape[0])
    )
    out = np.zeros(len(points), dtype=bool)
    out[valid] = solid[layer[valid], row[valid], column[valid]]
    return out


def _fit(size: np.ndarray, machine: dict[str, Any]) -> Result:
    volume = [float(v) for v in machine.get("build_volume_mm") or []]
    as_is = len(volume) == 3 and all(s <= b for s, b in zip(size, volume, strict=True))
    turned = len(volume) == 3 and all(
        s <= b for s, b in zip(sorted(size), sorted(volume), strict=True)
    )
    return {
        "id": machine.get("id"),
        "name": machine.get("name"),
        "build_volume_mm": volume,
        "fits": as_is,
        "fits_turned": turned,
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

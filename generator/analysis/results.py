"""What the analysis finds about a part, as frozen dataclasses.

Their JSON form (generator.analysis.codec) is one flat object per part, the form of the
cache files, `makelocal analyse --format json` and the site's api/designs.json: sections
(mesh health, geometry, printability...) are flattened into it, and keys that only some
parts have are left out rather than null. A later section (say, moulding figures) is a new
flattened field, beside today's keys.

Every figure carries its unit in its name. Pure data: no numpy, so that reporters and the
site read results without loading the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from generator.analysis.codec import FLATTENED, OMITTED_WHEN_NONE, decode_as, to_json
from generator.analysis.print_settings import PrintSettings
from generator.analysis.process_results import Flat, Forming, Moulding
from generator.analysis.said import Clause, written

# Bump when the analysis or its model changes: cached results of other versions are unused.
ANALYSER_VERSION = "4.3"

Verdict = Literal["ready", "needs-attention", "not-printable"]
FailureVerdict = Literal["unreadable", "not-analysed"]
Level = Literal["info", "attention", "blocker"]
Vector = tuple[float, float, float]


@dataclass(frozen=True, kw_only=True)
class MeshHealth:
    """How sound the mesh is, by edge use (an edge shared by exactly two faces is manifold)."""

    faces: int
    vertices: int
    bodies: int
    watertight: bool
    winding_consistent: bool
    inverted: bool  # was inside out: turned the right way out before it was measured
    degenerate_faces: int
    open_edges: int
    non_manifold_edges: int
    manifold_test: str
    # Corners of open edges this close were merged (generator.analysis.mesh), and the open
    # edges before that, when only corners alike to 8 decimals were one.
    merge_tolerance_mm: float
    open_edges_exact_match: int

    @property
    def closed(self) -> bool:
        """Watertight and consistently wound: the volume is a fact."""
        return self.watertight and self.winding_consistent


@dataclass(frozen=True, kw_only=True)
class Geometry:
    """Size and volume; the volume and centre of mass only of a closed mesh."""

    size_mm: Vector
    volume_cm3: float | None
    surface_area_cm2: float
    centre_of_mass_mm: Vector | None


@dataclass(frozen=True, kw_only=True)
class RestingFace:
    """A resting pose that needs clearly less support than the exported one."""

    bed_face_normal: Vector
    overhang_area_mm2: float
    support_saving_pct: float


@dataclass(frozen=True, kw_only=True)
class BetterOrientation:
    """The search for a better resting pose, and the pose if one was found."""

    searched: Literal[True] = field(default=True, init=False)
    poses_tried: int
    method: str
    better: RestingFace | None = field(default=None, metadata=FLATTENED)


@dataclass(frozen=True, kw_only=True)
class OrientationNotSearched:
    """The search for a better pose was skipped (the part's time budget was used up)."""

    searched: Literal[False] = field(default=False, init=False)
    reason: str


@dataclass(frozen=True, kw_only=True)
class Bridges:
    """Flat downward regions off the bed and the longest span a bridge must cross."""

    count: int
    longest_mm: float
    max_bridge_mm: float | None
    too_long: int


@dataclass(frozen=True, kw_only=True)
class ThinWalls:
    """Wall thickness sampled at surface points."""

    checked: Literal[True] = field(default=True, init=False)
    samples: int
    thin_share: float
    thinnest_mm: float | None
    method: str


@dataclass(frozen=True, kw_only=True)
class WallsNotChecked:
    """Walls were not measured: the layer grid is too coarse for the process's rule."""

    checked: Literal[False] = field(default=False, init=False)
    reason: str


@dataclass(frozen=True, kw_only=True)
class SupportMaterial:
    """The support PrusaSlicer would build under the overhangs, as material: the
    profile's support pattern, density, interface layers and gaps
    (generator.analysis.support). It is needed when it is more than a few lines."""

    support_needed: bool
    support_contact_mm2: float  # interface right under the part
    support_print_time_min: float
    support_method: str


@dataclass(frozen=True, kw_only=True)
class MachineFit:
    """Whether the part fits on one machine profile of its process, and how."""

    id: str | None
    name: str | None
    build_volume_mm: tuple[float, ...]
    fits: bool
    placement: str | None
    fits_turned: bool


@dataclass(frozen=True, kw_only=True)
class Printability:
    """The process's design rules applied to the part as exported (z up)."""

    orientation: str
    max_overhang_deg: float | None
    # The overhang figures are measured only when the process has an overhang rule.
    overhang_area_mm2: float | None
    # The material the support takes (not the space under the overhangs).
    support_volume_cm3: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    support: SupportMaterial | None = field(default=None, metadata=FLATTENED)
    better_orientation: BetterOrientation | OrientationNotSearched | None = field(
        default=None, metadata=OMITTED_WHEN_NONE
    )
    bridges: Bridges | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    min_wall_mm: float | None
    thin_walls: ThinWalls | WallsNotChecked | None
    machines: tuple[MachineFit, ...]

    @property
    def resting_face(self) -> RestingFace | None:
        """The better resting pose, if the search for one found it."""
        search = self.better_orientation
        return search.better if isinstance(search, BetterOrientation) else None


@dataclass(frozen=True, kw_only=True)
class FilamentUse:
    """An FDM estimate for one material: what the slicer model extrudes, the support
    included where the part needs it (support_g is its share)."""

    volume_cm3: float
    filament_m: float
    print_time_min: float
    filament_g: float | None
    mass_g: float | None
    support_g: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(frozen=True, kw_only=True)
class ShotMass:
    """A moulded part for one material: its full volume, the charge a press needs, and the
    mould cavity the material's shrinkage asks for."""

    volume_cm3: float | None
    mass_g: float | None
    charge_g: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    shrinkage_pct: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    cavity_size_mm: Vector | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(frozen=True, kw_only=True)
class SheetUse:
    """A vacuum-formed part for one material: the sheet one forming takes."""

    sheet_area_mm2: float
    sheet_thickness_mm: float
    mass_g: float | None


@dataclass(frozen=True, kw_only=True)
class PieceUse:
    """A flat part for one material: the mass of its pieces, from the fabric's areal
    density or the sheet's density and thickness."""

    piece_area_mm2: float
    mass_g: float | None
    mass_basis: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(frozen=True, kw_only=True)
class MaterialUse:
    """Mass, and for FDM filament and time, of the part in one material."""

    material: str
    density_g_cm3: float | None
    price_usd_kg: float | None
    note: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)  # why a figure is missing
    filament: FilamentUse | None = field(default=None, metadata=FLATTENED)
    shot: ShotMass | None = field(default=None, metadata=FLATTENED)
    sheet: SheetUse | None = field(default=None, metadata=FLATTENED)
    piece: PieceUse | None = field(default=None, metadata=FLATTENED)
    cost_usd: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)

    @property
    def mass_g(self) -> float | None:
        estimate = self.filament or self.shot or self.sheet or self.piece
        return estimate.mass_g if estimate else None


@dataclass(frozen=True, kw_only=True)
class ProfileUsed:
    """The model behind the material figures: for FDM, the slicing profile and what the
    process record and the design changed in it."""

    model: str | None
    name: str
    settings: dict[str, float | int | str] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    changes: tuple[str, ...] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # The print settings the design recommends, which `settings` holds: None if it gives none.
    recommended: PrintSettings | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # What the figures assume, in words each language writes (generator.analysis.said).
    assumptions: tuple[Clause, ...] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    extruded_cm3: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    breakdown_cm3: dict[str, float] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    time_breakdown_min: dict[str, float] | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(frozen=True, kw_only=True)
class Reason:
    """Something that counts towards the verdict, said so a person can act on it."""

    level: Level
    message: str  # in English: `said` written as the code writes it
    said: Clause  # the sentence typed, which each language writes its own way


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """Everything the catalogue shows about one part: its mesh's health and size (a mesh
    part), and the section of its process's analysis (printed, moulded, formed or flat)."""

    process: str | None
    mesh: MeshHealth | None = field(default=None, metadata=FLATTENED)
    geometry: Geometry | None = field(default=None, metadata=FLATTENED)
    overlapping_shells: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    grid_mm: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    printability: Printability | None = field(default=None, metadata=FLATTENED)
    moulding: Moulding | None = field(default=None, metadata=FLATTENED)
    forming: Forming | None = field(default=None, metadata=FLATTENED)
    flat: Flat | None = field(default=None, metadata=FLATTENED)
    materials: tuple[MaterialUse, ...]
    profile: ProfileUsed
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def size_mm(self) -> Vector | None:
        """The part's bounding box: a mesh's, or a flat part's outline and sheet thickness
        (0 where none is stated)."""
        if self.geometry is not None:
            return self.geometry.size_mm
        if self.flat is not None:
            x, y = self.flat.outline_size_mm
            return x, y, self.flat.sheet_thickness_mm or 0.0
        return None


@dataclass(frozen=True, kw_only=True)
class AnalysedFile:
    """Which file was analysed, for which part of which design, and by which analyser."""

    file: str  # as shown to people: relative to the repository
    design: str | None
    part: str | None
    quantity: int
    sha256: str
    analyser_version: str


@dataclass(frozen=True, kw_only=True)
class SlicerFigures:
    """PrusaSlicer's own figures for the part, read from its G-code."""

    filament_mm: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    filament_cm3: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    filament_g: float
    print_time_min: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    slicer_seconds: float
    profile: str


@dataclass(frozen=True, kw_only=True)
class SlicerFailure:
    """PrusaSlicer is missing, failed or timed out."""

    error: str


@dataclass(frozen=True, kw_only=True)
class PartAnalysis:
    """An analysed part."""

    analysed: AnalysedFile = field(metadata=FLATTENED)
    analysis: Analysis = field(metadata=FLATTENED)
    preview_png: str | None = field(
        default=None, metadata=OMITTED_WHEN_NONE
    )  # in the runner's cache, on this machine
    seconds: float
    prusa_slicer: SlicerFigures | SlicerFailure | None = field(
        default=None, metadata=OMITTED_WHEN_NONE
    )

    @property
    def verdict(self) -> Verdict:
        return self.analysis.verdict


@dataclass(frozen=True, kw_only=True)
class PartFailure:
    """A part that could not be read or analysed, with the finding that says why."""

    analysed: AnalysedFile = field(metadata=FLATTENED)
    error: str
    verdict: FailureVerdict


PartResult: TypeAlias = PartAnalysis | PartFailure


@dataclass(frozen=True, kw_only=True)
class PartWithoutMesh:
    """A part made from its source alone (a sewing pattern, a pressed outline): nothing to
    analyse, and said so."""

    file: str  # the design record
    design: str
    part: str
    process: str | None
    verdict: Literal["no-mesh"] = field(default="no-mesh", init=False)
    reason: str


# What the site leaves out of a published analysis: where the runner's cache is on the
# building machine, and how long the analysis took (the site must build byte for byte
# the same).
UNPUBLISHED = ("preview_png", "seconds")


def part_result_from_json(data: Any) -> PartResult:
    """A cached or saved result read back; codec.DecodeError if it is not one."""
    result: PartResult = decode_as(PartResult, data)
    return result


def published(result: PartResult) -> dict[str, Any]:
    """The JSON form of a result as the site publishes it: each profile's assumptions as
    English sentences, as the API has always given them (a reason keeps its English
    `message` beside its typed `said`)."""
    return {
        key: value
        for key, value in to_json(result, {"assumptions": _sentences}).items()
        if key not in UNPUBLISHED
    }


def _sentences(clauses: tuple[Clause, ...]) -> list[str]:
    return [written(clause) for clause in clauses]

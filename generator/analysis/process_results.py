"""What the analyses of moulded, formed and flat parts find, as frozen dataclasses.

Each is a section that generator.analysis.results.Analysis flattens into the part's one
JSON object, beside the mesh's health and size: `low_draft_area_mm2`, `undercut_area_mm2`,
`wall_min_mm`, `shot_volume_cm3` for a moulded part, the sheet's figures for a formed one,
`area_mm2`, `perimeter_mm`, `pieces_per_sheet` for a flat one. Every figure carries its
unit in its name; every rule the part was checked against is given beside the figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis.codec import OMITTED_WHEN_NONE

Vector = tuple[float, float, float]
Size2 = tuple[float, float]


@dataclass(frozen=True, kw_only=True)
class OpeningDirection:
    """How a part would come out of its mould opening along another direction."""

    direction: Vector
    undercut_area_mm2: float
    low_draft_area_mm2: float


@dataclass(frozen=True, kw_only=True)
class MouldMachine:
    """Whether the part's mould and shot suit one machine of the process."""

    id: str | None
    name: str | None
    mould_space_mm: tuple[float, ...]  # the space the mould must fit in
    cavity_fits: bool  # the part itself fits that space (the mould's walls come on top)
    shot_volume_cm3: float | None
    shot_fits: bool | None  # None: the machine's shot is not known


@dataclass(frozen=True, kw_only=True)
class Moulding:
    """A part filled into a two-part mould opening along `opening_direction`."""

    opening_direction: Vector
    release_grid_mm: float  # the voxel the undercut and wall figures are measured on
    min_draft_deg: float | None  # the process's draft rule, its lower end
    low_draft_area_mm2: float  # faces with less draft than the rule (or none, without one)
    undercut_area_mm2: float
    undercut_at_mm: Vector | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    min_wall_rule_mm: float | None
    max_wall_rule_mm: float | None
    wall_min_mm: float | None  # 1 % of the measured surface lies on thinner walls
    wall_min_at_mm: Vector | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    wall_max_mm: float  # the largest ball inside the part
    wall_max_at_mm: Vector
    thin_wall_share: float | None  # share of the measured surface under the minimum wall
    shot_volume_cm3: float | None  # the part alone; sprue and runners come on top
    better_direction: OpeningDirection | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    mould_machines: tuple[MouldMachine, ...]


@dataclass(frozen=True, kw_only=True)
class Pocket:
    """A basin in a buck that the sheet is drawn down into (a female mould)."""

    depth_mm: float
    width_mm: float  # the largest circle in its opening
    depth_ratio: float  # depth / width
    at_mm: Size2  # its widest point, x and y


@dataclass(frozen=True, kw_only=True)
class Former:
    """Whether a buck fits one vacuum former of the process."""

    id: str | None
    name: str | None
    work_area_mm: tuple[float, ...]
    fits: bool
    placement: str | None
    max_depth_mm: float | None
    sheet_size_mm: tuple[float, ...] | None


@dataclass(frozen=True, kw_only=True)
class Forming:
    """A vacuum-forming buck seen from the sheet's side (+z)."""

    forming_grid_mm: float
    male_draft_deg: float | None  # the process's draft rules, their lower ends
    female_draft_deg: float | None
    low_draft_area_mm2: float  # male and female walls with less draft than their rules
    female_area_mm2: float  # buck surface inside pockets
    undercut_area_mm2: float
    undercut_at_mm: Vector | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    pockets: tuple[Pocket, ...]
    max_depth_ratio_pct: float | None  # the process's rule for pockets
    footprint_mm2: float  # the buck seen from above
    formed_area_mm2: float  # the surface the sheet is drawn over
    areal_draw_ratio: float
    sheet_thickness_mm: float | None  # the part's; None: not stated
    average_wall_mm: float | None  # sheet thickness / areal draw ratio
    formers: tuple[Former, ...]


@dataclass(frozen=True, kw_only=True)
class Layout:
    """The part's pieces laid out on one sheet, or along a roll of fabric."""

    sheet: str  # what it is, in words
    sheet_size_mm: tuple[float, ...]  # width, length; a roll: its width alone
    pieces_per_sheet: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    roll_mm_per_100: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    turned: bool  # pieces' long sides along the sheet's length


@dataclass(frozen=True, kw_only=True)
class Flat:
    """A part cut or sewn from sheet, read from its 1:1 outline."""

    drawing_units: str  # how the drawing's size is known
    pieces: int
    area_mm2: float
    perimeter_mm: float  # every outline, holes too: what a cutter travels
    outline_size_mm: Size2
    open_lines: int  # lines that close no outline
    min_feature_mm: float | None  # the process's rule
    narrow_area_mm2: float | None  # area narrower than it
    seam_allowance_mm: float | None  # the process's parameter, its lower end
    stitch_length_mm: float | None  # the stitching line that far inside the edge
    sheet_thickness_mm: float | None
    gap_mm: float  # between pieces laid out: the process's kerf, or none
    sheet: str | None  # the first layout's sheet, in words (None: no sheet or roll known)
    pieces_per_sheet: int | None  # on that sheet (None on a roll, or no sheet)
    layouts: tuple[Layout, ...]
    layout_method: str

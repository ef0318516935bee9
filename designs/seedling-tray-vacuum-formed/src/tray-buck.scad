// Seedling tray, vacuum-formed: the buck (mould) the sheet is formed over. The buck is
// a block with one pocket per cell; the hot sheet is drawn down into the pockets and
// round the block's sides, and comes off as a tray of cells.
// MakeLocal design "seedling-tray-vacuum-formed", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/tray-buck.stl src/tray-buck.scad
//
// The buck stands on the former's table as exported, base down; the sheet comes from
// above (+z). Rules followed (the vacuum forming process record): draft on every wall,
// at least 3 deg outside (male) and 1.5 deg in the pockets (female); pockets no deeper
// than 75 % of their width; corners rounded, each radius at least the sheet thickness
// plus 1-2 mm; no undercut. Every face is a plane of a polyhedron built from points, so
// the drafts are exact.
//
// The file is the shape the sheet takes. The buck you make also needs vent holes, one
// at the bottom of each pocket, so the air under the sheet can escape: set vents = true
// to draw them (for printing the buck), and leave it false for the analysed part file.

// ---- parameters (mm, degrees) ----
cols          = 5;     // cells across (x)
rows          = 4;     // cells front to back (y)
cell_top      = 38;    // cell opening, square, at the top of the tray
cell_depth    = 25;    // cell depth: two thirds of the opening, under the 75 % rule
cell_draft    = 3;     // pocket walls (female); the process asks for at least 1.5
cell_r        = 5;     // rounding of the cell's vertical corners
cell_chamfer  = 1.5;   // 45 deg chamfer round the top of each cell
floor_chamfer = 3;     // 45 deg chamfer round the bottom of each cell
rib           = 5;     // top of the wall between two cells
rim           = 6;     // flat rim round the outside cells
floor         = 5;     // block under the deepest point of the cells
outer_draft   = 5;     // outside walls (male); the process asks for 3-5
outer_r       = 8;     // rounding of the block's vertical corners
outer_chamfer = 3;     // 45 deg chamfer round the top edge of the block
vents         = false; // true: draw a vent hole at the bottom of each cell
vent_d        = 1.5;
corner_n      = 6;     // points on each rounded corner

// ---- derived ----
height  = floor + cell_depth;
top_w   = cols * cell_top + (cols - 1) * rib + 2 * rim;
top_d   = rows * cell_top + (rows - 1) * rib + 2 * rim;
grow    = height * tan(outer_draft);       // how much wider the base is, each side
base_w  = top_w + 2 * grow;
base_d  = top_d + 2 * grow;

// A rounded rectangle w x d with corner radius r, centred, counter-clockwise, always
// 4 * corner_n points, so that outlines of different sizes can be joined point to point.
function rrect(w, d, r) = [
    for (q = [[1, 1, 0], [-1, 1, 90], [-1, -1, 180], [1, -1, 270]], k = [0:corner_n - 1])
        let(a = q[2] + 90 * k / (corner_n - 1))
            [q[0] * (w / 2 - r) + r * cos(a), q[1] * (d / 2 - r) + r * sin(a)]
];

// A solid through a list of [z, outline] layers (outlines of equal point count, bottom
// first): its side walls are the planes between neighbouring layers.
module loft(layers) {
    m = len(layers);
    n = len(layers[0][1]);
    points = [for (l = layers, p = l[1]) [p[0], p[1], l[0]]];
    faces = concat(
        [[for (i = [0:n - 1]) i]],
        [[for (i = [n - 1:-1:0]) (m - 1) * n + i]],
        // each planar quad as two triangles, so rounding cannot make a face non-planar
        [for (j = [0:m - 2], i = [0:n - 1]) let(k = (i + 1) % n)
            [j * n + i, (j + 1) * n + i, (j + 1) * n + k]],
        [for (j = [0:m - 2], i = [0:n - 1]) let(k = (i + 1) % n)
            [j * n + i, (j + 1) * n + k, j * n + k]]);
    polyhedron(points, faces, convexity = 4);
}

module block() {
    c = outer_chamfer;
    t = (height - c) * tan(outer_draft);
    loft([
        [0, rrect(base_w, base_d, outer_r)],
        [height - c, rrect(base_w - 2 * t, base_d - 2 * t, outer_r - t)],
        [height, rrect(base_w - 2 * t - 2 * c, base_d - 2 * t - 2 * c, outer_r - t - c)]]);
}

// One cell's pocket, to be cut from the block; it reaches a little above the top.
module pocket() {
    c = cell_chamfer;
    f = floor_chamfer;
    lean = tan(cell_draft);
    w_c = cell_top - 2 * c;                                  // wall top, below the chamfer
    w_f = w_c - 2 * (cell_depth - c - f) * lean;             // wall bottom, above the floor chamfer
    r_f = cell_r - (w_c - w_f) / 2;
    e = 0.5;                                                 // above the block, for a clean cut
    loft([
        [floor, rrect(w_f - 2 * f, w_f - 2 * f, r_f - f)],
        [floor + f, rrect(w_f, w_f, r_f)],
        [height - c, rrect(w_c, w_c, cell_r)],
        [height + e, rrect(cell_top + 2 * e, cell_top + 2 * e, cell_r + c + e)]]);
}

module buck() {
    pitch = cell_top + rib;
    difference() {
        block();
        for (i = [0:cols - 1], j = [0:rows - 1])
            translate([(i - (cols - 1) / 2) * pitch, (j - (rows - 1) / 2) * pitch, 0]) {
                pocket();
                if (vents) translate([0, 0, -1]) cylinder(d = vent_d, h = floor + 2, $fn = 12);
            }
    }
}

buck();

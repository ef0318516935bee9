// Reusable sanitary pad: sewing pattern, drawn in 2D. The shell (backing plus a top in
// two overlapping halves, making a pocket) is washed and reused; the absorbent core is
// a separate insert slipped into the pocket: cotton layers (washable) or a banana-fibre
// core (single use). MakeLocal design "reusable-sanitary-pad", licence CC-BY-SA-4.0.
//
// This file holds the outlines and parameters. Two files draw each piece:
// - pad-backing-cut.scad, pad-top-front-cut.scad, pad-top-back-cut.scad, pad-core-cut.scad:
//   the cutting line alone (seam allowance included), exported to parts/*.svg for a
//   cutter, a laser or the analysis. Export: openscad -o parts/pad-backing.svg src/pad-backing-cut.scad
// - pad-backing.scad, pad-top-front.scad, pad-top-back.scad, pad-core.scad: the printable
//   pattern at 100 % on A4 (portrait), with the cutting line, a dashed stitching line, the
//   marks, and a 50 mm square to check the print scale.
//   Export: openscad -o src/pad-backing.svg src/pad-backing.scad

// ---- parameters (mm): finished sizes, before seam allowance ----
front_r     = 32;    // body: hull of a front circle...
front_y     = 82;
back_r      = 36;    // ...and a back circle
back_y      = -78;
wing_reach  = 74;    // wing tip distance from the centre line
wing_r      = 13;    // wing tip rounding
wing_root   = 30;    // half-length of the wing where it joins the body
seam        = 6;     // seam allowance
hem         = 12;    // extra on the pocket edges of the top halves, folded under twice
overlap     = 30;    // the top halves overlap by this much at the middle
core_inset  = 7;     // core insert is this much smaller than the body all round
button_d    = 3;     // mark for the button or snap at each wing tip
line        = 0.5;   // printed line width
dash        = 4;

module body() {
    hull() {
        translate([0, front_y]) circle(r = front_r, $fn = 96);
        translate([0, back_y]) circle(r = back_r, $fn = 96);
    }
}

module wings() {
    for (s = [-1, 1]) hull() {
        translate([s * (wing_reach - wing_r), 0]) circle(r = wing_r, $fn = 48);
        translate([s * (back_r - 10) - wing_root, -wing_root]) square([2 * wing_root, 2 * wing_root]);
    }
}

// Body and wings, with the inside corners between them rounded.
module shell() { offset(r = -8) offset(r = 8) union() { body(); wings(); } }

module core() { offset(delta = -core_inset) body(); }

// ---- cutting lines: each finished outline grown by the seam allowance ----
module backing_cut() { offset(r = seam) shell(); }
module core_cut() { offset(r = seam) core(); }
// A top half: the shell cut across the middle, reaching `overlap / 2` past it plus the
// hem, so after hemming the two halves overlap and leave a pocket opening. The hem edge
// is cut straight (no seam allowance) and not stitched to the backing.
module top_half_cut(side) {
    intersection() { offset(r = seam) shell(); half_plane(side, overlap / 2 + hem); }
}

// A line along the boundary of a 2D shape, inside it.
module outline_of() { difference() { children(); offset(delta = -line) children(); } }

// Dashes: the line kept on the black squares of a checkerboard, so lines in any
// direction come out dashed.
module dashed() {
    n = ceil(150 / dash);
    intersection() {
        children();
        for (i = [-n:n - 1], j = [-n:n - 1]) if ((i + j) % 2 == 0)
            translate([i * dash, j * dash]) square(dash);
    }
}

module cross(p) {
    translate(p) { square([6, line], center = true); square([line, 6], center = true); }
}

module scale_square() {
    translate([45, -130]) outline_of() square(50);
}

// A piece: the finished outline `shape` (children), cut along the finished outline
// grown by the seam allowance, stitched along the finished outline.
module piece() {
    outline_of() offset(r = seam) children();
    dashed() outline_of() children();
}

// Everything on the side `side` (+1: front, -1: back) of the line y = -side * d.
module half_plane(side, d) {
    translate([-200, side > 0 ? -d : -400 + d]) square([400, 400]);
}

// A top half, printed: its cutting line, the stitching line (not along the hem edge) and
// the fold lines of the double hem.
module top_half_piece(side) {
    reach = overlap / 2 + hem;
    outline_of() top_half_cut(side);
    dashed() intersection() { outline_of() shell(); half_plane(side, reach); }
    // fold lines of the double hem
    for (d = [reach - hem / 2, overlap / 2]) dashed() intersection() {
        offset(r = seam) shell();
        translate([-200, -side * d - line / 2]) square([400, line]);
    }
}

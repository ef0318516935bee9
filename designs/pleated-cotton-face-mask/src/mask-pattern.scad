// Pleated cotton face mask: sewing pattern, drawn in 2D. Two cotton rectangles sewn as
// one, hemmed along the long sides, with three pleats and a casing at each short side
// for the ear elastic (or a cloth tie). The rectangle, hems, casings and elastic follow
// the CDC's 2020 instructions for a sewn cloth face covering; the pleats replace their
// gathering. MakeLocal design "pleated-cotton-face-mask", licence CC-BY-SA-4.0.
//
// This file holds the parameters and outlines. panel.scad and tie.scad draw each
// piece's cutting line alone, exported to parts/*.svg (openscad -o parts/panel.svg
// src/panel.scad); panel-pattern.scad draws the printable pattern with the fold lines
// (openscad -o src/panel-pattern.svg src/panel-pattern.scad), for A4 landscape.
// Sizes in mm; the CDC's sizes were given in inches (1 in = 25.4 mm).

// ---- parameters (mm) ----
panel_w    = 254;    // 10 in: across the face, cheek to cheek
panel_h    = 152.4;  // 6 in: nose to chin before pleating
hem        = 6.35;   // 1/4 in, folded under along each long side
casing     = 12.7;   // 1/2 in, folded over along each short side; the elastic runs in it
pleats     = 3;
pleat_fold = 12;     // each pleat folds this much fabric under (it takes twice as much)
tie_w      = 40;     // cloth tie, cut on the straight grain, folded in four to 10 mm
tie_l      = 750;    // long enough to run through a casing and tie behind the head
line       = 0.5;    // printed line width
dash       = 4;

module panel() { square([panel_w, panel_h]); }
module tie() { square([tie_l, tie_w]); }

// Height between the hems, and where the pleats go: the pleats are spread evenly over
// it, each fold line `2 * pleat_fold` above the line it is brought down to.
inner_h = panel_h - 2 * hem;
function fold_y(i) = hem + inner_h * (i + 1) / (pleats + 1) + pleat_fold;
function meet_y(i) = fold_y(i) - 2 * pleat_fold;

// ---- drawing helpers for the printable pattern ----
module outline_of() { difference() { children(); offset(delta = -line) children(); } }
module hline(y) { translate([0, y - line / 2]) square([panel_w, line]); }
module vline(x) { translate([x - line / 2, 0]) square([line, panel_h]); }
// Dashed lines: a horizontal line kept on every other `dash` along x, a vertical one on
// every other `dash` along y.
module hdash(y) {
    intersection() {
        hline(y);
        for (i = [0:2:ceil(panel_w / dash)]) translate([i * dash, 0]) square([dash, panel_h]);
    }
}
module vdash(x) {
    intersection() {
        vline(x);
        for (j = [0:2:ceil(panel_h / dash)]) translate([0, j * dash]) square([panel_w, dash]);
    }
}

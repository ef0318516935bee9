// Pad top, back half, cutting line only (seam allowance and hem included): exported to
// parts/pad-top-back.svg. The printable pattern with fold lines is pad-top-back.scad.
include <pad-pattern.scad>
top_half_cut(-1);

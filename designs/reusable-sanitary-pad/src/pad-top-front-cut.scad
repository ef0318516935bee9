// Pad top, front half, cutting line only (seam allowance and hem included): exported to
// parts/pad-top-front.svg. The printable pattern with fold lines is pad-top-front.scad.
include <pad-pattern.scad>
top_half_cut(1);

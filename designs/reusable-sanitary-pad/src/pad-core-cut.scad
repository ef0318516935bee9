// Core insert, cutting line only (seam allowance included): exported to
// parts/pad-core.svg. The printable pattern with stitching line is pad-core.scad.
include <pad-pattern.scad>
core_cut();

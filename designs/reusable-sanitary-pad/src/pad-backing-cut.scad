// Pad backing, cutting line only (seam allowance included): exported to
// parts/pad-backing.svg for a fabric cutter, a laser or the analysis. The printable
// pattern with stitching line and marks is pad-backing.scad.
include <pad-pattern.scad>
backing_cut();

// Core insert (cut 3-4 layers of cotton flannel or terry, stitched together round the
// edge; or use it as the outline of a single-use banana-fibre core).
include <pad-pattern.scad>
piece() core();
cross([0, 0]);
scale_square();

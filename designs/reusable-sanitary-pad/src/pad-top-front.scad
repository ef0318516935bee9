// Pad top, front half (cut 1 in soft cotton). The straight edge is the pocket opening:
// fold it under along the two dashed lines (a double hem) and stitch before assembling.
include <pad-pattern.scad>
top_half_piece(1);
for (s = [-1, 1]) cross([s * (wing_reach - wing_r), 0]);
scale_square();

// Pad backing (cut 1 in leak-resistant fabric, or 2 layers of tightly woven cotton).
include <pad-pattern.scad>
piece() shell();
for (s = [-1, 1]) cross([s * (wing_reach - wing_r), 0]);
scale_square();

// pivot-bracket of the hand-washing station foot pedal; parameters in foot-pedal.scad.
include <foot-pedal.scad>
pivot_bracket();

// Hook half of the hands-free door opener; parameters in door-opener.scad.
include <door-opener.scad>
hook_half();

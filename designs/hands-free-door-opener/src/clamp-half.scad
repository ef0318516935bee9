// Plain clamp half (with nut pockets) of the hands-free door opener; parameters in door-opener.scad.
include <door-opener.scad>
clamp_half();

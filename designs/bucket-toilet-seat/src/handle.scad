// Handle: stands on its long edge on the lid, screwed through the lid from below.
// Cutting outline, 1:1 in mm: openscad -o parts/handle.svg src/handle.scad
include <toilet-seat.scad>
handle();

// Lid: lies on the seat over the opening; not airtight, so the contents can dry.
// Cutting outline, 1:1 in mm: openscad -o parts/lid.svg src/lid.scad
include <toilet-seat.scad>
lid();

// Ring: screwed under the seat, sits inside the bucket's mouth so the seat cannot slide.
// Cutting outline, 1:1 in mm: openscad -o parts/ring.svg src/ring.scad
include <toilet-seat.scad>
ring();

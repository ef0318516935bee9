// Seat: rests on the bucket's rim; the ring is screwed under it.
// Cutting outline, 1:1 in mm: openscad -o parts/seat.svg src/seat.scad
include <toilet-seat.scad>
seat();

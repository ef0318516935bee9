// Bucket toilet seat, cut from a pressed sheet of recycled HDPE or PP: a seat that rests
// on the rim of a bucket, a ring screwed under it that sits inside the bucket's mouth so
// the seat cannot slide off, a lid and a handle for the lid.
// MakeLocal design "bucket-toilet-seat", licence CERN-OHL-S-2.0.
//
// This file holds the parameters and outlines; seat.scad, ring.scad, lid.scad and
// handle.scad each draw one part's cutting outline, 1:1 in mm, and are exported to
// parts/*.svg (openscad -o parts/seat.svg src/seat.scad). All four parts are cut from
// the same sheet, 12 mm thick by default (the part records state it).

// ---- parameters (mm) ----
bucket_inside_d = 280;  // inside diameter of the bucket's mouth: measure your bucket
ring_clearance  = 3;    // gap all round between the ring and the inside of the mouth
seat_w          = 360;  // seat outline, across (an ellipse); it must overhang the rim
seat_d          = 390;  // seat outline, front to back
hole_w          = 190;  // seat opening, across (an ellipse)
hole_d          = 240;  // seat opening, front to back
lid_margin      = 25;   // the lid covers the opening and this much of the seat all round
handle_l        = 110;  // handle: a flat piece standing on its long edge on the lid
handle_h        = 45;
finger_l        = 70;   // finger slot through the handle
finger_h        = 22;
finger_top      = 9;    // material above the finger slot
corner_r        = 6;    // rounding of the handle's corners and the finger slot's ends
$fn = 180;

module ellipse(w, d) { scale([w, d]) circle(d = 1); }

module seat() { difference() { ellipse(seat_w, seat_d); ellipse(hole_w, hole_d); } }

module ring() {
    difference() { circle(d = bucket_inside_d - 2 * ring_clearance); ellipse(hole_w, hole_d); }
}

module lid() { ellipse(hole_w + 2 * lid_margin, hole_d + 2 * lid_margin); }

// The handle, its long bottom edge on y = 0 (screwed to the lid through that edge).
module handle() {
    difference() {
        translate([-handle_l / 2, 0]) offset(r = corner_r) offset(delta = -corner_r)
            square([handle_l, handle_h]);
        translate([0, handle_h - finger_top - finger_h / 2])
            hull() for (s = [-1, 1]) translate([s * (finger_l - finger_h) / 2, 0]) circle(d = finger_h);
    }
}

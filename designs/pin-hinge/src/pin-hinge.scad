// Pin hinge: two printed leaves and a printed pin (or an M4 bolt). For cupboard doors,
// box lids, gates and flaps whose hinge broke. MakeLocal design "pin-hinge",
// licence CERN-OHL-S-2.0. Parts (one file each): src/leaf-a.scad, src/leaf-b.scad,
// src/pin.scad.
//
// The hinge axis runs along x. Leaves print flat on their mounting face. The knuckles
// have a flat-bottomed profile (circle plus 45 deg flanks down to the bed) and the pin
// hole is a teardrop with its point up, so nothing needs support. The pin prints lying
// on a flat of its octagonal section.

// ---- parameters (mm) ----
hinge_length = 60;
knuckles     = 5;     // odd: leaf A takes the outer ones
leaf_width   = 30;    // from the axis to the leaf's edge
leaf_t       = 3;     // leaf thickness (>= 1.2; 3 takes countersunk wood screws)
knuckle_d    = 9;
pin_d        = 4;     // printed pin across flats, or an M4 bolt
hole_d       = 4.4;
axial_gap    = 0.4;   // between knuckles
radial_gap   = 0.5;   // between a knuckle and the other leaf's plate
screws       = 3;     // per leaf
screw_d      = 3.8;   // clearance for a 3.5 mm wood screw
screw_head_d = 7.5;
pin_head     = 3;     // head length of the printed pin
$fn = 48;

R = knuckle_d / 2;
seg = hinge_length / knuckles;
// Farthest point of the knuckle profile from the axis: its bottom corners.
flank_half = R * (sqrt(2) - 1);   // half-width of the flat bottom
sweep = sqrt(pow(flank_half, 2) + pow(R, 2));

// Knuckle profile in the yz plane, axis at (0, R): a circle whose 45 deg tangents run
// down to a flat on the bed.
module knuckle_profile() {
    hull() {
        translate([0, R]) circle(r = R);
        translate([-flank_half, 0]) square([2 * flank_half, 0.01]);
    }
}

module along_x(x0, l) { translate([x0, 0, 0]) rotate([90, 0, 90]) linear_extrude(l) children(); }

module pin_hole() {
    along_x(-1, hinge_length + 2) translate([0, R]) {
        circle(d = hole_d);
        polygon([[0, hole_d / 2 * sqrt(2)], [hole_d / 2 * cos(45), hole_d / 2 * sin(45)],
                 [-hole_d / 2 * cos(45), hole_d / 2 * sin(45)]]);
    }
}

// One leaf, extending towards +y; `first` = 0 for leaf A (knuckles 0, 2, 4...), 1 for B.
module leaf(first) {
    difference() {
        union() {
            cube([hinge_length, leaf_width, leaf_t]);
            for (i = [first:2:knuckles - 1]) {
                x0 = i * seg + (i == 0 ? 0 : axial_gap / 2);
                x1 = (i + 1) * seg - (i == knuckles - 1 ? 0 : axial_gap / 2);
                along_x(x0, x1 - x0) knuckle_profile();
            }
        }
        // clear the other leaf's knuckles: the plate steps back from the axis there
        for (i = [1 - first:2:knuckles - 1]) {
            x0 = i * seg - axial_gap / 2;
            translate([x0, -leaf_width, -1]) cube([seg + axial_gap, leaf_width + sweep + radial_gap, leaf_t + 2 * R + 2]);
        }
        pin_hole();
        for (i = [0:screws - 1]) {
            x = hinge_length * (i + 0.5) / screws;
            translate([x, (leaf_width + sweep + radial_gap) / 2 + 1.5, 0]) {
                translate([0, 0, -1]) cylinder(d = screw_d, h = leaf_t + 2);
                translate([0, 0, leaf_t - (screw_head_d - screw_d) / 2])
                    cylinder(d1 = screw_d, d2 = screw_head_d, h = (screw_head_d - screw_d) / 2 + 0.01);
            }
        }
    }
}

module leaf_a() { leaf(0); }
// Leaf B takes the other knuckles. With an odd number of knuckles it is symmetric end
// to end: turned half a turn flat on the bench (not turned over) it meets leaf A with
// both plates on the same face, so it prints the same way as leaf A.
module leaf_b() { leaf(1); }

// Octagonal pin with a head, lying on a flat; head and shaft both stand on the bed.
module pin() {
    module oct(flats, l) along_x(0, l) translate([0, flats / 2]) rotate(22.5) circle(r = flats / (2 * cos(22.5)), $fn = 8);
    oct(knuckle_d - 1, pin_head);
    translate([pin_head - 0.01, 0, 0]) oct(pin_d, hinge_length + 1.5);
}

// Hands-free door opener: clamps on a round lever handle; push the lever down with the
// forearm on the arm, pull the door with the forearm behind the hook.
// MakeLocal design "hands-free-door-opener", licence CERN-OHL-S-2.0.
// Parts (one file each): src/hook-half.scad, src/clamp-half.scad.
//
// Coordinates: the handle runs along x. Both halves print with their split face on the
// bed. Each half-bore is a channel in that face with a pointed (teardrop) roof, so it
// prints without support; screw heads (hook half) and nuts (clamp half) sit in pockets
// that open upwards.

// ---- parameters (mm) ----
handle_d      = 20;    // measure the handle; for oval or square handles, use the larger size
liner         = 1;     // rubber liner (strip of inner tube) between handle and clamp
clamp_length  = 30;    // along the handle
screw_d       = 4.4;   // clearance hole for M4
screw_head_d  = 8;     // counterbore for an M4 socket or pan head
head_depth    = 9;
nut_flats     = 7.4;   // M4 nut (7 mm across flats) plus clearance
nut_depth     = 6;     // the nut sits at the bottom of its pocket
split_gap     = 1;     // the halves stop this far apart, so the screws can squeeze the handle
wall          = 7;     // material round the bore and the screws
arm_length    = 80;    // clear room between clamp and hook, for a forearm
arm_thickness = 8;
hook_height   = 35;    // above the split face
hook_thickness= 7;
$fn = 64;

bore_d = handle_d + 2 * liner;
half_h = bore_d / 2 + wall - split_gap / 2;             // height of each printed half
screw_x = bore_d / 2 + wall / 2 + screw_d / 2;          // screw centres, either side of the bore
block_w = 2 * (screw_x + screw_d / 2 + wall - 1);       // across the handle (y)

// Screw needed: from the counterbore floor through both halves to past the nut.
stack = 2 * half_h + split_gap;
screw_min = stack - head_depth - nut_depth + 3.2;
screw_max = stack - head_depth;
echo(str("Use M4 screws between ", ceil(screw_min), " and ", floor(screw_max), " mm long"));
assert(bore_d / 2 * sqrt(2) - split_gap / 2 < half_h - 1.2, "the bore's point breaks through: raise `wall`");

// Teardrop half-bore along x, axis half the gap below the bed (z = 0 is the split face),
// point up: rotate([0, 90, 0]) turns the profile's -x into +z.
module bore() {
    r = bore_d / 2;
    translate([-1, 0, -split_gap / 2]) rotate([0, 90, 0]) linear_extrude(clamp_length + 2) {
        circle(r = r);
        polygon([[-r * sqrt(2), 0], [-r * cos(45), r * sin(45)], [-r * cos(45), -r * sin(45)]]);
    }
}

module block() { translate([0, -block_w / 2, 0]) cube([clamp_length, block_w, half_h]); }

module screw_holes() {
    for (s = [-1, 1]) translate([clamp_length / 2, s * screw_x, -1]) cylinder(d = screw_d, h = 100);
}

// Pockets from the top face down: round for screw heads, hexagonal for nuts.
module pockets(nut) {
    for (s = [-1, 1]) translate([clamp_length / 2, s * screw_x, half_h - (nut ? nut_depth : head_depth)])
        if (nut) rotate(30) cylinder(d = nut_flats / cos(30), h = 100, $fn = 6);
        else cylinder(d = screw_head_d, h = 100);
}

module hook_half() {
    difference() {
        union() {
            block();
            // arm, in the split plane, pointing away from the door (+y)
            cube([clamp_length, block_w / 2 + arm_length + hook_thickness, arm_thickness]);
            // hook at the end of the arm
            translate([0, block_w / 2 + arm_length, 0]) hull() {
                cube([clamp_length, hook_thickness, hook_height - hook_thickness / 2]);
                translate([0, hook_thickness / 2, hook_height - hook_thickness / 2])
                    rotate([0, 90, 0]) cylinder(d = hook_thickness, h = clamp_length);
            }
            // 45 deg gussets where arm meets block and hook
            g = min(half_h - arm_thickness, 10);
            translate([0, block_w / 2, arm_thickness]) rotate([0, 90, 0]) linear_extrude(clamp_length)
                polygon([[0, 0], [-g, 0], [0, g]]);
            translate([0, block_w / 2 + arm_length, arm_thickness]) rotate([0, 90, 0]) linear_extrude(clamp_length)
                polygon([[0, 0], [-g, 0], [0, -g]]);
        }
        bore();
        screw_holes();
        pockets(nut = false);
    }
}

module clamp_half() {
    difference() {
        block();
        bore();
        screw_holes();
        pockets(nut = true);
    }
}

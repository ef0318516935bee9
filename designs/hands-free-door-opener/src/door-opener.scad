// Hands-free door opener: clamps on a round lever handle; push the lever down with the
// forearm on the arm, pull the door with the forearm behind the hook.
// MakeLocal design "hands-free-door-opener", licence CERN-OHL-S-2.0.
// Parts (one file each): src/hook-half.scad, src/clamp-half.scad.
//
// Coordinates: the handle runs along x. Each half is drawn in its print orientation.
// The hook half prints with its split face on the bed; its half of the bore is a
// channel in that face, with a 45 deg pointed roof so it prints without support.
// The clamp half prints outer face down, bore channel open to the top.

// ---- parameters (mm) ----
handle_d      = 20;    // measure the handle; for oval or square handles, use the larger size
liner         = 1;     // rubber liner (strip of inner tube) between handle and clamp
clamp_length  = 30;    // along the handle
screw_d       = 4.4;   // clearance hole for M4
screw_head_d  = 8;     // counterbore for an M4 socket or pan head
head_depth    = 7;
nut_flats     = 7.4;   // M4 nut (7 mm across flats) plus clearance
nut_depth     = 6;     // the nut sits at the top of the pocket
split_gap     = 1;     // the halves stop this far apart, so the screws can squeeze the handle
wall          = 6;     // material round the bore and the screws
arm_length    = 80;    // clear room between clamp and hook, for a forearm
arm_thickness = 8;
hook_height   = 35;    // above the split face
hook_thickness= 7;
$fn = 64;

bore_d = handle_d + 2 * liner;
half_h = bore_d / 2 + wall;                            // height of each half
screw_x = bore_d / 2 + wall / 2 + screw_d / 2;          // screw centres, either side of the bore
block_w = 2 * (screw_x + screw_d / 2 + wall - 1);       // across the handle (y)

// Screw needed: from the counterbore floor through both halves to past the nut.
screw_min = 2 * (half_h - split_gap / 2) + split_gap - head_depth - nut_depth + 3.2;
screw_max = 2 * (half_h - split_gap / 2) + split_gap - head_depth;
echo(str("Use M4 screws between ", ceil(screw_min), " and ", floor(screw_max), " mm long"));

module screw_holes() {
    for (s = [-1, 1]) translate([clamp_length / 2, s * screw_x, -1]) cylinder(d = screw_d, h = 100);
}

module hook_half() {
    difference() {
        union() {
            // clamp block
            translate([0, -block_w / 2, 0]) cube([clamp_length, block_w, half_h - split_gap / 2]);
            // arm, in the split plane, pointing away from the door (+y)
            cube([clamp_length, block_w / 2 + arm_length + hook_thickness, arm_thickness]);
            // hook at the end of the arm
            translate([0, block_w / 2 + arm_length, 0]) hull() {
                cube([clamp_length, hook_thickness, hook_height - hook_thickness / 2]);
                translate([0, hook_thickness / 2, hook_height - hook_thickness / 2])
                    rotate([0, 90, 0]) cylinder(d = hook_thickness, h = clamp_length);
            }
            // 45 deg gussets where arm meets block and hook
            g = min(half_h - split_gap / 2 - arm_thickness, 10);
            translate([0, block_w / 2, arm_thickness]) rotate([0, 90, 0]) linear_extrude(clamp_length)
                polygon([[0, 0], [-g, 0], [0, g]]);
            translate([0, block_w / 2 + arm_length, arm_thickness]) rotate([0, 90, 0]) linear_extrude(clamp_length)
                polygon([[0, 0], [-g, 0], [0, -g]]);
        }
        // bore: teardrop channel in the bed face (z = 0 is the split face here)
        bore_in_bed_face();
        screw_holes();
        // counterbores from the top of the block
        for (s = [-1, 1]) translate([clamp_length / 2, s * screw_x, half_h - split_gap / 2 - head_depth])
            cylinder(d = screw_head_d, h = 100);
    }
}

// Teardrop bore in the bed face: axis at z = -split_gap/2, i.e. just below the bed, so
// the half stops short of the axis by half the gap; point of the teardrop upwards.
module bore_in_bed_face() {
    r = bore_d / 2;
    // rotate([0, 90, 0]) turns the profile's -x into +z: the point is at the top.
    translate([-1, 0, -split_gap / 2]) rotate([0, 90, 0]) linear_extrude(clamp_length + 2) {
        circle(r = r);
        // 45 deg faces from the circle towards a point r * sqrt(2) above the axis, cut
        // flat 1 mm above the circle: a short bridge instead of a thin roof.
        intersection() {
            polygon([[-r * sqrt(2), 0], [-r * cos(45), r * sin(45)], [-r * cos(45), -r * sin(45)]]);
            translate([-(r + 1), -r]) square([r + 1, 2 * r]);
        }
    }
}

module clamp_half() {
    h = half_h - split_gap / 2;
    difference() {
        translate([0, -block_w / 2, 0]) cube([clamp_length, block_w, h]);
        // bore channel open to the top (z = h is the split face)
        translate([-1, 0, h + split_gap / 2]) rotate([0, 90, 0]) cylinder(d = bore_d, h = clamp_length + 2);
        screw_holes();
        // hex nut pockets from the bed face
        for (s = [-1, 1]) translate([clamp_length / 2, s * screw_x, -0.01])
            rotate(30) cylinder(d = nut_flats / cos(30), h = nut_depth, $fn = 6);
    }
}

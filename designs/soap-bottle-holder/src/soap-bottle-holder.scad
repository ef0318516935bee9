// Wall-mounted holder for a soap or sanitiser bottle: a wall plate with a dovetail rail,
// and a cup that slides down onto it. The plate stays screwed to the wall; the cup lifts
// off for cleaning, or for a cup sized to another bottle.
// MakeLocal design "soap-bottle-holder", licence CERN-OHL-S-2.0.
// Parts (one file each): src/wall-plate.scad, src/cup.scad.

// ---- parameters (mm) ----
bottle_d     = 70;   // measure the bottle; the cup adds clearance
clearance    = 2;    // bottle to cup, on the diameter
cup_wall     = 2.4;
cup_floor    = 3;
cup_height   = 45;
drain_d      = 12;   // drain hole in the floor, so the cup never holds water
window_w     = 24;   // front window to see the level and grip the bottle
plate_w      = 70;
plate_h      = 90;
plate_t      = 5;
rail_base    = 14;   // dovetail: width at the plate
rail_top     = 20;   // width at its face
rail_depth   = 6;
stop_h       = 15;   // the stop below the rail carries the cup
fit          = 0.3;  // gap between rail and socket, each side
screw_d      = 4.5;  // 4 mm wood screws with wall plugs
screw_head_d = 8.5;
$fn = 96;

module dovetail(base, top, depth) {
    polygon([[-base / 2, 0], [base / 2, 0], [top / 2, depth], [-top / 2, depth]]);
}

// Wall plate, printed lying on its back: the rail's sides lean out at
// atan((rail_top - rail_base) / 2 / rail_depth) = 26.6 deg from vertical (under 45).
module wall_plate() {
    difference() {
        union() {
            translate([-plate_w / 2, 0, 0]) cube([plate_w, plate_h, plate_t]);
            // rail along y (up the wall), from the stop to the top of the plate
            translate([0, stop_h, plate_t]) rotate([-90, 0, 0]) mirror([0, 1, 0])
                linear_extrude(plate_h - stop_h) dovetail(rail_base, rail_top, rail_depth);
            // stop: a block below the rail, wider than the socket
            translate([-(rail_top + 8) / 2, 0, plate_t]) cube([rail_top + 8, stop_h, rail_depth]);
        }
        // two countersunk screw holes above the cup
        for (s = [-1, 1]) translate([s * (plate_w / 2 - 10), plate_h - 12, 0]) {
            translate([0, 0, -1]) cylinder(d = screw_d, h = plate_t + 2);
            translate([0, 0, plate_t - (screw_head_d - screw_d) / 2])
                cylinder(d1 = screw_d, d2 = screw_head_d, h = (screw_head_d - screw_d) / 2 + 0.01);
        }
        // third hole through the stop, below the cup, for a firm hold
        translate([0, stop_h / 2, -1]) cylinder(d = screw_d, h = plate_t + rail_depth + 2);
        translate([0, stop_h / 2, plate_t + rail_depth - (screw_head_d - screw_d) / 2])
            cylinder(d1 = screw_d, d2 = screw_head_d, h = (screw_head_d - screw_d) / 2 + 0.01);
    }
}

// Cup, printed upright on its floor. The socket behind it is a dovetail channel open at
// the bottom; it slides down over the rail until it sits on the stop.
cup_r = (bottle_d + clearance) / 2;
socket_w = rail_top + 2 * fit + 2 * 4;
socket_d = rail_depth + fit + 3;

module cup() {
    cy = socket_d + cup_r - 1;   // cup centre, in front of the socket
    difference() {
        union() {
            translate([0, cy, 0]) cylinder(r = cup_r + cup_wall, h = cup_height);
            translate([-socket_w / 2, 0, 0]) cube([socket_w, socket_d + 4, cup_height]);
        }
        translate([0, cy, cup_floor]) cylinder(r = cup_r, h = cup_height);
        translate([0, cy, -1]) cylinder(d = drain_d, h = cup_floor + 2);
        // front window, from 12 mm above the floor to the rim, round-bottomed
        translate([0, cy + cup_r, 0]) hull() {
            translate([0, 0, cup_floor + 12 + window_w / 2]) rotate([90, 0, 0]) cylinder(d = window_w, h = 4 * cup_wall, center = true);
            translate([-window_w / 2, -2 * cup_wall, cup_height]) cube([window_w, 4 * cup_wall, 1]);
        }
        // dovetail socket, open at the bottom and top, with the fit gap
        translate([0, -0.01, -1]) linear_extrude(cup_height + 2)
            offset(delta = fit) dovetail(rail_base, rail_top, rail_depth);
    }
}

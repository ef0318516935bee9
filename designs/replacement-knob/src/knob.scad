// Replacement knob for a D-shaft (flatted shaft) or a round shaft, held by an M3 set
// screw pressing on the flat. For radios, fans, cookers, potentiometers, valves...
// MakeLocal design "replacement-knob", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/knob.stl src/knob.scad
//
// Printed face down (the top of the knob on the bed), as exported: the shaft bore opens
// upwards, the grip ribs are vertical, and the set-screw hole is a pointed teardrop, so
// nothing needs support.

// ---- parameters (mm) ----
shaft_d      = 6;     // measure the shaft; add 0.1-0.2 if your printer prints holes small
shaft_flat   = 4.5;   // across the flat (= shaft_d for a round shaft without a flat)
bore_depth   = 12;
knob_d       = 30;
knob_h       = 18;
ribs         = 18;    // grip ribs round the skirt
rib_depth    = 1;
top_chamfer  = 1.5;   // on the face (the edge on the bed): 45 deg
pointer      = true;  // groove on the face showing the knob's position
set_screw    = true;  // M3 set screw on the flat
screw_d      = 3.2;   // clearance hole for M3
nut_flats    = 5.8;   // M3 nut (5.5 across flats) plus clearance
nut_thick    = 2.8;   // M3 nut (2.4) plus clearance
$fn = 72;

// The flat of the D faces +x; the set screw comes in along +x.
module d_profile(d, flat) {
    intersection() {
        circle(d = d);
        translate([-d / 2, -d / 2]) square([flat, d]);
    }
}

module knob() {
    screw_z = knob_h - bore_depth / 2;     // half-way down the bore (print z)
    difference() {
        // body and grip ribs, cut to a 45 deg chamfer at the bed
        intersection() {
            union() {
                cylinder(d = knob_d - 2 * rib_depth, h = knob_h);
                for (i = [0:ribs - 1]) rotate(360 * i / ribs)
                    translate([knob_d / 2 - rib_depth, 0, 0]) cylinder(r = rib_depth, h = knob_h, $fn = 16);
            }
            c = top_chamfer + rib_depth;
            hull() {
                translate([0, 0, c]) cylinder(d = knob_d + 1, h = knob_h - c);
                cylinder(d = knob_d + 1 - 2 * c, h = 0.01);
            }
        }
        // shaft bore from the back face (top in print), slightly flared to start the shaft
        translate([0, 0, knob_h - bore_depth]) linear_extrude(bore_depth + 1) d_profile(shaft_d, shaft_flat);
        translate([0, 0, knob_h - 1]) cylinder(d1 = shaft_d, d2 = shaft_d + 2, h = 1.01);
        // pointer groove across the face, pointing the same way as the flat
        if (pointer) translate([knob_d / 4, 0, -0.01]) rotate([90, 0, 90])
            linear_extrude(knob_d / 2, center = true) polygon([[-1.2, 0], [1.2, 0], [0, 1.2]]);
        if (set_screw) {
            // teardrop hole along +x, point up (+z), from the flat to the outside
            translate([0, 0, screw_z]) rotate([90, 0, 90]) linear_extrude(knob_d) {
                circle(d = screw_d, $fn = 24);
                polygon([[0, screw_d / 2 * sqrt(2)], [screw_d / 2 * cos(45), screw_d / 2 * sin(45)],
                         [-screw_d / 2 * cos(45), screw_d / 2 * sin(45)]]);
            }
            // nut slot: drops in from the back face, between bore and skirt
            nut_x = shaft_flat - shaft_d / 2 + (knob_d / 2 - rib_depth - (shaft_flat - shaft_d / 2)) * 0.45;
            translate([nut_x - nut_thick / 2, -nut_flats / 2, screw_z - nut_flats / 2 / cos(30)])
                cube([nut_thick, nut_flats, knob_h]);
        }
    }
}

knob();

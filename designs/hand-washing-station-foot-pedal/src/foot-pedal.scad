// Foot-pedal parts for a hand-washing station: a pedal that pivots in a bracket on a
// base board, and cord guides that lead the cord from the pedal up to the tap, the
// soap pump or the tipping can. MakeLocal design "hand-washing-station-foot-pedal",
// licence CERN-OHL-S-2.0. Parts (one file each): src/pedal.scad,
// src/pivot-bracket.scad, src/cord-guide.scad.

// ---- parameters (mm) ----
pedal_length   = 170;  // fits a 180 mm bed
pedal_depth    = 22;   // height of the lever beam
pedal_width    = 40;   // across the foot
pivot_d        = 6.5;  // M6 bolt or 6 mm steel rod
cord_hole_d    = 5;    // for a 3-4 mm cord
web            = 4;    // beam flanges and webs (>= 1.2)
bracket_wall   = 6;    // cheeks of the pivot bracket
pivot_height   = 45;   // pivot above the base board: sets the pedal travel
cheek_length   = 34;
base_t         = 5;
flange         = 14;   // base flange beside each cheek
base_overhang  = 12;   // base plate beyond the cheeks, front and back, for the screws
wood_screw_d   = 4.5;  // clearance for a 4 mm wood screw
wood_head_d    = 8.5;  // countersink
side_clearance = 0.5;  // pedal to cheek, each side
guide_arm      = 45;
guide_width    = 24;
guide_t        = 6;
guide_flange_h = 45;
guide_hole_d   = 8;    // smooth hole the cord runs through
$fn = 48;

// Teardrop hole along the y axis with its point up (+z), for holes printed horizontal.
module teardrop_y(d, l) {
    rotate([90, 0, 0]) linear_extrude(l, center = true) {
        circle(d = d);
        polygon([[0, d / 2 * sqrt(2)], [d / 2 * cos(45), d / 2 * sin(45)], [-d / 2 * cos(45), d / 2 * sin(45)]]);
    }
}

// Countersunk wood-screw hole, vertical, head at z = top.
module countersunk(top) {
    translate([0, 0, -1]) cylinder(d = wood_screw_d, h = top + 2);
    translate([0, 0, top - (wood_head_d - wood_screw_d) / 2]) cylinder(d1 = wood_screw_d, d2 = wood_head_d, h = (wood_head_d - wood_screw_d) / 2 + 0.01);
    translate([0, 0, top]) cylinder(d = wood_head_d, h = 5);
}

// ---- pedal: a side profile extruded by the pedal width; printed on its side ----
module pedal_profile() {
    r = pedal_depth / 2;
    difference() {
        union() {
            hull() {
                translate([r, r]) circle(r = r);
                translate([pedal_length - r, r]) circle(r = r);
            }
            // tread ribs on the foot end (top of the pedal in use)
            for (x = [70:10:pedal_length - 15]) translate([x, pedal_depth - 0.5]) polygon([[0, 0], [5, 0], [2.5, 2.5]]);
        }
        translate([r, r]) circle(d = pivot_d);
        translate([pedal_length - r - 8, r]) circle(d = cord_hole_d);
        // lightening windows: triangles with 45-60 deg sides, leaving a truss
        for (i = [0:3]) let(x0 = 2 * r + 4 + i * 28)
            translate([x0, 0]) {
                if (i % 2 == 0) polygon([[0, web], [24, web], [12, pedal_depth - web]]);
                else polygon([[0, pedal_depth - web], [24, pedal_depth - web], [12, web]]);
            }
    }
}

module pedal() { linear_extrude(pedal_width) pedal_profile(); }

// ---- pivot bracket: base plate with two cheeks; printed base down ----
gap = pedal_width + 2 * side_clearance;
bracket_w = gap + 2 * bracket_wall + 2 * flange;

module cheek() {
    // profile in the xz plane (x along the pedal), extruded in y by the wall
    rotate([90, 0, 0]) linear_extrude(bracket_wall) hull() {
        square([cheek_length, 1]);
        translate([cheek_length / 2, pivot_height]) circle(d = cheek_length * 0.6);
    }
}

module pivot_bracket() {
    difference() {
        union() {
            translate([-base_overhang, -bracket_w / 2, 0]) cube([cheek_length + 2 * base_overhang, bracket_w, base_t]);
            for (s = [-1, 1]) translate([0, s * (gap / 2 + bracket_wall / 2) + bracket_wall / 2, 0]) cheek();
            // 45 deg gussets on the outside of each cheek
            for (s = [-1, 1]) translate([0, s * (gap / 2 + bracket_wall), base_t])
                rotate([90, 0, 90]) linear_extrude(cheek_length)
                    polygon([[0, 0], [s * 12, 0], [0, 12]]);
        }
        translate([cheek_length / 2, 0, pivot_height]) teardrop_y(pivot_d, bracket_w);
        // four screws in the base beyond the cheeks, clear of the gussets
        for (sy = [-1, 1], x = [-base_overhang / 2, cheek_length + base_overhang / 2])
            translate([x, sy * (gap / 2 + bracket_wall + flange / 2), 0]) countersunk(base_t);
    }
}

// ---- cord guide: an L bracket; the arm lies on the bed, the flange stands up ----
module cord_guide() {
    difference() {
        union() {
            cube([guide_width, guide_arm + guide_t, guide_t]);
            translate([0, guide_arm, 0]) cube([guide_width, guide_t, guide_flange_h]);
            // gusset
            translate([guide_width / 2 - 3, guide_arm, guide_t]) rotate([90, 0, 90]) linear_extrude(6)
                polygon([[0, 0], [-20, 0], [0, 20]]);
        }
        // cord hole, chamfered both ends so the cord does not saw on an edge
        translate([guide_width / 2, guide_arm / 2 - 4, 0]) {
            translate([0, 0, -1]) cylinder(d = guide_hole_d, h = guide_t + 2);
            translate([0, 0, -0.01]) cylinder(d1 = guide_hole_d + 3, d2 = guide_hole_d, h = 1.5);
            translate([0, 0, guide_t - 1.5 + 0.01]) cylinder(d1 = guide_hole_d, d2 = guide_hole_d + 3, h = 1.5);
        }
        // screw holes through the flange (horizontal when printed): teardrops
        for (z = [guide_t + 14, guide_flange_h - 9])
            translate([guide_width / 2, guide_arm + guide_t / 2, z]) teardrop_y(wood_screw_d, guide_t + 2);
    }
}

// Vacuum-forming buck (male mould) for a face-mask shell: a smooth dome shaped like a
// half-mask, with draft on every side so the formed sheet lifts off.
// MakeLocal design "vacuum-forming-mould-insert", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/mask-buck.stl src/mask-buck.scad
//
// The shape: every horizontal slice is the base outline shrunk about the nose point
// (a homothety, so the slices nest) and then offset inwards by z * tan(draft). The
// hull of the slices therefore leans in by at least `draft` everywhere: no undercut,
// and no overhang when printed base down.

// ---- parameters (mm) ----
mouth_r    = 55;    // outline: circle round the mouth and chin...
mouth_y    = -5;
nose_r     = 30;    // ...hulled with a smaller circle round the nose bridge
nose_y     = 45;
apex_y     = 25;    // where the dome peaks (the nose tip), along the outline's axis
height     = 55;    // dome height above the base
plinth     = 6;     // straight-drafted band at the bottom: the trim line sits on it
draft      = 5;     // degrees from vertical; sources in the vacuum-forming process record give 1.5-5 deg for male moulds
slices     = 28;
vent_d     = 1.5;   // vent holes through the buck near its foot
vents      = true;
$fn = 72;

module outline() {
    hull() {
        translate([0, mouth_y]) circle(r = mouth_r);
        translate([0, nose_y]) circle(r = nose_r);
    }
}

// Scale factor of the dome at height h above the plinth (1 at the bottom, 0 at the top).
function s(h) = sqrt(max(0, 1 - pow(h / (height - plinth), 2)));

module slice(z) {
    inset = z * tan(draft);
    k = z <= plinth ? 1 : s(z - plinth);
    translate([0, 0, z]) linear_extrude(0.01)
        offset(delta = -inset)
            translate([0, apex_y * (1 - k)]) scale(k) outline();
}

module buck() {
    top = height - 1;   // stop just below the apex, where the slice is still non-empty
    difference() {
        hull() {
            slice(0);
            slice(plinth);
            for (i = [1:slices]) slice(plinth + (top - plinth) * (1 - pow(1 - i / slices, 2)));
        }
        // Vent holes near the foot, where the sheet meets the table last. Each sits
        // 2.5 mm inside the arc of the outline it belongs to; the outer tangents of
        // the two circles touch them at asin((mouth_r - nose_r) / (nose_y - mouth_y)).
        if (vents) {
            t = asin((mouth_r - nose_r) / (nose_y - mouth_y));
            for (a = [180 - t + 15, 215, 270, 325, 360 + t - 15])
                translate([(mouth_r - 2.5) * cos(a), mouth_y + (mouth_r - 2.5) * sin(a)])
                    cylinder(d = vent_d, h = 2 * height, center = true, $fn = 12);
            for (a = [t + 30, 90, 150 - t])
                translate([(nose_r - 2.5) * cos(a), nose_y + (nose_r - 2.5) * sin(a)])
                    cylinder(d = vent_d, h = 2 * height, center = true, $fn = 12);
        }
    }
}

buck();

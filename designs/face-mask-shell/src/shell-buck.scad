// Face-mask shell, vacuum-formed: the buck (male mould) the sheet is formed over, a
// smooth dome shaped like a half-mask with draft on every side so the formed shell
// lifts off. The formed shell is trimmed at the foot and cut open into a frame that is
// worn under a cloth mask to keep the cloth off nose and mouth.
// MakeLocal design "face-mask-shell", licence CERN-OHL-S-2.0; derived from the buck of
// the MakeLocal design "vacuum-forming-mould-insert" (same licence), made shallower.
// Rebuild: openscad --export-format binstl -o parts/shell-buck.stl src/shell-buck.scad
//
// The shape: every horizontal slice is the base outline shrunk about the nose point
// (a homothety, so the slices nest) and then offset inwards by z * tan(draft). The
// hull of the slices therefore leans in by at least `draft` everywhere: no undercut,
// and no overhang when the buck is printed base down.
//
// The file is the shape the sheet takes. The buck you make also needs vent holes near
// its foot, where the sheet closes onto the table last: set vents = true to draw them
// (for printing the buck), and leave it false for the analysed part file.

// ---- parameters (mm, degrees) ----
mouth_r    = 50;    // outline: circle round the mouth and chin...
mouth_y    = -5;
nose_r     = 28;    // ...hulled with a smaller circle round the nose bridge
nose_y     = 42;
apex_y     = 22;    // where the dome peaks (the nose tip), along the outline's axis
height     = 42;    // dome height above the table: shallow, so the cloth mask still seals
plinth     = 6;     // straight-drafted band at the bottom: the trim line sits on it
draft      = 5;     // degrees from vertical; the process asks for 3-5 on a male mould
slices     = 28;
vents      = false; // true: vent holes through the buck near its foot
vent_d     = 1.5;
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
    // Cut from a block that holds the whole buck, even without vent holes: the boolean
    // operation makes OpenSCAD triangulate the buck the same way on every run.
    difference() {
        intersection() {
            translate([-500, -500, -1]) cube(1000);
            hull() {
                slice(0);
                slice(plinth);
                for (i = [1:slices]) slice(plinth + (top - plinth) * (1 - pow(1 - i / slices, 2)));
            }
        }
        // Vent holes near the foot, each 2.5 mm inside the arc of the outline it
        // belongs to; the outer tangents of the two circles touch them at
        // asin((mouth_r - nose_r) / (nose_y - mouth_y)).
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

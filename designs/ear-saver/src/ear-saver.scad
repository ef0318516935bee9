// Ear saver: a flat strap worn behind the head; a mask's ear loops hook on its teeth
// instead of on the ears. MakeLocal design "ear-saver", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/ear-saver.stl src/ear-saver.scad
//
// Printed flat, as exported: a 2D outline extruded, so there are no overhangs.

// ---- parameters (mm) ----
length        = 165;  // overall length; fits a 180 mm bed
width         = 12;   // strap width
thickness     = 1.6;  // flexible enough to curve round the head in PETG or PLA
hooks_per_end = 4;    // size positions at each end
hook_pitch    = 9;    // spacing of the hooks along the strap
hook_depth    = 5;    // how far a hook stands out from the strap edge
hook_width    = 3;    // hook root width (>= 1.2 for FDM)
end_margin    = 4;    // strap beyond the last hook
slot_length   = 10;   // lightening/flex slots along the middle
slot_width    = 4;
$fn = 32;

// One hook on the +y edge, pointing back towards the strap centre (towards -x) so the
// ear loop, pulled outwards by the mask, slides into the notch and stays.
module hook() {
    polygon([[0, 0], [hook_width, 0], [hook_width, hook_depth * 0.4],
             [-hook_depth * 0.6, hook_depth], [-hook_depth * 0.6 - 1.4, hook_depth],
             [-hook_depth * 0.6 - 1.4, hook_depth - 1.4], [0, hook_depth * 0.45]]);
}

module outline() {
    half = length / 2;
    difference() {
        union() {
            translate([-half, -width / 2]) offset(r = 2) offset(delta = -2) square([length, width]);
            for (side = [-1, 1], i = [0:hooks_per_end - 1]) {
                x = half - end_margin - hook_width - i * hook_pitch;
                mirror([side < 0 ? 1 : 0, 0]) for (e = [-1, 1])
                    mirror([0, e < 0 ? 1 : 0]) translate([x, width / 2 - 0.01]) hook();
            }
        }
        // Slots in the middle third let the strap curve evenly and save material.
        n = floor((length - 2 * (end_margin + hooks_per_end * hook_pitch) - 10) / (slot_length + 4));
        for (i = [0:n - 1])
            translate([(i - (n - 1) / 2) * (slot_length + 4), 0])
                hull() for (s = [-1, 1]) translate([s * (slot_length - slot_width) / 2, 0]) circle(d = slot_width);
    }
}

linear_extrude(thickness) outline();

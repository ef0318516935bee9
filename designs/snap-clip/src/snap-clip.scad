// Snap clip: a bag clip made of a rod and a C-channel. Wrap the bag mouth round the
// rod, then press the channel over both. MakeLocal design "snap-clip", CERN-OHL-S-2.0.
// Rebuild (one part per file):
//   openscad --export-format binstl -o parts/rod.stl src/rod.scad
//   openscad --export-format binstl -o parts/channel.stl src/channel.scad
//
// Both parts are profiles extruded along x and printed lying down, as exported: the
// profiles are octagons with a flat bottom, so every face is vertical, 45 deg or flat.

// ---- parameters (mm) ----
length       = 150;  // clip length (the bag mouth it can close is about this wide)
rod_flats    = 7;    // rod, across flats
clearance    = 0.6;  // per side, room for the folded bag film
wall         = 1.8;  // channel wall (>= 1.2 for FDM; thinner snaps on more easily)
opening      = 5;    // channel mouth; narrower than the rod so the channel snaps on
tab_length   = 14;   // finger tab on the rod
tab_height   = 2;

// Regular octagon with a flat bottom at y = 0, given its width across flats.
module octagon(flats) {
    r = flats / (2 * cos(22.5));
    translate([0, flats / 2]) rotate(22.5) circle(r = r, $fn = 8);
}

// Profile in the yz plane, extruded along +x.
module along_x(l) { rotate([90, 0, 90]) linear_extrude(l) children(); }

module rod() {
    along_x(length) octagon(rod_flats);
    // Finger tab to pull the rod out of the channel.
    translate([length - 0.01, -rod_flats / 2, 0]) cube([tab_length, rod_flats, tab_height]);
}

module channel() {
    inner = rod_flats + 2 * clearance;
    outer = inner + 2 * wall;
    along_x(length) difference() {
        octagon(outer);
        translate([0, wall]) octagon(inner);
        // Mouth narrower than the rod, with a 45 deg lead-in so the lips cam open.
        translate([-opening / 2, wall + inner / 2]) square([opening, outer]);
        lead = wall * 0.7;
        polygon([[-opening / 2 - lead, outer + 0.01], [opening / 2 + lead, outer + 0.01],
                 [opening / 2, outer - lead], [-opening / 2, outer - lead]]);
    }
}

// Face-shield headband: holds a hole-punched A4 sheet as visor on four pins.
// MakeLocal design "face-shield-headband", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/headband.stl src/headband.scad
//
// Printed flat, as exported: the whole part stands on z = 0, no supports.
// Worn the way it prints: the pin side (bed side) down, the visor hangs from the pins.

// ---- parameters (mm) ----
head_half_width = 70;   // inner band, half-width at the temples (x semi-axis)
head_half_depth = 85;   // inner band, forehead to centre (y semi-axis)
band_wall       = 2.4;  // inner band thickness (>= 1.2 for FDM)
band_height     = 15;   // inner band height
band_end_angle  = 115;  // how far the band wraps round the head (ellipse angle from the front)
frame_wall      = 2.4;  // visor frame thickness
frame_height    = 10;   // visor frame height
gap_front       = 14;   // room between forehead band and visor frame at the front (glasses)
gap_side        = 5;    // same, at the sides
// Visor holes: ISO 838 two-hole punch (holes 80 mm apart, 6 mm diameter, 12 mm from
// the edge) and its common four-hole extension (two more holes 80 mm further out).
hole_positions  = [-120, -40, 40, 120]; // arc length along the visor from its centre
pin_flats       = 4.6;  // pin across flats; fits a 6 mm (+-0.5) punched hole
pin_length      = 6;
strap_slot_w    = 3.5;  // slot through the band ends for a 10 mm elastic strap
strap_slot_h    = band_height - 4;
$fn = 96;

// ---- derived ----
fa = head_half_width + band_wall + gap_side;   // frame inner face, x semi-axis
fb = head_half_depth + band_wall + gap_front;  // frame inner face, y semi-axis
oa = fa + frame_wall;                          // frame outer face (the visor rests on it)
ob = fb + frame_wall;

function pt(a, b, th) = [a * sin(th), b * cos(th)];
function normal(a, b, th) = let(n = [b * sin(th), a * cos(th)]) n / norm(n);
// Arc length of the ellipse from the front (th = 0) to angle th, in 1-degree steps.
function arc(a, b, th, step = 0.25) =
    th <= 0 ? 0 : arc(a, b, th - step, step) + norm(pt(a, b, th) - pt(a, b, th - step));
// Ellipse angle at which the arc length from the front reaches s.
function angle_at(a, b, s, th = 0, step = 0.25) =
    arc(a, b, th, step) >= s ? th : angle_at(a, b, s, th + step, step);

module ellipse_band(a, b, t, th_max) {
    n = 180;
    outer = [for (i = [0:n]) let(th = -th_max + 2 * th_max * i / n) pt(a + t, b + t, th)];
    inner = [for (i = [n:-1:0]) let(th = -th_max + 2 * th_max * i / n) pt(a, b, th)];
    polygon(concat(outer, inner));
}

pin_angles = [for (s = hole_positions) sign(s) * angle_at(oa, ob, abs(s))];
frame_end = max([for (a = pin_angles) abs(a)]) + 8;

module pin() {
    r = pin_flats / (2 * cos(22.5));
    // Octagon with a flat bottom on the bed: every face is vertical, 45 deg or flat.
    rotate([-90, 0, 0]) linear_extrude(pin_length + 1)
        translate([0, -pin_flats / 2]) rotate(22.5) circle(r = r, $fn = 8);
}

module spoke(th) {
    hull() {
        translate(pt(head_half_width + band_wall / 2, head_half_depth + band_wall / 2, th)) circle(d = 3, $fn = 24);
        translate(pt(fa + frame_wall / 2, fb + frame_wall / 2, th)) circle(d = 3, $fn = 24);
    }
}

module strap_slot(th) {
    p = pt(head_half_width + band_wall / 2, head_half_depth + band_wall / 2, th);
    n = normal(head_half_width, head_half_depth, th);
    // Slot through the band wall, with a 45 deg gable top so it prints without bridging.
    translate([p[0], p[1], 2]) rotate(atan2(n[1], n[0]))
        rotate([90, 0, 90]) linear_extrude(4 * band_wall, center = true)
            polygon([[-strap_slot_w / 2, 0], [strap_slot_w / 2, 0],
                     [strap_slot_w / 2, strap_slot_h - strap_slot_w / 2],
                     [0, strap_slot_h], [-strap_slot_w / 2, strap_slot_h - strap_slot_w / 2]]);
}

module headband() {
    difference() {
        union() {
            linear_extrude(band_height) ellipse_band(head_half_width, head_half_depth, band_wall, band_end_angle);
            // Thicker band ends take the strap pull.
            for (s = [-1, 1]) linear_extrude(band_height)
                intersection() {
                    ellipse_band(head_half_width, head_half_depth, band_wall + 1.6, band_end_angle);
                    polygon([[0, 0],
                        pt(400, 400, s * (band_end_angle - 14)), pt(400, 400, s * band_end_angle),
                        pt(400, 400, s * (band_end_angle + 1))]);
                }
            linear_extrude(frame_height) {
                ellipse_band(fa, fb, frame_wall, frame_end);
                for (th = [0, 40, -40, frame_end - 3, -(frame_end - 3)]) spoke(th);
            }
            for (th = pin_angles) {
                p = pt(oa - 0.5, ob - 0.5, th);
                n = normal(oa, ob, th);
                translate([p[0], p[1], 0]) rotate(atan2(n[1], n[0]) - 90) pin();
            }
        }
        for (s = [-1, 1]) strap_slot(s * (band_end_angle - 7));
    }
}

headband();

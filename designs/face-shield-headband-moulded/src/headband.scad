// Face-shield headband for a two-part injection mould: holds a hole-punched A4 sheet as
// visor on four pins, moulded in recycled HDPE or PP on a hand injection machine.
// MakeLocal design "face-shield-headband-moulded", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/headband.stl src/headband.scad
//
// The part is drawn for a mould that opens along z with a flat parting plane at z = 0:
// every piece (band, visor frame, spokes, strap hooks) is an outline at z = 0 whose walls
// lean in by `draft` towards the top and the bottom face, and the visor pins lie in the
// parting plane, pointing outwards, with hexagonal sections whose corners are on the
// plane. So each mould half is a pocket with drafted walls and no undercut; both halves
// are mirror images. Sizes are the part's, before shrinkage: the mould maker scales the
// cavity up by the plastic's shrinkage.
//
// Rules followed (Precious Plastic, "Tips on injection mouldmaking", the hand injection
// moulding process record): walls 2.5 mm or thicker and not over 5 mm, draft 2-5 deg on
// every wall parallel to the opening direction, no feature under 1 mm.

include <drafted.scad>

// ---- parameters (mm, degrees) ----
head_half_width = 70;   // inside of the band at the temples (x semi-axis)
head_half_depth = 85;   // inside of the band, forehead to centre (y semi-axis)
band_wall       = 3.8;  // band thickness at the parting plane; 3.0 at its top and bottom faces
band_height     = 15;   // band height
band_end_angle  = 115;  // how far the band wraps round the head (ellipse angle from the front)
frame_wall      = 3.8;  // visor frame thickness at the parting plane; 3.3 at top and bottom
frame_height    = 10;   // visor frame height
gap_front       = 14;   // room between forehead band and visor frame at the front (glasses)
gap_side        = 5;    // same, at the sides
spoke_width     = 3.0;  // spokes joining band and frame; thinner than the walls they
spoke_height    = 8;    // meet, so the joints stay under the 5 mm wall limit
spoke_angles    = [-40, 0, 40]; // ellipse angles of the spokes; two more near the frame ends
draft           = 3;    // degrees on every wall; the process asks for 2-5
// Visor holes: ISO 838 two-hole punch (holes 80 mm apart, 6 mm diameter, 12 mm from
// the edge) and its common four-hole extension (two more holes 80 mm further out).
hole_positions  = [-120, -40, 40, 120]; // arc length along the visor from its centre
pin_across      = 4.6;  // pin across corners (in the parting plane); fits a 6 mm (+-0.5) hole
pin_length      = 6;    // pin length beyond the frame, before its pointed tip
pin_tip         = 2;    // length of the pointed tip
// Strap hooks at the band ends: the band turns outwards and back, leaving a slot open
// towards the front; a sewn loop at each end of the elastic strap slips over the hook.
hook_slot       = 3.5;  // width of the slot the strap loop sits in
hook_tongue     = 12;   // length of the hook's tongue, from the bend
hook_run        = 4;    // straight run of the band past its end before the bend
$fn = 96;

// ---- derived ----
band_a  = head_half_width + band_wall / 2;   // band centre line, semi-axes
band_b  = head_half_depth + band_wall / 2;
frame_a = head_half_width + band_wall + gap_side + frame_wall / 2;  // frame centre line
frame_b = head_half_depth + band_wall + gap_front + frame_wall / 2;
oa = frame_a + frame_wall / 2;               // frame outer face at the parting plane
ob = frame_b + frame_wall / 2;               // (the visor rests on it)

function pt(a, b, th) = [a * sin(th), b * cos(th)];
function normal(a, b, th) = unit([b * sin(th), a * cos(th)]);
function tangent(a, b, th) = unit([a * cos(th), -b * sin(th)]);
// Arc length of the ellipse from the front (th = 0) to angle th.
function arc(a, b, th, step = 0.25) =
    th <= 0 ? 0 : arc(a, b, th - step, step) + norm(pt(a, b, th) - pt(a, b, th - step));
// Ellipse angle at which the arc length from the front reaches s.
function angle_at(a, b, s, th = 0, step = 0.25) =
    arc(a, b, th, step) >= s ? th : angle_at(a, b, s, th + step, step);
function ellipse_path(a, b, th_max, n = 120) =
    [for (i = [0:n]) pt(a, b, -th_max + 2 * th_max * i / n)];

pin_angles = [for (s = hole_positions) sign(s) * angle_at(oa, ob, abs(s))];
frame_end = max([for (a = pin_angles) abs(a)]) + 8;

// The hook at one band end (side +1: x > 0, -1: x < 0), as a path in the plane: from
// inside the band end along the band's direction, a half turn outwards, and back
// towards the front as the tongue.
function hook_path(side) = let(
    th = side * band_end_angle,
    c = pt(band_a, band_b, th),
    t = side * tangent(band_a, band_b, th),   // onwards, away from the front
    n = normal(band_a, band_b, th),           // outwards
    r = (hook_slot + band_wall) / 2,          // centre-line radius of the half turn
    run = hook_run)
    concat(
        [c - t * 2, c + t * run],
        [for (k = [1:12]) c + t * (run + r * sin(180 * k / 12)) + n * r * (1 - cos(180 * k / 12))],
        [c + t * (run - hook_tongue) + n * 2 * r]);

module pin() {
    // Hexagonal pin along +y, corners at x = +-pin_across / 2 on the parting plane,
    // ending in a point: no face of it is parallel to the opening direction.
    r = pin_across / 2;
    hull() {
        translate([0, -frame_wall / 2, 0]) rotate([-90, 0, 0]) linear_extrude(frame_wall / 2 + pin_length)
            circle(r = r, $fn = 6);
        translate([0, pin_length + pin_tip, 0]) cube(0.02, center = true);
    }
}

module headband() {
    union() {
        drafted_prism(strip(ellipse_path(band_a, band_b, band_end_angle), band_wall), band_height / 2, draft);
        drafted_prism(strip(ellipse_path(frame_a, frame_b, frame_end), frame_wall), frame_height / 2, draft);
        for (th = concat(spoke_angles, [frame_end - 3, -(frame_end - 3)]))
            drafted_prism(strip([pt(band_a, band_b, th), pt(frame_a, frame_b, th)], spoke_width), spoke_height / 2, draft);
        for (side = [-1, 1])
            drafted_prism(strip(hook_path(side), band_wall), band_height / 2, draft);
        for (th = pin_angles) {
            p = pt(oa, ob, th);
            n = normal(oa, ob, th);
            translate([p[0], p[1], 0]) rotate(atan2(n[1], n[0]) - 90) pin();
        }
    }
}

headband();

// Tensile test specimen, ASTM D638 type IV ("dog-bone").
// MakeLocal design "tensile-test-specimen", licence CC0-1.0.
// Rebuild:
//   openscad --export-format binstl -o parts/astm-d638-type-iv.stl src/astm-d638-type-iv.scad
//   openscad -o src/astm-d638-type-iv-outline.dxf src/astm-d638-type-iv-outline.scad  (outline to cut from a pressed sheet)
//
// Nominal dimensions (mm) of type IV, as tabulated by KCA FRP
// (kcafrp.com/sub06/01_01_2.php, read 2026-11-27) and used in E. Liberato's
// CadQuery model (https://eddieliberato.github.io/blog/2020-05-14-dogbones):
W  = 6;    // width of narrow section (+-0.5)
L  = 33;   // length of narrow section (+-0.5)
WO = 19;   // width overall (+6.4)
LO = 115;  // length overall (no maximum)
R  = 14;   // radius of fillet (+-1)
RO = 25;   // outer radius (+-1)
T  = 3.2;  // thickness; 3.2 mm is the thickness recommended for moulded specimens (Liberato)
// Not geometry, for the test set-up (same sources): gauge length G = 25 mm (+-0.13),
// distance between grips D = 64 mm (+-5).
mode = "3d";   // "3d" for the printed specimen, "2d" for the outline
arc_steps = 24;

// The fillet R (centre outside the specimen, tangent to the narrow section) meets the
// outer radius RO (centre inside, tangent to the grip edge); the two arcs are tangent.
c1 = [L / 2, W / 2 + R];
dy = (WO / 2 - RO) - c1[1];
c2 = [L / 2 + sqrt(pow(R + RO, 2) - dy * dy), WO / 2 - RO];
a_tangent = atan2(c2[1] - c1[1], c2[0] - c1[0]); // from c1 towards c2

// One quarter of the outline (x >= 0, y >= 0), from the middle of the narrow section
// to the end of the grip.
function quarter() = concat(
    [[0, W / 2]],
    [for (i = [0:arc_steps]) let(a = -90 + (a_tangent + 90) * i / arc_steps) c1 + R * [cos(a), sin(a)]],
    [for (i = [1:arc_steps]) let(a = (a_tangent + 180) + (90 - (a_tangent + 180)) * i / arc_steps) c2 + RO * [cos(a), sin(a)]],
    [[LO / 2, WO / 2]]);

module outline() {
    q = quarter();
    n = len(q);
    // Walk the four quarters round the outline.
    polygon(concat(
        [for (i = [0:n - 1]) q[i]],
        [for (i = [n - 1:-1:0]) [q[i][0], -q[i][1]]],
        [for (i = [1:n - 1]) [-q[i][0], -q[i][1]]],
        [for (i = [n - 1:-1:1]) [-q[i][0], q[i][1]]]));
}

if (mode == "2d") outline();
else linear_extrude(T) outline();

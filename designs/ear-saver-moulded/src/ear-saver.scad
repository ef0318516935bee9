// Ear saver for a hand injection mould: a flat strap worn behind the head; a mask's ear
// loops hook on its teeth instead of on the ears. Moulded in recycled LDPE, PP or HDPE.
// MakeLocal design "ear-saver-moulded", licence CERN-OHL-S-2.0.
// Rebuild: openscad --export-format binstl -o parts/ear-saver.stl src/ear-saver.scad
//
// The part is drawn for a two-part mould that opens along z, with a flat parting plane
// at z = 0 through the middle of the strap: each half is a pocket `thickness` / 2 deep,
// the two mirror images. Every wall leans in by `draft` from the parting plane towards
// the top and the bottom face, every outside corner seen from above is rounded (the
// cutter that mills the pocket leaves a radius there), and there is no hole: plastic
// flowing round a hole leaves a weak weld line.
// Sizes are the part's, before shrinkage: the mould maker scales the cavity up by the
// plastic's shrinkage.

include <drafted.scad>

// ---- parameters (mm, degrees) ----
length        = 170;  // overall length, end to end
width         = 12;   // strap width
thickness     = 3;    // strap thickness; over the process's 2.5 mm minimum wall
draft         = 3;    // degrees on every wall; the process asks for 2-5
hooks_per_end = 4;    // size positions at each end
hook_pitch    = 10;   // spacing of the hooks along the strap; the gap holds the ear loop
hook_width    = 3;    // width of a hook, across its lean (it is rounded at the tip)
hook_reach    = 6;    // how far a hook stands out from the strap edge
hook_lean     = 3;    // how far the tip leans back towards the middle of the strap
end_margin    = 5;    // strap beyond the last hook

// ---- the part ----
// A hook on the edge y = side * width / 2 at x, leaning towards the middle (x = 0).
function hook_path(x, side) = let(toward = x > 0 ? -1 : 1) [
    [x, side * (width / 2 - hook_width)],
    [x + toward * hook_lean, side * (width / 2 + hook_reach - hook_width / 2)]];

module ear_saver() {
    half = length / 2;
    union() {
        drafted_prism(strip([[-half + width / 2, 0], [half - width / 2, 0]], width, 24), thickness / 2, draft);
        for (end = [-1, 1], i = [0:hooks_per_end - 1], side = [-1, 1]) {
            x = end * (half - end_margin - hook_width / 2 - i * hook_pitch);
            drafted_prism(strip(hook_path(x, side), hook_width), thickness / 2, draft);
        }
    }
}

ear_saver();

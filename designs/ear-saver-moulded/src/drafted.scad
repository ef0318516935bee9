// Drafted solids for a two-part mould: a flat outline made into a solid whose side
// walls lean in by a draft angle from the parting plane, so that the part slides out of
// both mould halves. MakeLocal design "ear-saver-moulded", licence
// CERN-OHL-S-2.0.
//
// Every solid here is a polyhedron built from points, so its walls are true planes at
// the draft angle (a stack of thin slices would leave vertical steps that lock the part
// in the mould).

// Signed area of a polygon (positive when its points run counter-clockwise).
function area2(p) = let(n = len(p))
    0.5 * sum([for (i = [0:n - 1]) cross2(p[i], p[(i + 1) % n])]);
function cross2(a, b) = a[0] * b[1] - a[1] * b[0];
function sum(v, i = 0) = i >= len(v) ? 0 : v[i] + sum(v, i + 1);
function ccw(p) = area2(p) >= 0 ? p : [for (i = [len(p) - 1:-1:0]) p[i]];

function unit(v) = v / norm(v);
// Left-hand unit normal of the direction a -> b (inwards for a counter-clockwise polygon).
function left(a, b) = let(e = unit(b - a)) [-e[1], e[0]];

// The polygon moved inwards by d, each edge parallel to itself (mitred corners), for a
// counter-clockwise polygon whose corners are gentle compared with d.
function inset(p, d) = let(n = len(p)) [
    for (i = [0:n - 1]) let(
        n1 = left(p[(i + n - 1) % n], p[i]),
        n2 = left(p[i], p[(i + 1) % n]))
        p[i] + d * (n1 + n2) / (1 + n1 * n2)
];

// A band of width w along an open path (list of 2D points), with round ends: the outline
// as one counter-clockwise polygon.
function strip(path, w, cap_n = 12) = let(
    n = len(path),
    side = [for (i = [0:n - 1]) let(
        n1 = i == 0 ? left(path[0], path[1]) : left(path[i - 1], path[i]),
        n2 = i == n - 1 ? left(path[n - 2], path[n - 1]) : left(path[i], path[i + 1]))
        (n1 + n2) / (1 + n1 * n2)],
    a_end = atan2(side[n - 1][1], side[n - 1][0]),
    a_start = atan2(side[0][1], side[0][0]),
    lhs = [for (i = [0:n - 1]) path[i] + w / 2 * side[i]],
    rhs = [for (i = [n - 1:-1:0]) path[i] - w / 2 * side[i]],
    cap_end = [for (k = [1:cap_n - 1]) path[n - 1] + w / 2 * [cos(a_end - 180 * k / cap_n), sin(a_end - 180 * k / cap_n)]],
    cap_start = [for (k = [1:cap_n - 1]) path[0] + w / 2 * [cos(a_start + 180 - 180 * k / cap_n), sin(a_start + 180 - 180 * k / cap_n)]])
    ccw(concat(lhs, cap_end, rhs, cap_start));

// The outline p (at the parting plane z = 0) made solid from z = -h to z = h, every side
// wall leaning in by `draft` degrees towards the top and the bottom faces.
module drafted_prism(p, h, draft) {
    q = ccw(p);
    n = len(q);
    d = h * tan(draft);
    small = inset(q, d);
    points = concat(
        [for (v = small) [v[0], v[1], -h]],
        [for (v = q) [v[0], v[1], 0]],
        [for (v = small) [v[0], v[1], h]]);
    faces = concat(
        [[for (i = [0:n - 1]) i]],                       // bottom
        [[for (i = [n - 1:-1:0]) 2 * n + i]],            // top
        [for (i = [0:n - 1]) let(j = (i + 1) % n) [i, n + i, n + j, j]],
        [for (i = [0:n - 1]) let(j = (i + 1) % n) [n + i, 2 * n + i, 2 * n + j, n + j]]);
    polyhedron(points, faces, convexity = 4);
}

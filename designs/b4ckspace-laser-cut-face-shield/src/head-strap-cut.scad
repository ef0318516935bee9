// The head strap of version 3.2 alone, as its own cutting outline (parts/head-strap.svg):
// the authors' faceshield-3.2.scad draws the shield and the head strap on one sheet, but
// they are cut from different plastics, so each gets its own file. Nothing is redrawn
// here: this calls the authors' strap module with the values their file gives it (its
// last lines), so the outline is the one in faceshield-3.2.svg.
use <faceshield-3.2.scad>

$fa = 6;  // the authors' curve settings (faceshield-3.2.scad, top)
$fs = .5;

shield_width = 320;  // mm, the authors' values (faceshield-3.2.scad, top)
strap_length = 700;
strap_inner = 16;
strap_outer = 24;

projection() strap(strap_length, shield_width - 60, strap_outer, strap_inner);

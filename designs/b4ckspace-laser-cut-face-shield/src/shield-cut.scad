// The shield of version 3.2 alone, as its own cutting outline (parts/shield.svg): the
// authors' faceshield-3.2.scad draws the shield and the head strap on one sheet, but they
// are cut from different plastics, so each gets its own file. Nothing is redrawn here:
// this calls the authors' shield module with the values and the place on the sheet their
// file gives it (its last lines), so the outline is the one in faceshield-3.2.svg.
use <faceshield-3.2.scad>

$fa = 6;  // the authors' curve settings (faceshield-3.2.scad, top)
$fs = .5;

shield_width = 320;  // mm, the authors' values (faceshield-3.2.scad, top)
shield_height = 220;
strap_inner = 16;  // the head strap's narrow width: the slots in the shield take it

projection() translate([0, -300, 0]) shield(shield_width, shield_height, strap_inner);

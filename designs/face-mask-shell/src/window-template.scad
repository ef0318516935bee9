// Face-mask shell: printable template for marking the trim line and the windows on a
// formed shell, 1:1 in mm; print at 100 % (A4 portrait) and check the 50 mm square.
// Lay the shell on the template, foot down, and trace the windows onto it looking
// straight down. MakeLocal design "face-mask-shell", licence CERN-OHL-S-2.0.
// Export: openscad -o src/window-template.svg src/window-template.scad

use <shell-buck.scad>

// ---- parameters (mm) ----
rim    = 12;   // frame left round the edge of the shell
bar_y  = 4;    // centre of the bar left across the shell, between nose and mouth
bar_w  = 12;   // width of that bar
line   = 0.5;  // printed line width

module outline_of() { difference() { children(); offset(delta = -line) children(); } }

module windows() {
    difference() {
        offset(r = -rim) outline();
        translate([-100, bar_y - bar_w / 2]) square([200, bar_w]);
    }
}

outline_of() outline();       // the shell's foot: the trim line
outline_of() windows();       // the windows to cut out
translate([-25, -110]) outline_of() square(50);   // scale check

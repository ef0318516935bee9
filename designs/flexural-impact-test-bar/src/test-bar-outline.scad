// 2D outline of the 80 x 10 mm test bar, to cut bars from a 4 mm pressed sheet.
include <test-bar.scad>
mode = "2d";

// Mask panel, printable pattern at 100 % on A4 landscape: the cutting line, the hem and
// casing fold lines (dashed), and for each pleat its fold line (dashed) and the line it
// is brought down to (solid). Check the print: the rectangle measures 254 x 152.4 mm.
include <mask-pattern.scad>
outline_of() panel();
hdash(hem); hdash(panel_h - hem); vdash(casing); vdash(panel_w - casing);
for (i = [0:pleats - 1]) { hdash(fold_y(i)); hline(meet_y(i)); }

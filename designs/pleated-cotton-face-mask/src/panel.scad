// Mask panel, cutting line only (hems and casings included): cut 2, the outer layer and
// the lining. Exported to parts/panel.svg; the printable pattern with fold lines is
// panel-pattern.scad.
include <mask-pattern.scad>
panel();

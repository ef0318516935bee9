// Cloth tie, cutting line only: cut 2, only if there is no elastic. Exported to
// parts/tie.svg.
include <mask-pattern.scad>
tie();

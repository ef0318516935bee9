// leaf-a of the pin hinge; parameters in pin-hinge.scad.
include <pin-hinge.scad>
leaf_a();

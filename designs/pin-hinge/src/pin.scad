// pin of the pin hinge; parameters in pin-hinge.scad.
include <pin-hinge.scad>
pin();

// cup of the soap bottle holder; parameters in soap-bottle-holder.scad.
include <soap-bottle-holder.scad>
cup();

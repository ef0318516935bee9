// C-channel of the snap clip; parameters are in snap-clip.scad.
include <snap-clip.scad>
channel();

// Test bar for flexural (ISO 178) and Charpy impact (ISO 179-1) tests: 80 x 10 x 4 mm.
// MakeLocal design "flexural-impact-test-bar", licence CC0-1.0.
// Rebuild:
//   openscad --export-format binstl -o parts/test-bar.stl src/test-bar.scad
//   openscad -o src/test-bar-outline.dxf src/test-bar-outline.scad   (outline to cut from a 4 mm pressed sheet)
//
// Preferred specimen of ISO 178: length 80 +-2, width 10 +-0.2, thickness 4 +-0.2 mm
// (InfinitaLab, "ISO 178 - Specimen Size", https://infinitalab.com/blogs/iso-178-specimen-size/,
// read 2026-11-27). ISO 179-1 Charpy specimens are 80 x 10 mm by the thickness
// (Intertek, https://www.intertek.com/polymers-plastics/testlopedia/charpy-impact-iso179/),
// with 4 mm the recommended thickness when cut from sheet (ISO 179-1:2010 clause 6.3.1.2,
// as quoted at https://standards-download.mealir.com/download/?id=622).
// Notches for notched Charpy tests are machined afterwards and are not modelled here.

length    = 80;
width     = 10;
thickness = 4;
mode = "3d";   // "3d": bar lying flat (10 mm on the bed); "2d": outline for cutting

if (mode == "2d") square([length, width]);
else cube([length, width, thickness]);

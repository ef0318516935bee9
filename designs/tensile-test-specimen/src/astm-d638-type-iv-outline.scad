// 2D outline of the ASTM D638 type IV specimen, to cut specimens from a pressed sheet
// (export as DXF or SVG). Dimensions and sources are in astm-d638-type-iv.scad.
include <astm-d638-type-iv.scad>
mode = "2d";

#!/bin/sh
# Rebuild every design's exported files from its OpenSCAD sources.
#
#   tools/build_stls.sh                      all designs
#   tools/build_stls.sh designs/ear-saver    one or more design folders
#
# Binary STLs are rewritten in a canonical facet order: OpenSCAD writes the same
# triangles in a different order from run to run, and a canonical file lets
# `git diff` (or CI) tell whether a source changed the geometry.
#
# What is built comes from each design.yml, so the list cannot drift from the records:
#   - a part with both `file` (an .stl) and `source` (an .scad): openscad -o file source
#   - a part whose `file` is a 2D outline (an .svg or .dxf, a piece cut or sewn from sheet)
#     and whose `source` is an .scad: the outline is exported from the source
#   - a `sources` entry in svg or dxf format whose .scad twin (same path, .scad) exists:
#     the 2D drawing is exported from the twin.
# OpenSCAD writes an SVG with its width and height in mm; a DXF from it has no $INSUNITS,
# so a part whose file is a DXF states `units: mm` in its record.
# Needs `openscad` (Debian package) and the project's Python with PyYAML.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
python=${MAKELOCAL_PYTHON:-"$root/.venv/bin/python"}
[ -x "$python" ] || python=python3
command -v openscad >/dev/null || { echo "build_stls: openscad is not installed (apt install openscad)" >&2; exit 1; }

# Binary STL is about five times smaller than ASCII; OpenSCAD 2019.05 and older lack it.
if openscad --help 2>&1 | grep -q binstl; then stl_format="--export-format binstl"; else stl_format=""; fi

if [ "$#" -eq 0 ]; then set -- "$root"/designs/*/; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Sort the facets of a binary STL (each facet's vertices rotated, keeping the winding,
# to start at its smallest vertex), write every -0.0 as 0.0 (OpenSCAD gives a zero either
# sign from run to run) and clear the header and attribute bytes.
canonical_stl() {
  "$python" - "$1" <<'PY'
import struct
import sys

path = sys.argv[1]
with open(path, "rb") as handle:
    data = handle.read()
count = struct.unpack_from("<I", data, 80)[0] if len(data) >= 84 else -1
if len(data) == 84 + 50 * count:  # binary STL; leave ASCII files alone
    facets = []
    for i in range(count):
        # Adding 0.0 turns -0.0 into 0.0 and leaves every other value as it is.
        record = struct.pack("<12f", *(v + 0.0 for v in struct.unpack_from("<12f", data, 84 + 50 * i)))
        corners = [record[12:24], record[24:36], record[36:48]]
        first = min(range(3), key=corners.__getitem__)
        corners = corners[first:] + corners[:first]
        facets.append((b"".join(corners), record[0:12]))
    facets.sort()
    header = b"OpenSCAD Model, canonical facet order".ljust(80, b" ")
    with open(path, "wb") as handle:
        handle.write(header + struct.pack("<I", count))
        handle.write(b"".join(normal + corners + b"\0\0" for corners, normal in facets))
PY
}

for folder in "$@"; do
  folder=${folder%/}
  [ -f "$folder/design.yml" ] || { echo "build_stls: no design.yml in $folder" >&2; exit 1; }
  "$python" - "$folder/design.yml" <<'PY' | while IFS='	' read -r kind out src; do
import sys
from pathlib import PurePosixPath

import yaml

with open(sys.argv[1], encoding="utf-8") as handle:
    design = yaml.safe_load(handle)
for part in design.get("parts") or []:
    if part.get("file") and str(part.get("source", "")).endswith(".scad"):
        kind = "2d" if str(part["file"]).lower().endswith((".svg", ".dxf")) else "stl"
        print(kind, part["file"], part["source"], sep="\t")
for source in design.get("sources") or []:
    if source.get("format") in ("svg", "dxf"):
        twin = PurePosixPath(source["file"]).with_suffix(".scad").as_posix()
        print("twin", source["file"], twin, sep="\t")
PY
    # A drawing among the sources is rebuilt only if it has an OpenSCAD twin.
    if [ "$kind" = twin ] && [ ! -f "$folder/$src" ]; then continue; fi
    mkdir -p "$(dirname "$folder/$out")"
    echo "$folder/$out <- $src"
    if [ "$kind" = stl ]; then
      # shellcheck disable=SC2086  # $stl_format is one option and its value, or empty
      (cd "$folder" && openscad $stl_format -o "$out" "$src" 2>"$log") || { cat "$log" >&2; exit 1; }
      canonical_stl "$folder/$out"
    else
      (cd "$folder" && openscad -o "$out" "$src" 2>"$log") || { cat "$log" >&2; exit 1; }
    fi
  done
done

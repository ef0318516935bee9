#!/bin/sh
# Rebuild every design's exported files from its OpenSCAD sources (see tools/build_stls.py).
#
#   tools/build_stls.sh                      all designs
#   tools/build_stls.sh designs/ear-saver    one or more design folders
#
# Needs `openscad` (Debian package) and the project's Python (.venv, made by `make setup`);
# set MAKELOCAL_PYTHON to use another interpreter.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
python=${MAKELOCAL_PYTHON:-"$root/.venv/bin/python"}
[ -x "$python" ] || python=python3
exec "$python" "$root/tools/build_stls.py" "$@"

"""Rebuild every design's exported files from its OpenSCAD sources (`make stls`).

    tools/build_stls.sh                      all designs
    tools/build_stls.sh designs/ear-saver    one or more design folders

What is built comes from each design.yml, so the list cannot drift from the records:
  - a part with both `file` (an .stl) and `source` (an .scad): openscad -o file source
  - a part whose `file` is a 2D outline (an .svg or .dxf, a piece cut or sewn from sheet)
    and whose `source` is an .scad: the outline is exported from the source
  - a `sources` entry in svg or dxf format whose .scad twin (same path, .scad) exists:
    the 2D drawing is exported from the twin, unless the design was brought from elsewhere
    (it has an `origin`): its sources are then the authors' files, kept byte for byte, and
    another OpenSCAD would write the same drawing in another order.
A design with none of these (its parts drawn in FreeCAD or STEP) is named, not skipped in
silence. Binary STLs are rewritten in a canonical facet order: OpenSCAD writes the same
triangles in another order, and a zero as 0.0 or -0.0, from run to run; a canonical file
lets `git diff` (or CI) tell whether a source changed the geometry. For the same reason
the closed contours of an exported SVG are sorted: now and then OpenSCAD writes them in
another order (the b4ckspace visor's two tab holes swapped places in 1 run of 40).

On a terminal the progress (count, file, time left) is drawn on stderr; into a log, each
file built is a line on stdout instead.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's package, whichever Python runs this

from generator.findings.progress import SILENT, Progress  # noqa: E402
from generator.records.loader import LoadError, parse  # noqa: E402
from generator.reporters.progress import progress_on  # noqa: E402

OUTLINE_SUFFIXES = (".svg", ".dxf")
CANONICAL_HEADER = b"OpenSCAD Model, canonical facet order".ljust(80, b" ")


@dataclass(frozen=True)
class Export:
    """One file to export from an OpenSCAD source, both relative to the design folder."""

    folder: Path
    output: str
    source: str
    mesh: bool  # a binary STL, made canonical after export

    @property
    def shown(self) -> str:
        """The exported file, as the command line named its design folder."""
        return f"{self.folder.as_posix().rstrip('/')}/{self.output}"


def exports(folder: Path) -> list[Export]:
    """What a design folder's design.yml says to export, in its order."""
    data = parse((folder / "design.yml").read_bytes(), folder / "design.yml").data
    found: list[Export] = []
    if not isinstance(data, dict):
        return found  # `makelocal validate` says what is wrong with it
    for part in _mappings(data.get("parts")):
        file, source = part.get("file"), str(part.get("source", ""))
        if isinstance(file, str) and source.endswith(".scad"):
            found.append(Export(folder, file, source, not file.lower().endswith(OUTLINE_SUFFIXES)))
    if "origin" in data:
        return found  # the authors' drawings are theirs, never rewritten here
    for entry in _mappings(data.get("sources")):
        file = entry.get("file")
        if entry.get("format") in ("svg", "dxf") and isinstance(file, str):
            twin = PurePosixPath(file).with_suffix(".scad").as_posix()
            if (folder / twin).is_file():
                found.append(Export(folder, file, twin, mesh=False))
    return found


def _mappings(items: object) -> list[dict[str, object]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def canonical_stl(path: Path) -> None:
    """Sort a binary STL's facets (each facet's corners turned, keeping the winding, to
    start at its smallest), write every -0.0 as 0.0, and clear the header and attribute
    bytes; an ASCII STL is left as it is."""
    data = path.read_bytes()
    count = struct.unpack_from("<I", data, 80)[0] if len(data) >= 84 else -1
    if len(data) != 84 + 50 * count:
        return
    facets = []
    for index in range(count):
        # Adding 0.0 turns -0.0 into 0.0 and leaves every other value as it is.
        values = struct.unpack_from("<12f", data, 84 + 50 * index)
        record = struct.pack("<12f", *(v + 0.0 for v in values))
        corners = [record[12:24], record[24:36], record[36:48]]
        first = min(range(3), key=corners.__getitem__)
        facets.append((b"".join(corners[first:] + corners[:first]), record[0:12]))
    facets.sort()
    body = b"".join(normal + corners + b"\0\0" for corners, normal in facets)
    path.write_bytes(CANONICAL_HEADER + struct.pack("<I", count) + body)


CONTOUR = re.compile(r"M [^z]*z")  # one closed contour of an OpenSCAD SVG path


def canonical_svg(path: Path) -> None:
    """Sort the closed contours (`M ... z`) of each path an OpenSCAD SVG draws, each kept
    as written; their order means nothing to the drawing. A path holding anything else
    is left as it is."""
    text = path.read_text(encoding="utf-8")

    def sorted_path(match: re.Match[str]) -> str:
        contours = CONTOUR.findall(match.group(2))
        if not contours or CONTOUR.sub("", match.group(2)).strip():
            return match.group(0)
        return match.group(1) + "\n" + "\n".join(sorted(contours)) + "\n" + match.group(3)

    path.write_text(re.sub(r'( d=")([^"]*)(")', sorted_path, text), encoding="utf-8")


def stl_format(openscad: str) -> list[str]:
    """Binary STL is about five times smaller than ASCII; OpenSCAD 2019.05 and older lack it."""
    help_text = subprocess.run([openscad, "--help"], capture_output=True, text=True, check=False)
    return ["--export-format", "binstl"] if "binstl" in help_text.stdout + help_text.stderr else []


def build(export: Export, openscad: str, binary: list[str]) -> str | None:
    """Export one file; OpenSCAD's messages when it fails, else None."""
    (export.folder / export.output).parent.mkdir(parents=True, exist_ok=True)
    options = binary if export.mesh else []
    done = subprocess.run(
        [openscad, *options, "-o", export.output, export.source],
        cwd=export.folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return done.stderr or done.stdout or f"openscad exited with {done.returncode}"
    if export.mesh:
        canonical_stl(export.folder / export.output)
    elif export.output.lower().endswith(".svg"):
        canonical_svg(export.folder / export.output)
    return None


def main(arguments: list[str], progress: Progress = SILENT, *, log: bool = True) -> int:
    openscad = shutil.which("openscad")
    if openscad is None:
        print("build_stls: openscad is not installed (apt install openscad)", file=sys.stderr)
        return 1
    folders = [Path(a) for a in arguments] or sorted(
        p.parent.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p.parent
        for p in (ROOT / "designs").glob("*/design.yml")
    )
    todo: list[Export] = []
    for folder in folders:
        if not (folder / "design.yml").is_file():
            print(f"build_stls: no design.yml in {folder}", file=sys.stderr)
            return 1
        try:
            found = exports(folder)
        except LoadError as error:
            where = f"{folder}/design.yml:{error.mark.line}"
            print(f"build_stls: {where}: {error.message}", file=sys.stderr)
            return 1
        if not found:
            print(
                f"build_stls: {folder}: nothing to build (no part or drawing has an OpenSCAD "
                "source; its files are exported by hand from their sources)",
                file=sys.stderr,
            )
        todo += found
    binary = stl_format(openscad)
    progress.begin("building", len(todo))
    try:
        for export in todo:
            problem = build(export, openscad, binary)
            if problem is not None:
                progress.end()
                print(f"build_stls: {export.shown} <- {export.source}:\n{problem}", file=sys.stderr)
                return 1
            if log:
                print(f"{export.shown} <- {export.source}", flush=True)
            progress.advance(export.shown)
    finally:
        progress.end()
    return 0


if __name__ == "__main__":
    shown = progress_on(sys.stderr)
    sys.exit(main(sys.argv[1:], shown, log=shown is SILENT))

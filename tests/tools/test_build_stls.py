"""`make stls` (tools/build_stls.sh): rebuilding a design's parts from its OpenSCAD sources
gives the committed files byte for byte; a design with nothing to rebuild is named; on a
terminal the progress is drawn, into a log each file is a line."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.reporters.progress import TerminalProgress
from tests.reporters.test_progress import Terminal

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "build_stls.sh"
pytestmark = pytest.mark.skipif(shutil.which("openscad") is None, reason="needs openscad")


def tool() -> ModuleType:
    """tools/build_stls.py as a module (a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_stls", ROOT / "tools" / "build_stls.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run(*folders: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MAKELOCAL_PYTHON": sys.executable}
    return subprocess.run(
        [str(SCRIPT), *map(str, folders)], capture_output=True, text=True, env=environment
    )


def test_rebuilt_parts_are_the_committed_files(tmp_path: Path) -> None:
    design = tmp_path / "snap-clip"
    shutil.copytree(ROOT / "designs/snap-clip", design)
    for stl in (design / "parts").glob("*.stl"):
        stl.unlink()
    done = run(design)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # not a terminal: no progress
    assert done.stdout.splitlines() == [
        f"{design}/parts/rod.stl <- src/rod.scad",
        f"{design}/parts/channel.stl <- src/channel.scad",
    ]
    for name in ("rod.stl", "channel.stl"):
        committed = (ROOT / "designs/snap-clip/parts" / name).read_bytes()
        assert (design / "parts" / name).read_bytes() == committed


def test_a_design_with_nothing_to_rebuild_is_named(tmp_path: Path) -> None:
    design = tmp_path / "step-part"
    design.mkdir()
    (design / "design.yml").write_text(
        "id: step-part\nparts:\n  - id: plate\n    file: parts/plate.stl\n"
        "    source: src/plate.step\n",
        encoding="utf-8",
    )
    done = run(design)
    assert done.returncode == 0
    assert f"build_stls: {design}: nothing to build (no part or drawing has an OpenSCAD" in (
        done.stderr
    )


def test_a_broken_source_stops_with_openscad_s_words(tmp_path: Path) -> None:
    design = tmp_path / "snap-clip"
    shutil.copytree(ROOT / "designs/snap-clip", design)
    (design / "src/rod.scad").write_text("cube([1, 2, 3]\n", encoding="utf-8")
    done = run(design)
    assert done.returncode == 1
    assert f"build_stls: {design}/parts/rod.stl <- src/rod.scad:" in done.stderr
    assert "rror" in done.stderr  # OpenSCAD's own parser error


def test_a_terminal_sees_the_progress(tmp_path: Path) -> None:
    design = tmp_path / "snap-clip"
    shutil.copytree(ROOT / "designs/snap-clip", design)
    stream = Terminal()
    assert tool().main([str(design)], TerminalProgress(stream), log=False) == 0
    drawn = stream.getvalue()
    assert "\rbuilding 1/2 " in drawn and "/parts/rod.stl, about " in drawn
    assert "\rbuilding 2/2 " in drawn and "/parts/channel.stl" in drawn


def test_a_design_from_the_commons_keeps_the_authors_drawings(tmp_path: Path) -> None:
    """Its outlines made here are rebuilt, the authors' own sheet (an SVG and a DXF with an
    OpenSCAD twin) is not: another OpenSCAD writes it in another order."""
    committed = ROOT / "designs/b4ckspace-laser-cut-face-shield"
    design = tmp_path / committed.name
    shutil.copytree(committed, design)
    for outline in (design / "parts").glob("*.svg"):
        outline.unlink()
    done = run(design)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{design}/parts/shield.svg <- src/shield-cut.scad",
        f"{design}/parts/head-strap.svg <- src/head-strap-cut.scad",
    ]
    for name in ("parts/shield.svg", "parts/head-strap.svg", "src/faceshield-3.2.svg"):
        assert (design / name).read_bytes() == (committed / name).read_bytes()


def test_an_svg_s_contours_come_out_in_one_order(tmp_path: Path) -> None:
    """OpenSCAD now and then writes the same closed contours in another order; both orders
    give the same file, and a path drawing anything but closed contours is left alone."""
    square = "M 0,0 L 10,0 L 10,10\n L 0,10 z"
    hole = "M 2,2 L 2,4 L 4,4 L 4,2 z"
    head = '<svg width="10mm" height="10mm" viewBox="0 0 10 10">\n<path d="\n'
    tail = '\n" stroke="black" fill="lightgray" stroke-width="0.5"/>\n</svg>\n'
    written = []
    for contours in ([square, hole], [hole, square]):
        drawing = tmp_path / "part.svg"
        drawing.write_text(head + "\n".join(contours) + tail, encoding="utf-8")
        tool().canonical_svg(drawing)
        written.append(drawing.read_text(encoding="utf-8"))
    assert written[0] == written[1] == head + "\n".join(sorted([square, hole])) + tail
    open_line = head + "M 0,0 L 10,10" + tail
    drawing.write_text(open_line, encoding="utf-8")
    tool().canonical_svg(drawing)
    assert drawing.read_text(encoding="utf-8") == open_line

"""Printable patterns: the PDF is well formed, tiled at 1:1 on A4 and US Letter, its test
square measures 50 mm when printed at actual size, its pages join, and it is the same
bytes every time. Poppler's pdfinfo, pdftoppm and pdftotext (Debian's poppler-utils) are
the independent readers; without them those tests are skipped (.ci/run installs them)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import ezdxf
import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from generator.web import build, patterns, sources
from generator.web.pdf import PT_PER_MM, ascii_text, fit_text, text_width, wrap_text
from generator.web.render import render_site
from generator.web.site import PatternJob, PatternPart, Settings
from generator.web.sources import load_valid_catalog
from tests.conftest import FIXTURES, make_repo
from tests.web.helpers import broken_links

requires_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="Debian's poppler-utils is not installed (.ci/run installs it)",
)
DPI = 254  # 10 pixels a millimetre
BIG = (400.0, 300.0)  # an ellipse larger than any page, with a hole


def svg(path: Path, width: float, height: float, body: str) -> Path:
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}">{body}</svg>',
        "utf-8",
    )
    return path


def big_part(
    folder: Path, name: str = "Seat (back) \\ left", seam: float | None = 12
) -> PatternPart:
    source = svg(
        folder / "big.svg",
        *BIG,
        '<ellipse cx="200" cy="150" rx="200" ry="150"/><path d="M150 100 h60 v40 h-60 z"/>',
    )
    return PatternPart(source, None, name, "Cut 2 on the straight grain", BIG, seam)


def small_part(folder: Path) -> PatternPart:
    source = svg(folder / "small.svg", 60, 40, '<rect x="0" y="0" width="60" height="40"/>')
    return PatternPart(source, None, "Tab", "Cut 4", (60.0, 40.0), None)


def write(folder: Path, job: PatternJob) -> Path:
    path = folder / f"pattern-{job.paper}.pdf"
    path.write_bytes(patterns.pattern_bytes(job))
    return path


# --- the PDF's structure, read without poppler ----------------------------------------------


def objects(data: bytes) -> dict[int, bytes]:
    """Every object of the PDF by number, checked against the cross-reference table."""
    assert data.startswith(b"%PDF-1.6\n")
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))  # type: ignore[union-attr]
    assert data[start:].startswith(b"xref\n0 ")
    count = int(data[start:].split(b"\n")[1].split()[1])
    entries = data[start:].split(b"\n", 2)[2]
    found = {}
    for number in range(1, count):
        entry = entries[number * 20 : number * 20 + 20]
        assert len(entry) == 20 and entry.endswith(b" n\r\n"), entry
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
        found[number] = data[offset : data.index(b"\nendobj\n", offset)]
    assert re.search(rb"trailer\n<< /Size %d /Root 1 0 R" % count, data)
    return found


def pages(data: bytes) -> list[tuple[list[float], bytes]]:
    """Each page's MediaBox and its content stream, uncompressed, in page order."""
    found = objects(data)
    kids = re.search(rb"/Kids \[([^\]]*)\] /Count (\d+)", found[2])
    assert kids is not None
    numbers = [int(n) for n in re.findall(rb"(\d+) 0 R", kids.group(1))]
    assert len(numbers) == int(kids.group(2))
    result = []
    for number in numbers:
        page = found[number]
        media = re.search(rb"/MediaBox \[([^\]]*)\]", page)
        contents = re.search(rb"/Contents (\d+) 0 R", page)
        assert media is not None and contents is not None
        stream = found[int(contents.group(1))]
        body = stream[stream.index(b"stream\n") + 7 : stream.rindex(b"\nendstream")]
        length = int(re.search(rb"/Length (\d+)", stream).group(1))  # type: ignore[union-attr]
        assert len(body) == length
        result.append(([float(v) for v in media.group(1).split()], zlib.decompress(body)))
    return result


def test_a_part_larger_than_a_page_is_tiled_on_a4_and_letter(tmp_path: Path) -> None:
    part = big_part(tmp_path)
    for paper, size in (("a4", (595.276, 841.89)), ("letter", (612.0, 792.0))):
        data = patterns.pattern_bytes(PatternJob("Bucket seat", paper, (part,)))
        drawn = pages(data)
        # 400 x 300 mm turned a quarter: 2 x 2 pages on either paper (upright takes 3 x 2).
        assert len(drawn) == 4 == patterns.page_count([part], paper)
        for media, _ in drawn:
            assert media[:2] == [0, 0]
            assert media[2:] == pytest.approx(size, abs=0.01)
    layout = patterns.grid(BIG, patterns.PAPERS["a4"])
    assert (layout.columns, layout.rows, layout.turned) == (2, 2, True)


def test_every_part_starts_on_its_own_pages_and_small_ones_take_one(tmp_path: Path) -> None:
    parts = (small_part(tmp_path), big_part(tmp_path))
    data = patterns.pattern_bytes(PatternJob("Seat", "a4", parts))
    assert len(pages(data)) == 1 + 4 == patterns.page_count(parts, "a4")


def test_the_test_square_is_drawn_50_mm_on_every_page_in_the_pdf(tmp_path: Path) -> None:
    data = patterns.pattern_bytes(PatternJob("Seat", "letter", (big_part(tmp_path),)))
    for _, content in pages(data):
        # The page's unit is the millimetre: points scaled by 72 / 25.4, y flipped.
        scale = content.split(b"\n")[0].split()
        assert float(scale[0]) == pytest.approx(PT_PER_MM, rel=1e-4)
        assert float(scale[3]) == pytest.approx(-PT_PER_MM, rel=1e-4)
        assert len(re.findall(rb"\n[-\d.]+ [-\d.]+ 50 50 re S\n", content)) == 1


def test_the_same_job_makes_the_same_bytes(tmp_path: Path) -> None:
    job = PatternJob("Seat", "a4", (small_part(tmp_path), big_part(tmp_path)))
    first = patterns.pattern_bytes(job)
    assert patterns.pattern_bytes(job) == first
    assert b"CreationDate" not in first and b"ModDate" not in first and b"/ID" not in first


def test_a_dxf_is_turned_over_so_the_piece_is_not_mirrored(tmp_path: Path) -> None:
    """An L drawn in an SVG (y down) and the same L in a DXF (y up) print alike."""
    corners = [(0, 0), (80, 0), (80, 20), (20, 20), (20, 60), (0, 60)]  # the SVG's, y down
    svg(
        tmp_path / "l.svg",
        80,
        60,
        '<path d="M' + " L".join(f"{x} {y}" for x, y in corners) + ' Z"/>',
    )
    document = ezdxf.new()
    document.header["$INSUNITS"] = 4  # mm
    document.modelspace().add_lwpolyline([(x, -y) for x, y in corners], close=True)
    document.saveas(tmp_path / "l.dxf")
    shapes = [
        patterns.part_shape(PatternPart(tmp_path / name, None, "L", "Cut 1", (80, 60), None))
        for name in ("l.svg", "l.dxf")
    ]
    for shape in shapes:  # the long arm along the top, the short one down the left
        low_x, low_y, _, _ = shape.bounds
        assert shape.contains(shapely_point(low_x + 70, low_y + 10))
        assert not shape.contains(shapely_point(low_x + 70, low_y + 50))


def shapely_point(x: float, y: float) -> object:
    from shapely.geometry import Point

    return Point(x, y)


def test_text_is_ascii_and_fits() -> None:
    assert ascii_text("Pièce \u2013 côté \u00d7 2 “grand” 中") == 'Piece - cote x 2 "grand" ?'
    assert text_width("AAAA", 10) == pytest.approx(4 * 6.67)
    cut = fit_text("A very long name for a piece of cloth", 3, 30)
    assert cut.endswith("...") and text_width(cut, 3) <= 30
    lines = wrap_text("one two three four five six seven", 3, 20)
    assert len(lines) > 1 and all(text_width(line, 3) <= 20 for line in lines)


def test_a_part_too_large_to_trace_from_paper_gets_no_pattern() -> None:
    assert patterns.fits((600, 400))
    assert not patterns.fits((2440, 1220))  # a full sheet of plywood


# --- read and drawn by poppler --------------------------------------------------------------------


def run(*command: str | Path) -> str:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, check=True)
    assert not result.stderr, result.stderr  # poppler reports syntax errors on stderr
    return result.stdout


def render(pdf: Path, page: int) -> np.ndarray:
    """The page as poppler draws it at 254 dpi, as an array of grey levels."""
    stem = pdf.with_name(f"{pdf.stem}-{page}")
    run("pdftoppm", "-r", DPI, "-gray", "-png", "-singlefile", "-f", page, "-l", page, pdf, stem)
    with Image.open(stem.with_suffix(".png")) as image:
        return np.asarray(image.convert("L"))


@requires_poppler
def test_poppler_reads_the_pages_at_their_paper_size(tmp_path: Path) -> None:
    part = big_part(tmp_path)
    for paper, name in (("a4", "(A4)"), ("letter", "(letter)")):
        info = run("pdfinfo", write(tmp_path, PatternJob("Seat", paper, (part,))))
        assert re.search(r"^Pages:\s+4$", info, re.MULTILINE)
        assert re.search(rf"^Page size:.*{re.escape(name)}$", info, re.MULTILINE)


@requires_poppler
def test_the_test_square_measures_50_mm_when_printed_at_actual_size(tmp_path: Path) -> None:
    pdf = write(tmp_path, PatternJob("Seat", "a4", (big_part(tmp_path),)))
    for page in (1, 4):
        dark = render(pdf, page) < 128
        labelled, _ = ndimage.label(dark)
        sizes = [
            (box[1].stop - box[1].start, box[0].stop - box[0].start)
            for box in ndimage.find_objects(labelled)
        ]
        # 50 mm at 10 pixels a millimetre, give or take the line's width and a pixel.
        squares = [s for s in sizes if all(abs(side - 500) <= 4 for side in s)]
        assert len(squares) == 1, sorted(sizes, reverse=True)[:5]


@requires_poppler
def test_the_strip_two_pages_share_shows_the_same_drawing_on_both(tmp_path: Path) -> None:
    pdf = write(tmp_path, PatternJob("Seat", "a4", (big_part(tmp_path),)))
    room_x, room_y = patterns.content_size(patterns.PAPERS["a4"])
    margin, overlap = patterns.MARGIN_MM, patterns.OVERLAP_MM

    def px(mm: float) -> int:
        return round(mm * DPI / 25.4)

    left, right = render(pdf, 1), render(pdf, 2)
    # Inside the strip, 1 mm clear of the frame and the dashed edge on either side.
    rows = slice(px(margin + 1), px(margin + room_y - overlap - 1))
    strip_one = left[rows, px(margin + room_x - overlap + 1) : px(margin + room_x - 1)]
    strip_two = right[rows, px(margin + 1) : px(margin + overlap - 1)]
    assert (strip_one < 128).sum() > 1000  # marks and outline are there
    assert np.mean(np.abs(strip_one.astype(int) - strip_two.astype(int)) > 64) < 0.005


@requires_poppler
def test_names_page_numbers_and_joins_are_written_on_the_pages(tmp_path: Path) -> None:
    pdf = write(tmp_path, PatternJob("Siège de seau", "a4", (big_part(tmp_path),)))
    first = run("pdftotext", "-f", 1, "-l", 1, "-layout", pdf, "-")
    assert "Siege de seau: Seat (back) \\ left" in first
    assert "Page 1 of 4" in first
    assert "Cut 2 on the straight grain" in first
    assert "stitch, 12 mm inside the edge" in first
    joins = first.replace(" ", "")  # small type: pdftotext may not see the spaces
    assert "1+2" in joins and "1+3" in joins  # the marks of its two joins
    assert "50 mm" in first
    info = run("pdfinfo", pdf)
    assert "Siège de seau: pattern to print, A4" in info


# --- published by the site ------------------------------------------------------------------------

PATTERNS = (
    "design/flat-part/flat-part-pattern-a4.pdf",
    "design/flat-part/flat-part-pattern-letter.pdf",
)


@pytest.fixture
def flat_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", FIXTURES / "valid" / "flat-part")


def test_a_design_with_flat_parts_offers_a_pattern_on_each_paper(flat_repo: Path) -> None:
    catalog = load_valid_catalog(flat_repo)
    site = render_site(catalog, sources.analyse(catalog, flat_repo), Settings())
    assert sorted(site.patterns) == sorted(PATTERNS)
    job = site.patterns[PATTERNS[0]]
    # The felt pad is cut from sheet; the clip beside it is printed and has no pattern.
    assert [(p.name, p.note, p.size_mm) for p in job.parts] == [("Felt pad", "Cut 1", (80, 40))]
    assert job.parts[0].source == flat_repo / "designs/flat-part/parts/pad.svg"
    page = next(p for p in site.pages if p.path == "design/flat-part.md")
    assert (
        '<a href="flat-part/flat-part-pattern-a4.pdf" download>Pattern to print on A4</a> '
        "(PDF, 1 page at actual size" in page.html
    )
    assert '<a href="flat-part/flat-part-pattern-letter.pdf" download>' in page.html
    assert "(Felt pad, SVG outline at 1:1)" in page.html
    entries = dict(site.archives["design/flat-part/flat-part.zip"].entries)
    assert entries["flat-part/flat-part-pattern-a4.pdf"] == job
    assert not [link for link in broken_links(site) if link.startswith("design/flat-part")]
    # A design without flat parts offers none.
    clip = next(p for p in site.pages if p.path == "design/test-clip.md")
    assert "Pattern to print" not in clip.html
    assert not any(target.startswith("design/test-clip/") for target in site.patterns)


def test_the_build_makes_the_patterns_and_packs_them_the_same_every_time(
    flat_repo: Path, tmp_path: Path
) -> None:
    copy = shutil.copytree(flat_repo, tmp_path / "copy")
    made = [build.generate(root).files for root in (flat_repo, copy)]
    for target in PATTERNS:
        data = made[0][target].read_bytes()
        assert data.startswith(b"%PDF-1.6") and len(pages(data)) == 1
        assert made[1][target].read_bytes() == data  # a fresh copy: the same bytes
    with zipfile.ZipFile(made[0]["design/flat-part/flat-part.zip"]) as archive:
        for target in PATTERNS:
            name = "flat-part/" + target.rsplit("/", 1)[1]
            assert archive.read(name) == made[0][target].read_bytes()

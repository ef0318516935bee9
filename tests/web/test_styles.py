"""Material's stylesheet cut to what the site uses: which rules go and which stay, and, in
Chromium, pages that look the same to the pixel with the cut and with the whole sheet."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import material
import pytest
from PIL import Image, ImageChops

from generator.web.styles import STYLESHEETS, trimmed, used_classes
from tests.conftest import requires_chromium

WHOLE = next((Path(material.__file__).parent / "templates" / STYLESHEETS).glob("main.*.min.css"))


@pytest.mark.parametrize(
    ("css", "used", "kept"),
    [
        (".a{color:red}.b{color:blue}", {"a"}, ".a{color:red}"),
        (".a .b,.a>p{x:1}", {"a"}, ".a>p{x:1}"),  # a list keeps its selectors that can match
        (".a:is(.x,.y){x:1}", {"a"}, ".a:is(.x,.y){x:1}"),  # alternatives are not required
        (".a:not(.z){x:1}", {"a"}, ".a:not(.z){x:1}"),
        (".z:not(.a){x:1}", {"a"}, ""),
        ("@media (min-width:10em){.b{x:1}.a{y:2}}", {"a"}, "@media (min-width:10em){.a{y:2}}"),
        ("@media print{.b{x:1}}", {"a"}, ""),
        (
            "@font-face{font-family:x}div,[lang=fr]{x:1}",
            set(),
            "@font-face{font-family:x}div,[lang=fr]{x:1}",
        ),
        # A writing direction no page has is never matched; one inside :not() is optional.
        ("[dir=rtl] .a{x:1}[dir=ltr] .a{y:2}", {"a", "dir=ltr"}, "[dir=ltr] .a{y:2}"),
        ('[dir="rtl"] .a,.a{x:1}', {"a", "dir=ltr"}, ".a{x:1}"),
        (".a:not([dir=rtl]){x:1}", {"a", "dir=ltr"}, ".a:not([dir=rtl]){x:1}"),
        ("[dir=rtl] .a{x:1}", {"a", "dir=rtl"}, "[dir=rtl] .a{x:1}"),
        ("@keyframes k{0%{x:1}}", set(), "@keyframes k{0%{x:1}}"),
    ],
)
def test_rules_stay_when_the_site_can_use_them(css: str, used: set[str], kept: str) -> None:
    assert trimmed(css, used) == kept


def test_classes_come_from_pages_and_from_words_of_scripts() -> None:
    used = used_classes(
        ['<body dir="ltr"><p class="a b">', '<a class="c">'], ['el.className = "ml-x";']
    )
    assert {"a", "b", "c", "ml-x", "className", "dir=ltr"} <= used
    assert "dir=rtl" not in used


def test_the_built_site_uses_its_own_cut(real_site: Path) -> None:
    (sheet,) = (real_site / STYLESHEETS).glob("main.*.min.css")
    assert sheet.name != WHOLE.name and sheet.stat().st_size < WHOLE.stat().st_size / 2
    for page in real_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert WHOLE.name not in html, page
        assert sheet.name in html, page


PAGES = (
    "index.html",
    "designs.html",
    "design/reusable-sanitary-pad.html",
    "material/recycled-hdpe.html",
    "what-can-i-make.html",
    "makers.html",
)


@requires_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_look_the_same_with_the_whole_sheet(
    browser: Any, real_site: Path, tmp_path: Path, width: int
) -> None:
    whole = tmp_path / "site"
    shutil.copytree(real_site, whole)
    (sheet,) = (whole / STYLESHEETS).glob("main.*.min.css")
    shutil.copyfile(WHOLE, sheet)
    page = browser.new_page(viewport={"width": width, "height": 900})
    different = []
    for path in PAGES:
        shots = []
        for site in (real_site, whole):
            page.goto((site / path).as_uri())
            if width == 390:  # the menu, open
                page.click("label.md-header__button[for=__drawer]")
            shot = page.screenshot(full_page=True, animations="disabled")
            shots.append(Image.open(io.BytesIO(shot)).convert("RGB"))
        # Chromium's anti-aliasing can differ by a few levels at a corner between the two
        # sheets (seen: 1 and 6 of 255, at 1 to 6 pixels); a dropped rule changes far more.
        if (
            shots[0].size != shots[1].size
            or max(high for _, high in ImageChops.difference(*shots).getextrema()) > 16
        ):
            different.append(path)
    page.close()
    assert different == []

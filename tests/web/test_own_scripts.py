"""The site's own scripts and stylesheet are published without their comments and the
spaces they do not need, and still parse: the browser tests run them as published."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import tinycss2

from generator.web.styles import STYLESHEETS, trimmed, used_classes
from tests.web.helpers import ASSETS
from tests.web.test_styles import WHOLE

SOURCES = sorted(p for p in ASSETS.rglob("*") if p.suffix in (".js", ".css"))
# A comment alone on its line, as the sources write them: `// why`, `/* why`, ` * why`.
COMMENT = re.compile(r"^\s*(?://|/\*|\*)\s*(\S.{20,}?)\s*(?:\*/)?$", re.MULTILINE)


def published(site: Path, source: Path) -> Path:
    return site / "assets/makelocal" / source.relative_to(ASSETS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_comments_and_indents_are_left_out(built_site: Path, source: Path) -> None:
    text = source.read_text("utf-8")
    shipped = published(built_site, source).read_text("utf-8")
    comments = COMMENT.findall(text)
    assert comments, f"{source.name}: the pattern finds none of its comments"
    kept = [comment for comment in comments if comment in shipped]
    assert not kept, f"{source.name} publishes its comments: {kept[:3]}"
    assert "\n  " not in shipped
    assert len(shipped) < 0.9 * len(text)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_what_is_published_parses(built_site: Path, source: Path) -> None:
    shipped = published(built_site, source)
    if source.suffix == ".css":
        rules = tinycss2.parse_stylesheet(shipped.read_text("utf-8"))
        errors = [rule for rule in rules if rule.type == "error"]
        assert not errors, errors[:3]
        assert len(rules) == len(tinycss2.parse_stylesheet(source.read_text("utf-8"), True, True))
        return
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    checked = subprocess.run([node, "--check", str(shipped)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_every_language_s_site_publishes_the_same(french_site: Path) -> None:
    for source in SOURCES:
        relative = Path("assets/makelocal") / source.relative_to(ASSETS)
        assert (french_site / "fr" / relative).read_bytes() == (french_site / relative).read_bytes()


def test_the_stylesheet_s_cut_keeps_the_classes_the_scripts_name(built_site: Path) -> None:
    """Material's stylesheet is cut to the classes of the pages and the words of the
    scripts as published: a class only a script adds to a page keeps its rules."""
    (cut,) = (built_site / STYLESHEETS).glob("main.*.min.css")
    pages = [page.read_text("utf-8") for page in sorted(built_site.rglob("*.html"))]
    scripts = [
        published(built_site, source).read_text("utf-8")
        for source in SOURCES
        if source.suffix == ".js"
    ]
    whole = WHOLE.read_text("utf-8")
    assert cut.read_text("utf-8") == trimmed(whole, used_classes(pages, scripts))
    assert trimmed(whole, used_classes(pages, [])) != trimmed(whole, used_classes(pages, scripts))

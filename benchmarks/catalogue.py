"""A synthetic catalogue of N designs for the site benchmarks, and the plain-MkDocs baseline's
pages for the same designs.

The catalogue is the test fixture's materials, process and maker, MATERIALS more materials
(copies of the fixture's plastic), and N copies of its design, each with its own id, title,
description, category and maturity, and the fixture's plastic plus one of the other
materials (so "What can I make?" has designs that differ in what they need). Every design
credits the fixture's maker, whose page is then the one that lists most. The copies share
one STL, whose analysis is cached once: a build measures the site, not the analysis.
"""

from __future__ import annotations

import shutil
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "base"
CATEGORIES = ["ppe", "hygiene", "household", "repair-part", "tooling", "agriculture"]
MATURITY = ["concept", "prototype"]
WORDS = ["clip", "holder", "bracket", "hook", "cover", "stand", "frame", "guard", "spacer"]
MATERIALS = 20


def generate(root: Path, designs: int) -> None:
    shutil.copytree(BASE, root)
    material = (BASE / "catalog/materials/test-plastic.yml").read_text("utf-8")
    for m in range(MATERIALS):
        (root / f"catalog/materials/bench-material-{m}.yml").write_text(
            material.replace("id: test-plastic", f"id: bench-material-{m}")
            .replace("name: Test plastic", f"name: Bench material {m}")
            .replace("aliases: [TP]", f"aliases: [BM{m}]"),
            "utf-8",
        )
    folder = BASE / "designs" / "test-clip"
    template = (folder / "design.yml").read_text("utf-8")
    shutil.rmtree(root / "designs" / "test-clip")
    for i in range(designs):
        target = root / "designs" / f"design-{i:05d}"
        shutil.copytree(folder, target)
        word = WORDS[i % len(WORDS)]
        text = (
            template.replace("id: test-clip", f"id: design-{i:05d}")
            .replace("title: Test clip", f"title: Generated {word} number {i}")
            .replace("category: repair-part", f"category: {CATEGORIES[i % len(CATEGORIES)]}")
            .replace("maturity: concept", f"maturity: {MATURITY[i % len(MATURITY)]}")
            .replace(
                "materials: [test-plastic]",
                f"materials: [test-plastic, bench-material-{i % MATERIALS}]",
            )
            .replace(
                "description: Used only by the tests.",
                f"description: A generated {word} for the site benchmark, number {i}.",
            )
        )
        if i % len(MATURITY):  # a prototype needs a record that its author made it
            text += (
                "evidence:\n  - type: self-tested\n    date: '2026-11-27'\n"
                "    by: Fixture author\n    summary: Made once for the benchmark.\n"
            )
        (target / "design.yml").write_text(text, "utf-8")


BASELINE_CONFIG = """site_name: Baseline
docs_dir: docs
use_directory_urls: false
theme:
  name: material
  font: false
plugins: []
not_in_nav: |
  /design/*
nav:
  - Home: index.md
  - About: about.md
"""


def baseline_docs(root: Path) -> Path:
    """A MkDocs project beside `root` with one trivial page per design of `root` (its title
    and description); returns its folder."""
    import yaml

    project = root.with_name(root.name + "-mkdocs")
    docs = project / "docs" / "design"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG, "utf-8")
    (project / "docs/index.md").write_text("# Baseline\n\nDesigns to make locally.\n", "utf-8")
    (project / "docs/about.md").write_text("# About\n\nThe baseline of the benchmark.\n", "utf-8")
    for record in sorted(root.glob("designs/*/design.yml")):
        data = yaml.load(record.read_text("utf-8"), Loader=yaml.CSafeLoader)
        (docs / f"{data['id']}.md").write_text(
            f"# {data['title']}\n\n{data['summary']}\n\n{data['description']}\n", "utf-8"
        )
    return project

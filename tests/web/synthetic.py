"""A synthetic catalogue of N designs, for the site benchmark and the tests that pages and
data stay bounded as the catalogue grows.

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

import yaml

from generator.records.reader_text import fingerprint

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "base"
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


def translate_design(root: Path, number: int, title: str) -> Path:
    """A French translation of generated design `number` (its title and summary), made from
    the English as it is now; its file."""
    record = root / "designs" / f"design-{number:05d}" / "design.yml"
    data = yaml.safe_load(record.read_text("utf-8"))
    french = {
        "language": "fr",
        "status": "translated",
        "translated_by": "MakeLocal team",
        "date": "2026-12-06",
        "translated_from": fingerprint("design", data),
        "title": title,
        "summary": "Un modèle pour les tests.",
    }
    translation = record.with_name("design.fr.yml")
    translation.write_text(yaml.safe_dump(french, allow_unicode=True, sort_keys=False), "utf-8")
    return translation

"""The plain-MkDocs baseline's pages for a synthetic catalogue (tests/web/synthetic.py)."""

from __future__ import annotations

from pathlib import Path

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

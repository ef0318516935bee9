"""The real catalogue rendered once per settings, for the open-data tests: its manifests
and API files are what other tools read."""

from __future__ import annotations

from functools import cache

from generator.web.render import render_site
from generator.web.site import Settings, Site
from generator.web.sources import PROJECT, analyse, load_valid_catalog

REPO = "https://github.com/example/makelocal"
SITE = "https://example.github.io/makelocal/"
# Every combination of what a build may know: both addresses, the repository's only (a
# build with repo_url but no site_url), neither (a local build, not published).
SETTINGS = {
    "repo-and-site": Settings(repo_url=REPO, site_url=SITE),
    "repo-only": Settings(repo_url=REPO),
    "nothing": Settings(),
}


@cache
def real_site(settings: Settings) -> Site:
    """The site of the repository's own records, with the analysis of every part (from
    the analysis cache under .cache/, as `makelocal build` uses it)."""
    catalog = load_valid_catalog(PROJECT)
    schemas = {p.name: p for p in sorted((PROJECT / "schemas").glob("*.schema.json"))}
    return render_site(catalog, analyse(catalog, PROJECT), settings, {}, schemas)

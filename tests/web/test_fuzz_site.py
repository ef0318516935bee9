"""Fuzz: the site built from generated records with the validator bypassed. Whatever the
records hold (script in any text, ids and file names that climb out of folders, links
of any scheme), the build either refuses with a BuildError or writes a site in which, in
Chromium, nothing runs; and nothing is written outside the site folder (and the build's
cache). Few examples (four written out, six drawn): each is a build and a visit of every
page in Chromium (the fixture's records make 56 pages: 8-10 s here); the test took 50-100 s
in whole runs of the suite."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator.web import build, sources
from generator.web.build import BuildError, build_site
from tests.conftest import BASE, make_repo, requires_chromium
from tests.web.conftest import serve
from tests.web.payloads import LINK_PAYLOADS, STRUCTURAL, TEXT_PAYLOADS
from tests.web.test_browser import Watched

pytestmark = requires_chromium

PIECES = [
    *TEXT_PAYLOADS,
    *LINK_PAYLOADS,
    "../",
    "..\\",
    "/",
    "\u202e",
    "\n",
    "`",
    '"',
    "'",
    "<!--",
    "]]>",
    "%2e%2e/",
    "#",
    "?",
    "@team",
    "www.evil.example",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=4).map("".join)
# Ids and file names that leave their folder, name another page or are no name at all.
IDS = st.sampled_from(
    ["../../../../escaped", "../../escaped", "a/b", "..", "", "x.html", "<script>__pwn()</script>"]
)
FILES = st.sampled_from(
    ["../../../../escaped.stl", "/etc/passwd", "parts/../../x.stl", "a\nb", "src/x.html"]
)
URLS = st.one_of(st.sampled_from(["javascript:__pwn()", "https://evil.example/x"]), TEXT)
BASE_RECORDS = {
    name: yaml.safe_load((BASE / name).read_text("utf-8"))
    for name in (
        "designs/test-clip/design.yml",
        "catalog/materials/test-plastic.yml",
        "catalog/processes/test-printing.yml",
        "catalog/makers/test-maker.yml",
    )
}
# Deep enough that an id or file name climbing out of the site lands inside `base`.
NESTING = "a/b/c/d"
Draw = Callable[[st.SearchStrategy[Any]], Any]


def hostile(value: Any, draw: Draw, names: bool, key: str = "") -> Any:
    """`value` with every text replaced by generated text, addresses included, and with
    `names`, ids and file names too. The fields that name other records (STRUCTURAL) are
    kept, so that the records still refer to each other."""
    if isinstance(value, dict):
        return {k: hostile(v, draw, names, k) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v, draw, names, key) for v in value]
    if not isinstance(value, str):
        return value
    if key == "url":
        return draw(URLS)
    if names and key == "id":
        return draw(st.one_of(st.just(value), IDS))
    if names and key in ("file", "source"):
        return draw(st.one_of(st.just(value), FILES))
    return value if key in STRUCTURAL else draw(TEXT)


@st.composite
def catalogues(draw: Draw) -> dict[str, Any]:
    """The base fixture's records, rewritten by `hostile`."""
    names = draw(st.booleans())
    return {name: hostile(record, draw, names) for name, record in BASE_RECORDS.items()}


def with_design(**fields: Any) -> dict[str, Any]:
    """The base records with some of the design's fields replaced: the shortest cases."""
    records = copy.deepcopy(BASE_RECORDS)
    records["designs/test-clip/design.yml"].update(fields)
    return records


def with_part_file(name: str) -> dict[str, Any]:
    records = with_design()
    records["designs/test-clip/design.yml"]["parts"][0]["file"] = name
    return records


def written(base: Path) -> dict[str, float]:
    """Every file below `base` but the site and the build's cache, with its time."""
    return {
        path.relative_to(base).as_posix(): path.stat().st_mtime
        for path in base.rglob("*")
        if path.is_file() and not ({"site", ".cache"} & set(path.relative_to(base).parts))
    }


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(records=catalogues())
@example(records=with_design(id="../../../../escaped"))
@example(records=with_design(id="<script>__pwn()</script>", title="</title><script>__pwn()"))
@example(records=with_part_file("../../../../escaped.stl"))
@example(records=with_part_file("/etc/passwd"))
def test_a_site_from_any_records_runs_nothing_and_stays_in_its_folder(
    records: dict[str, Any], workspace: Path, browser: Any
) -> None:
    base = workspace / f"example-{len(list(workspace.iterdir()))}"
    repo = make_repo(base / NESTING / "repo")
    for name, record in records.items():
        (repo / name).write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    before = written(base)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "refuse_errors", lambda findings: None)
        patch.setattr(
            build, "index_search", lambda records, site, before: {}
        )  # search plays no part
        try:
            build_site(repo, base / NESTING / "site")
        except BuildError:
            built = False
        else:
            built = True
    assert written(base) == before
    event("built" if built else "refused")
    if built:
        _nothing_runs(browser, base / NESTING / "site")


def _nothing_runs(browser: Any, site: Path) -> None:
    server = serve(site)
    url = next(server)
    tab = Watched(browser, (url, "data:", "blob:"))
    refused: list[str] = []
    tab.page.on("requestfailed", lambda r: refused.append(r.url) if r.failure == "csp" else None)
    try:
        for page in sorted(site.rglob("*.html")):
            tab.page.goto(url + page.relative_to(site).as_posix())
            assert tab.page.evaluate("window.__pwned === undefined"), page
        assert sorted(tab.outside) == sorted(refused)  # asked of no other host, or refused
        assert not [e for e in tab.errors if e.startswith("dialog:")]
    finally:
        tab.context.close()
        server.close()

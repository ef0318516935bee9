"""A pull request that adds an outside script or stylesheet to mkdocs.yml (`extra_javascript:
[https://...]`, `extra_css`) is listed for a maintainer's review (tests/contrib/
test_comment.py), and is harmless anyway: the theme's page template writes no extra
script, and every page's Content-Security-Policy keeps the browser from loading anything
from another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.web import build
from generator.web.build import build_site
from tests.conftest import make_repo, requires_chromium
from tests.web.conftest import serve
from tests.web.test_browser import Watched

OUTSIDE_SCRIPT = "https://evil.example/pwn.js"
OUTSIDE_STYLE = "https://evil.example/pwn.css"


@pytest.fixture(scope="module")
def site_with_outside_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with the two lines a pull request could add to mkdocs.yml."""
    from mkdocs.config import load_config

    base = tmp_path_factory.mktemp("outside")
    repo = make_repo(base / "repo")

    def config(
        root: Path, site_dir: Path, project: Path = build.PROJECT, language: str = "en"
    ) -> Any:
        folder = build.LANGUAGES[language].folder
        loaded = load_config(
            str(project / "mkdocs.yml"),
            site_dir=str(site_dir / folder if folder else site_dir),
            extra_javascript=[OUTSIDE_SCRIPT],
            extra_css=[OUTSIDE_STYLE],
        )
        loaded.extra["makelocal_root"] = str(root.resolve())
        loaded.extra[build.LANGUAGE_KEY] = language
        loaded.theme["language"] = language
        return loaded

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "mkdocs_config", config)
        build_site(repo, base / "site")
    return base / "site"


@pytest.fixture(scope="module")
def outside_url(site_with_outside_script: Path) -> Iterator[str]:
    yield from serve(site_with_outside_script)


def test_every_page_has_its_policy_before_the_outside_links(site_with_outside_script: Path) -> None:
    page = (site_with_outside_script / "design/test-clip.html").read_text("utf-8")
    assert f'href="{OUTSIDE_STYLE}"' in page and OUTSIDE_SCRIPT not in page
    assert page.index('http-equiv="Content-Security-Policy"') < page.index(OUTSIDE_STYLE)


@requires_chromium
def test_the_browser_loads_nothing_from_outside(browser: Any, outside_url: str) -> None:
    tab = Watched(browser, (outside_url, "data:", "blob:"))
    blocked: list[str] = []
    tab.page.on("requestfailed", lambda r: blocked.append(r.url) if r.failure == "csp" else None)
    for path in ("index.html", "design/test-clip.html", "what-can-i-make.html"):
        tab.page.goto(outside_url + path)
        assert tab.page.evaluate("window.__pwned === undefined")
    # Chromium reports the requests it refused; each was stopped by the policy.
    assert tab.outside and sorted(tab.outside) == sorted(blocked)
    assert all("Content Security Policy" in e for e in tab.errors)
    tab.outside.clear()
    tab.errors.clear()
    tab.check()

"""The templates' words: `_`, `gettext`, `ngettext` and `{% trans %}` blocks give what
Jinja's own newstyle gettext gives an autoescaped template, in every language: the page
environment calls its translations directly (generator.web.jinja), not through the render
context, and this holds it to the same answers."""

from __future__ import annotations

import jinja2.ext
import pytest
from jinja2 import Environment

from generator.web import i18n
from generator.web.i18n import LANGUAGES, speaking
from generator.web.jinja import ENVIRONMENT

# Each with messages of the catalogue, so that the French answers are translations.
TEMPLATES = {
    "plain": '{{ _("Materials") }}',
    "gettext by name": '{{ gettext("Processes") }}',
    "filled and escaped": '{{ _("Estimated with %(profile)s", profile="<b>PLA & co</b>") }}',
    "a percent sign": '{{ _("at most %(ratio)s %% of the width", ratio=40) }}',
    "a lone percent sign, nothing to fill": '{{ _("100 %% recycled") }}',
    "a message not in the catalogue": '{{ _("<em>not</em> in the catalogue") }}',
    "one part": '{{ ngettext("Part", "Parts", 1) }}',
    "many parts": '{{ ngettext("Part", "Parts", 7) }}',
    "a count as num": '{{ ngettext("%(num)s maker", "%(num)s makers", n) }}',
    "a count given by name": '{{ ngettext("%(num)s maker", "%(num)s makers", 3, num="<3>") }}',
    "trans with a value": (
        '{% trans url="a&b.md" %}Square badges count the <a href="{{ url }}">open needs'
        "</a> there.{% endtrans %}"
    ),
    "trans with a plural": (
        "{% trans count=n %}{{ count }} maker{% pluralize %}{{ count }} makers{% endtrans %}"
    ),
}


def jinja_own() -> Environment:
    """An environment as the page environment is made, with the i18n extension's own
    callables (an overlay of it would share its extension, and install them in it)."""
    reference = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    reference.policies["ext.i18n.trimmed"] = ENVIRONMENT.policies["ext.i18n.trimmed"]
    reference.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext_plain, newstyle=True, pgettext=i18n.pgettext
    )
    return reference


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", TEMPLATES)
def test_the_words_are_jinjas_own(name: str, language: str) -> None:
    ours = ENVIRONMENT.from_string(TEMPLATES[name])
    theirs = jinja_own().from_string(TEMPLATES[name])
    for count in (0, 1, 2, 1_000_000):
        with speaking(language):
            assert ours.render(n=count) == theirs.render(n=count)


def test_the_page_environment_does_not_use_the_extensions_callables() -> None:
    """Else the test above compares Jinja with itself."""
    reference = jinja_own()
    assert reference.globals["_"] is jinja2.ext._gettext_alias
    for name in ("_", "gettext", "ngettext"):
        assert ENVIRONMENT.globals[name] is not reference.globals[name]

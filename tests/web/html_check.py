"""Finding live script in HTML: what a browser would run, not what it would show as text.

A payload escaped into text (`&lt;script&gt;`) is harmless; one that became an element, an
event-handler attribute or a script URL is not. This parser reports the latter.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

MARKER = "__pwn"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcdoc", "xlink:href"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[^:/?#]*([/?#]|$))", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.policies = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        equiv = next((v or "" for k, v in attrs if k == "http-equiv"), None)
        # The site's own policy comes once, first in <head>; any other (a refresh, a second
        # policy) came from a payload.
        if tag == "meta" and equiv is not None:
            if equiv.lower() != "content-security-policy" or self.policies:
                self.problems.append(f"<meta http-equiv={equiv!r}>")
            self.policies += 1
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={text[:40]!r} on <{tag}>")
            if name in URL_ATTRIBUTES:
                url = _INVISIBLE.sub("", html.unescape(text))
                if not _SAFE_URL.match(url) or MARKER in url:
                    self.problems.append(f"{name}={text[:60]!r} on <{tag}>")
            if name == "style" and MARKER in text:
                self.problems.append(f"style with payload on <{tag}>")
        # A script of a data type (JSON) is never run; a payload in it is data, and the
        # JSON writer escapes `<`, so it cannot end the element either.
        kind = next((v or "" for k, v in attrs if k == "type"), "")
        self.in_script = tag == "script" and kind.lower() != "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARKER in data:
            self.problems.append(f"payload inside <script>: {data.strip()[:60]!r}")


def live_hazards(document: str) -> list[str]:
    """Every element, attribute or script in `document` through which a payload would run."""
    checker = _Checker()
    checker.feed(document)
    checker.close()
    return checker.problems

"""Script payloads for the injection tests. Each, if it ran, would call __pwn(), which
sets window.__pwned; the tests assert it never is and that no page carries them live."""

from __future__ import annotations

from typing import Any

# Payloads that a record may hold and still pass validation (no link schemes but https).
TEXT_PAYLOADS = [
    "<script>__pwn()</script>",
    "<img src=x onerror=__pwn()>",
    "<svg onload=__pwn()>",
    '"><script>__pwn()</script>',
    "'><img src=x onerror=__pwn()>",
    '" onmouseover="__pwn()" x="',
    "</title><script>__pwn()</script>",
    '"/><meta http-equiv="refresh" content="0;url=https://evil.example">',
    "</script><script>__pwn()</script>",
    "{: onclick=__pwn() }",
    'text {: onclick="__pwn()" }',
    "<iframe srcdoc='<script>parent.__pwn()</script>'></iframe>",
    "<details open ontoggle=__pwn()>",
    "\u2028\u2029</script><!--",
    "{{ 7*7 }} {% raw %}",
]
# Links the validator refuses (ML209); the render stage must neutralise them anyway.
LINK_PAYLOADS = [
    "[click](javascript:__pwn())",
    "[click](jav&#x61;script:__pwn())",
    "[click](&#106;avascript:__pwn())",
    "[click](JaVaScRiPt:__pwn())",
    "[click](data:text/html,<script>__pwn()</script>)",
    "<javascript:__pwn()>",
    "![x](javascript:__pwn())",
    "[click](vbscript:__pwn())",
]

# Fields that name other records, files or fixed words: the render stage looks records up
# by them, and the validator pins them to slugs, paths and enums.
STRUCTURAL = {
    "id", "kind", "type", "category", "maturity", "process", "processes", "materials",
    "material", "design", "maker", "pillars", "file", "source", "format", "unit", "status",
    "hazards", "fasteners", "skill", "outcome", "country", "countries", "spare_parts",
    "analysis", "visible", "profile", "level", "verdict",
}  # fmt: skip
# Fields the validator checks the form of (https address, licence list, version, dates).
FORMED = {"url", "licence", "version", "created", "date", "accessed", "doi"}


def poison(
    value: Any,
    payloads: list[str],
    keep: set[str],
    url: str | None = None,
    key: str = "",
    counter: list[int] | None = None,
) -> Any:
    """`value` with a payload appended to every text not under a key in `keep` (rotating
    through `payloads`); `url` fields become `url` when it is given."""
    counter = counter if counter is not None else [0]
    if isinstance(value, dict):
        return {
            k: v
            if k in keep or (key == "repair" and k == "tools")
            else poison(v, payloads, keep, url, k, counter)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [poison(v, payloads, keep, url, key, counter) for v in value]
    if isinstance(value, str) and key == "url" and url is not None:
        return url
    if isinstance(value, str):
        counter[0] += 1
        return f"{value} {payloads[counter[0] % len(payloads)]}"
    return value

"""Script payloads for the injection tests. Each, if it ran, would call __pwn(), which
sets window.__pwned; the tests assert it never is and that no page carries them live."""

from __future__ import annotations

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

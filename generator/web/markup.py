"""Turning untrusted record text into safe HTML, attribute values, URLs and script data.

Every text in a record is written by a contributor and treated as hostile:
- Markdown goes through markdown-it-py (`js-default`: raw HTML is escaped, not passed on),
  with links limited to https, mailto and in-page anchors, images turned into links (an
  image would load from an outside host), headings moved below the page's own; then nh3
  (ammonia) cleans the result again with a short list of tags and attributes, so a bug in
  one layer is caught by the other.
- Plain text is escaped by Jinja2's autoescape in the templates; `safe_url` keeps only
  https addresses for `href`, because autoescape does not stop `javascript:`.
- Data for scripts and JSON files is written by `script_json`, which escapes `<`, `>`,
  `&` and the JavaScript line separators, so `</script>` in a record cannot end a script.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import nh3
import orjson
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

# Record headings start at <h3>: the page has its <h1> and section <h2>s.
HEADING_SHIFT = 2
ALLOWED_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
SAFE_SCHEMES = {"https", "mailto"}
_SAFE_LINK = re.compile(r"^(https://[^\s]+|mailto:[^\s]+|#[\w-]*)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def _validate_link(url: str) -> bool:
    return bool(_SAFE_LINK.match(url.strip()))


def _heading(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    level = min(int(token.tag[1]) + HEADING_SHIFT, 6)
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = str(token.attrGet("src") or "")
    if src.lower().startswith("https://"):
        return f'<a href="{html.escape(src)}">{html.escape(alt)}</a>'
    return html.escape(alt)


# A task list's box ("- [ ] item", GitHub's syntax): drawn as a box, not left as "[ ]".
_TASK_BOX = re.compile(r"^\[([ xX])\]\s+")
_BOXES = {" ": "\u2610 ", "x": "\u2611 ", "X": "\u2611 "}


def _task_boxes(state: StateCore) -> None:
    """The text of a list item that starts with `[ ]` or `[x]` starts with a box."""
    tokens = state.tokens
    for position in range(2, len(tokens)):
        inline, paragraph, item = tokens[position], tokens[position - 1], tokens[position - 2]
        if inline.type != "inline" or item.type != "list_item_open":
            continue
        if paragraph.type != "paragraph_open" or not inline.children:
            continue
        first = inline.children[0]
        box = _TASK_BOX.match(first.content) if first.type == "text" else None
        if box:
            first.content = _BOXES[box.group(1)] + first.content[box.end() :]


def _parser() -> MarkdownIt:
    parser = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    parser.core.ruler.push("task_boxes", _task_boxes)
    parser.add_render_rule("heading_open", _heading)
    parser.add_render_rule("heading_close", _heading)
    parser.add_render_rule("image", _image)
    return parser


_MARKDOWN = _parser()


def clean_html(fragment: str) -> str:
    """The second layer: drop every tag, attribute and URL scheme not on the short lists."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def markdown(text: str | None) -> Markup:
    """Untrusted Markdown to safe HTML."""
    if not text:
        return Markup("")
    return Markup(clean_html(_MARKDOWN.render(text)).strip())


def safe_url(url: Any) -> str | None:
    """An https address fit for `href`, or None: other schemes, spaces and controls refused."""
    if not isinstance(url, str):
        return None
    if not url.lower().startswith("https://") or _CONTROL.search(url):
        return None
    return url


def script_json(data: Any) -> str:
    """JSON that can sit inside a <script> element or a .js/.json file as it is, its keys
    sorted, without spaces.

    NaN and infinity raise ValueError: JSON has no such numbers (Python would write `NaN`,
    which JSON parsers refuse), and no published figure means them.

    Written by orjson: a one-change build at 10,000 designs writes 62,711 of these (24 MB);
    the standard library's json.dumps took 0.94 s of that build, orjson 0.12 s. orjson
    writes NaN and infinity as null, so a text with a null is checked by json, which
    refuses them (77 of the 62,711 hold one). What orjson cannot write (a key that is not
    text, an integer beyond 64 bits, a lone surrogate) json writes, as before."""
    try:
        text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:
        text = _json_of(data)
    else:
        if "null" in text:
            _json_of(data)
    # Looked for one character at a time (str's own search) before the expression runs: of
    # 24 MB of these texts none needed it, and the expression took 0.22 s to find so.
    if any(unsafe in text for unsafe in _SCRIPT_ESCAPES):
        text = _SCRIPT_UNSAFE.sub(lambda match: _SCRIPT_ESCAPES[match.group()], text)
    return text


def _json_of(data: Any) -> str:
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def data_file(name: str, data: Any) -> str:
    """A data file of the site's scripts: a classic script handing `data` to
    MAKELOCAL_DATA (assets/makelocal/data.js) under `name`, its path below data/."""
    return f"MAKELOCAL_DATA({script_json(name)},{script_json(data)});\n"


def attribute(text: str) -> str:
    """Text escaped for a double-quoted HTML attribute or element body, quotes included."""
    return html.escape(text, quote=True)


_DOCUMENT_LINK = re.compile(r"^(https://|mailto:|#)|^[^:]*$", re.IGNORECASE)
_DOCUMENT_PARSER = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
_DOCUMENT_PARSER.validateLink = lambda url: bool(_DOCUMENT_LINK.match(url.strip()))  # type: ignore[method-assign]
_DOCUMENT_PARSER.add_render_rule("image", _image)
_DOCUMENT_PARSER.core.ruler.push("task_boxes", _task_boxes)


def _unlink(children: list[Token], start: int) -> None:
    """Drop the link around a text: its opening token and the matching closing one."""
    depth = 0
    for position in range(start, len(children)):
        if children[position].type == "link_open":
            depth += 1
        elif children[position].type == "link_close":
            depth -= 1
            if depth == 0:
                del children[position]
                break
    del children[start]


def markdown_document(
    text: str, link_for: Callable[[str], str | None]
) -> tuple[Markup, list[tuple[int, str, str]], str]:
    """A whole Markdown document (the contributor guide): its first `# heading` becomes the
    title, other headings get ids, and relative links are mapped by `link_for` (None: the
    link is dropped, its text stays). Returns (body, [(level, id, text)], title)."""
    tokens = _DOCUMENT_PARSER.parse(text)
    title = ""
    headings: list[tuple[int, str, str]] = []
    used: set[str] = set()
    kept: list[Token] = []
    skip = 0
    for position, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.type == "inline" and token.children:
            children = token.children
            position_ = 0
            while position_ < len(children):
                child = children[position_]
                href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
                if child.type == "link_open" and not re.match(r"^(https://|mailto:|#)", href):
                    mapped = link_for(href)
                    if mapped is None:
                        _unlink(children, position_)
                        continue
                    child.attrSet("href", mapped)
                position_ += 1
        if token.type == "heading_open":
            inline = tokens[position + 1]
            words = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            )
            if token.tag == "h1" and not title:
                title = words
                skip = 2
                continue
            anchor = slugify(words, used)
            token.attrSet("id", anchor)
            headings.append((int(token.tag[1]), anchor, words))
        kept.append(token)
    body = _DOCUMENT_PARSER.renderer.render(kept, _DOCUMENT_PARSER.options, {})
    cleaned = nh3.clean(
        body,
        tags=ALLOWED_TAGS | {"h2"},
        attributes={**ALLOWED_ATTRIBUTES, **{f"h{n}": {"id"} for n in range(2, 7)}},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return Markup(cleaned.strip()), headings, title or "Contribute"


def slugify(text: str, used: set[str]) -> str:
    """A heading id: lower-case words joined by hyphens, made unique on the page."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    anchor, count = base, 1
    while anchor in used:
        count += 1
        anchor = f"{base}-{count}"
    used.add(anchor)
    return anchor


# Every page forbids script that is not the site's own file or one of the page's own inline
# scripts (by hash), and any request to another host: a Content-Security-Policy in a <meta>
# element, so it holds when the site is opened from a folder, where no server sends headers.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.DOTALL)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
POLICY = (
    "default-src 'none'",
    # Pagefind's search compiles WebAssembly.
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",  # the home page's search box opens the search page
    "object-src 'none'",
)


def content_security_policy(page: str) -> str:
    """The policy for one page: its inline scripts (the theme's) allowed by their hashes."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(page)
        }
    )
    return "; ".join(POLICY).format(hashes="".join(f" {h}" for h in hashes))


def with_policy(page: str) -> str:
    """The page with its policy as the first element of <head>, before any script."""
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        # The policy's single quotes stay as they are inside the double-quoted attribute.
        f'content="{html.escape(content_security_policy(page), quote=False)}">'
    )
    return _HEAD.sub(lambda head: head.group(0) + meta, page, count=1)

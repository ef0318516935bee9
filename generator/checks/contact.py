"""Personal contact details in text that will be published: e-mail addresses, phone
numbers and links that open a private chat.

Needs, maker profiles and make reports are public, and the people behind them are often
small workshops and clinics; a phone number on a public page is a phone number for
anyone. The patterns err towards what people actually write, and each finding says what
was seen so a contributor can tell a false alarm at once:
- an e-mail address, also written `name [at] host [dot] org`;
- a phone number: digits in groups (spaces, hyphens, dots or brackets between them)
  that start with `+`, a bracket, or a 0 and another digit (a trunk prefix), and hold
  9 to 15 digits (ITU-T E.164 numbers have at most 15); or 7 or more digits after a
  word such as "phone" or "WhatsApp". Digits in web addresses are left alone (article
  numbers, DOIs);
- a link to a private chat (WhatsApp, Telegram, Messenger, Signal) or a `mailto:` or
  `tel:` link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_SPELLED_EMAIL = re.compile(
    r"\b[A-Za-z0-9._%+-]+\s*[\[(]\s*at\s*[\])]\s*[A-Za-z0-9-]+\s*(?:[\[(]\s*dot\s*[\])]\s*|\.)"
    r"[A-Za-z]{2,}",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"(?:https?|ftp)://[^\s)>\]]+|www\.[^\s)>\]]+", re.IGNORECASE)
# Groups of digits: a lead (+, 00, 0 or a bracket), then digits with single separators.
_PHONE = re.compile(r"(?<![\w.,/-])(?:\+|\(\+?)?\d[\d().\- ]{6,24}\d(?![\w/-])")
_PHONE_WORD = re.compile(
    r"\b(?:tel|telephone|phone|mobile|cell|call|whatsapp|sms|text)\b[\s:.-]{0,3}"
    r"(\+?[\d().\- ]{7,24}\d)",
    re.IGNORECASE,
)
_CHAT_HOSTS = frozenset(
    {
        "wa.me",
        "api.whatsapp.com",
        "web.whatsapp.com",
        "chat.whatsapp.com",
        "t.me",
        "telegram.me",
        "m.me",
        "signal.me",
    }
)
_CHAT_SCHEMES = ("mailto:", "tel:", "sms:", "whatsapp:", "viber:", "skype:")
MIN_DIGITS, MAX_DIGITS = 9, 15


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _shown(text: str) -> str:
    """What was seen, cut short: enough to find it, no more of a number than needed."""
    text = text.strip()
    return repr(text if len(text) <= 12 else text[:9] + "...")


@dataclass(frozen=True)
class Seen:
    """Personal contact details seen in a text: what, in words, and where it starts."""

    what: str
    at: int


def _phone(text: str) -> re.Match[str] | None:
    for match in _PHONE_WORD.finditer(text):
        if _digits(match.group(1)) >= 7:
            return match
    for match in _PHONE.finditer(text):
        found = match.group(0)
        # A lone 0 then a space is a list of numbers; a trunk prefix runs on (0772...).
        leads = found.startswith(("+", "(")) or found[:2] in {f"0{d}" for d in "0123456789"}
        if leads and MIN_DIGITS <= _digits(found) <= MAX_DIGITS:
            return match
    return None


def chat_link(address: str) -> bool:
    """Whether a web address opens a private chat or mail (wa.me, t.me, mailto:...)."""
    if address.lower().startswith(_CHAT_SCHEMES):
        return True
    try:
        host = (urlsplit(address).hostname or "").lower()
    except ValueError:
        return False
    return host.removeprefix("www.") in _CHAT_HOSTS


def personal_contact(text: str) -> Seen | None:
    """The first thing in `text` that looks like a personal e-mail address, phone number
    or chat link; None if nothing does."""
    email = _EMAIL.search(text) or _SPELLED_EMAIL.search(text)
    if email:
        return Seen(f"what looks like an e-mail address ({_shown(email.group(0))})", email.start())
    for address in _ADDRESS.finditer(text):
        if chat_link(address.group(0)):
            return Seen(
                f"a link that opens a private chat ({_shown(address.group(0))})", address.start()
            )
    lower = text.lower()
    for scheme in _CHAT_SCHEMES:
        if scheme in lower:
            return Seen(f"a `{scheme}` link", lower.index(scheme))
    # Web addresses blanked out, keeping every other character where it was.
    phone = _phone(_ADDRESS.sub(lambda m: " " * len(m.group(0)), text))
    if phone:
        number = phone.group(phone.lastindex or 0)
        return Seen(f"what looks like a phone number ({_shown(number)})", phone.start())
    return None

"""Making text from data (or from the command line) safe to print on a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# zero-width characters and the BOM: they can make text print differently from what it is
# (an ESC sequence can retitle a window or write to the clipboard; U+202E reverses text).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Text with every invisible or controlling character shown as a visible escape
    (``\\x1b``, ``\\u202e``), the same way in every output but JSON (which keeps the
    original, escaped by the encoder)."""
    if text.isascii() and text.isprintable():  # the common case: nothing to escape
        return text
    return _UNSAFE.sub(_visible, text)


def safe_line(text: str) -> str:
    """``safe`` and on one line: for messages that must stay one line."""
    return " ".join(safe(text).split())

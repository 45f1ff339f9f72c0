"""Make untrusted text safe to print: control characters (ESC, BEL, ...) become visible
escapes, so a deck, an import or a hand-edited file can never drive the terminal."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Tabs and newlines stay; every other control character is shown as \\xNN."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)

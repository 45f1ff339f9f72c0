"""Inline clean-up for the Markdown importer: questions and answer lines as plain text.

Images, HTML tags and link targets go; difficulty markers ([E]/[M]/[H], coloured circles,
stars) and question numbering are taken off a question, the first marker giving its difficulty.
"""

from __future__ import annotations

import html
import re
from typing import Any

from nora_cli.interchange.common import HTML_BREAK, HTML_TAG, LEVELS

# ---------------------------------------------------------------------------------------------
# Difficulty markers and question prefixes

_LETTER_MARK = re.compile(r"[\[(]\s*(E|M|H)\s*[\])]")
_WORD_MARK = re.compile(
    r"[\[(]\s*(easy|medium|hard|beginner|intermediate|advanced)\s*[\])]", re.IGNORECASE
)
_EMOJI_MARK = re.compile(
    "[\U0001f7e2\U0001f7e9\U0001f7e1\U0001f7e8\U0001f7e0\U0001f7e7\U0001f534\U0001f7e5]"
)
_STARS = re.compile("(?:[\u2b50\u2605\U0001f31f]\ufe0f?)+[\u2606]*")
_EMOJI_LEVELS = {
    "\U0001f7e2": 1,
    "\U0001f7e9": 1,
    "\U0001f7e1": 2,
    "\U0001f7e8": 2,
    "\U0001f7e0": 2,
    "\U0001f7e7": 2,
    "\U0001f534": 3,
    "\U0001f7e5": 3,
}
_NUMBERING = re.compile(
    r"^(?:(?:Q|Question|Problem)\s*\d*\s*[:.)\-]|\d{1,4}(?:\.\d{1,4})*[.):]|#\d+[.:]?)\s+",
    re.IGNORECASE,
)


def _take_marker(text: str) -> tuple[str, int | None]:
    """Remove every difficulty marker; the first one found decides the difficulty."""
    found: list[tuple[int, int]] = []
    for pattern in (_LETTER_MARK, _WORD_MARK):
        found += [(m.start(), LEVELS[m.group(1).lower()]) for m in pattern.finditer(text)]
    found += [(m.start(), _EMOJI_LEVELS[m.group(0)]) for m in _EMOJI_MARK.finditer(text)]
    found += [
        (m.start(), min(3, sum(ch in "\u2b50\u2605\U0001f31f" for ch in m.group(0))))
        for m in _STARS.finditer(text)
    ]
    for pattern in (_LETTER_MARK, _WORD_MARK, _EMOJI_MARK, _STARS):
        text = pattern.sub(" ", text)
    level = min(found)[1] if found else None
    return text, level


def _strip_numbering(text: str) -> str:
    for _ in range(3):
        stripped = _NUMBERING.sub("", text, count=1).strip()
        if stripped == text:
            break
        text = stripped
    return text


# ---------------------------------------------------------------------------------------------
# Inline clean-up

IMAGE = re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
_EMPTY_LINK = re.compile(r"\[\s*\]\((?:[^()\n]|\([^()\n]*\))*\)")
LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:\s+\S")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_BOLD = re.compile(r"\*\*(\S(?:.{0,400}?\S)?)\*\*|(?<!\w)__(\S(?:.{0,400}?\S)?)__(?!\w)")


def _outside_code_spans(line: str, change: Any) -> str:
    parts = _CODE_SPAN.split(line)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _clean_span(text: str, *, br: str) -> str:
    text = IMAGE.sub("", text)
    text = _EMPTY_LINK.sub("", text)
    text = LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = HTML_BREAK.sub(br, text)
    text = HTML_TAG.sub("", text)
    return html.unescape(text)


def clean_line(line: str) -> str:
    """An answer line: images and HTML tags dropped, links reduced to their text."""
    if _LINK_DEFINITION.match(line):
        return ""
    return _outside_code_spans(line, lambda part: _clean_span(part, br="\n"))


def unbold(text: str) -> str:
    """`**text**` and `__text__` as plain text."""
    return _BOLD.sub(lambda m: m.group(1) or m.group(2), text)


def clean_prompt(text: str) -> tuple[str, int | None]:
    """A question as a single plain line, and the difficulty its marker gave (if any)."""
    text = _outside_code_spans(text, lambda part: unbold(_clean_span(part, br=" ")))
    text, level = _take_marker(text)
    text = _strip_numbering(" ".join(text.split()))
    return text.strip(" \t*_:"), level


def is_question(text: str, *, numbered_ok: bool = False) -> bool:
    """Ends with a question mark (before a trailing aside), carries a marker, or is numbered."""
    prompt, level = clean_prompt(text)
    if not prompt:
        return False
    if level is not None:
        return True
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", prompt).rstrip(" *_")
    if bare.endswith(("?", "\uff1f")):
        return True
    plain = unbold(_clean_span(text, br=" ")).strip(" *_")
    return numbered_ok and bool(_NUMBERING.match(plain))

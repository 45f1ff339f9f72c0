"""Inline clean-up for the Markdown importer: questions and answer lines as plain text.

Images, HTML tags, link targets and reference tags (`[src]`) go. Difficulty markers ([E]/[M]/[H],
(easy), coloured circles, stars, 👶 and 🚀, with any variation selector or joiner glued to them)
are taken off a question, the first one giving its difficulty; a legend line such as
"Legend: 👶 easy ⭐️ medium 🚀 expert" says what each marker means in that file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping

from nora_cli.interchange.common import HTML_BREAK, HTML_TAG, LEVELS

# ---------------------------------------------------------------------------------------------
# Difficulty markers

_JOINERS = "\u200d\ufe0e\ufe0f"
_STAR_CHARS = "\u2b50\u2605\U0001f31f"
_CIRCLES = {
    "\U0001f7e2": 1,
    "\U0001f7e9": 1,
    "\U0001f7e1": 2,
    "\U0001f7e8": 2,
    "\U0001f7e0": 2,
    "\U0001f7e7": 2,
    "\U0001f534": 3,
    "\U0001f7e5": 3,
}
_BABY, _ROCKET = "\U0001f476", "\U0001f680"
MARKER = re.compile(
    r"(?:[\[(]\s*(?P<letter>[EMH])\s*[\])]"
    r"|[\[(]\s*(?P<word>easy|medium|hard|beginner|intermediate|advanced)\s*[\])]"
    rf"|(?P<circle>[{''.join(_CIRCLES)}])"
    rf"|(?P<stars>(?:[{_STAR_CHARS}][{_JOINERS}]*)+)\u2606*"
    rf"|(?P<baby>{_BABY}[\U0001f3fb-\U0001f3ff]?)"
    rf"|(?P<rocket>{_ROCKET}))"
    rf"[{_JOINERS}]*",
    re.IGNORECASE,
)
_LEVEL_WORDS = {
    **{word: 1 for word in ("easy", "beginner", "basic", "junior", "simple")},
    **{word: 2 for word in ("medium", "intermediate", "moderate", "mid")},
    **{word: 3 for word in ("hard", "advanced", "expert", "difficult", "senior")},
}
_LEGEND_PAIR = re.compile(
    rf"(?:{MARKER.pattern})\s*[:=\-\u2013]?\s*(?P<level>{'|'.join(_LEVEL_WORDS)})\b", re.IGNORECASE
)
_LEGEND_LEAD = re.compile(r"^\W*(?:legend|difficulty|difficulties|levels?|key)\b", re.IGNORECASE)

Legend = Mapping[str, int]


def _marker_key(match: re.Match[str]) -> str:
    """What a marker is, whatever its spelling: 'M', 'medium', 'star2', 'baby', ..."""
    for name in ("letter", "word"):
        if match.group(name):
            return match.group(name).lower()
    if match.group("circle"):
        return match.group("circle")
    if match.group("stars"):
        return f"star{sum(ch in _STAR_CHARS for ch in match.group('stars'))}"
    return "baby" if match.group("baby") else "rocket"


def _default_level(key: str) -> int:
    if key in LEVELS:
        return LEVELS[key]
    if key in _CIRCLES:
        return _CIRCLES[key]
    if key.startswith("star"):
        return min(3, int(key[4:]))
    return 1 if key == "baby" else 3


def read_legend(text: str) -> dict[str, int] | None:
    """A legend line's meaning of each marker, or None when the text is not a legend."""
    pairs = {
        _marker_key(m): _LEVEL_WORDS[m.group("level").lower()] for m in _LEGEND_PAIR.finditer(text)
    }
    if len(pairs) >= 2 or (pairs and _LEGEND_LEAD.match(text)):
        return pairs
    return None


def _take_markers(text: str, legend: Legend) -> tuple[str, int | None]:
    """Remove every marker (and a stray letter glued to a final one); the first decides."""
    level: int | None = None
    parts: list[str] = []
    position = 0
    for match in MARKER.finditer(text):
        if level is None:
            key = _marker_key(match)
            level = legend.get(key, _default_level(key))
        end = match.end()
        tail = text[end + 1 :]
        glued = end < len(text) and text[end].isascii() and text[end].isalpha()
        if glued and not tail.strip(" *_"):
            end += 1  # "⭐️I" at the end of a question: a typo, not a word
        parts += [text[position : match.start()], " "]
        position = end
    parts.append(text[position:])
    return "".join(parts), level


def drop_stray_joiners(text: str) -> str:
    """Joiners and variation selectors stay only between two letters (some scripts need them)."""
    if not any(ch in _JOINERS for ch in text):
        return text
    kept = []
    for i, ch in enumerate(text):
        if ch in _JOINERS:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (_is_letter(before) and _is_letter(after)):
                continue
        kept.append(ch)
    return "".join(kept)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


# ---------------------------------------------------------------------------------------------
# Question numbering, references and inline clean-up

_NUMBERING = re.compile(
    r"^(?:(?:Q|Question|Problem)\s*\d*\s*[:.)\-]|\d{1,4}(?:\.\d{1,4})*[.):]|#\d+[.:]?)\s+",
    re.IGNORECASE,
)
_SECTION_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+")
_REFERENCE = re.compile(
    r"\s*\[\s*(?:src|source|sources|ref|reference|link|answer|solution)\s*\d*\s*\]", re.IGNORECASE
)
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
_EMPTY_LINK = re.compile(r"\[\s*\]\((?:[^()\n]|\([^()\n]*\))*\)")
LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:\s+\S")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_BOLD = re.compile(r"\*\*(\S(?:.{0,400}?\S)?)\*\*|(?<!\w)__(\S(?:.{0,400}?\S)?)__(?!\w)")


def _outside_code_spans(line: str, change: Callable[[str], str]) -> str:
    parts = _CODE_SPAN.split(line)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _clean_span(text: str, *, br: str) -> str:
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)  # "[[src](url)]" becomes "[src]", a reference
    text = _REFERENCE.sub("", text)  # "[[Answer]](url)" becomes "[](url)", an empty link
    text = _EMPTY_LINK.sub("", text)
    text = LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = HTML_BREAK.sub(br, text)
    text = HTML_TAG.sub("", text)
    return html.unescape(text)


def clean_line(line: str) -> str:
    """An answer line: images, HTML tags and references dropped, links reduced to their text."""
    if _LINK_DEFINITION.match(line):
        return ""
    return _outside_code_spans(line, lambda part: _clean_span(part, br="\n"))


def unbold(text: str) -> str:
    """`**text**` and `__text__` as plain text."""
    return _BOLD.sub(lambda m: m.group(1) or m.group(2), text)


def plain(text: str) -> str:
    """Inline Markdown as one plain line: markup, links and HTML gone, spaces collapsed."""
    text = _outside_code_spans(text, lambda part: unbold(_clean_span(part, br=" ")))
    return " ".join(drop_stray_joiners(text).split())


def _strip_numbering(text: str) -> str:
    for _ in range(3):
        stripped = _NUMBERING.sub("", text, count=1).strip()
        if stripped == text:
            break
        text = stripped
    return text


def clean_prompt(text: str, legend: Legend | None = None) -> tuple[str, int | None]:
    """A question as a single plain line, and the difficulty its marker gave (if any)."""
    text = _outside_code_spans(text, lambda part: unbold(_clean_span(part, br=" ")))
    text, level = _take_markers(text, legend or {})
    text = _strip_numbering(" ".join(drop_stray_joiners(text).split()))
    return text.strip(" \t*_:"), level


def clean_category(text: str) -> str:
    """A heading or list label as a category: plain, without its section number."""
    return _SECTION_NUMBER.sub("", clean_prompt(text)[0]).strip() or clean_prompt(text)[0]


def is_numbered(text: str) -> bool:
    """Starts with a question number: `1)`, `2.`, `Q3:`, `#4`."""
    return bool(_NUMBERING.match(unbold(_clean_span(text, br=" ")).strip(" *_")))


def is_question(text: str, *, numbered_ok: bool = False) -> bool:
    """Ends with a question mark (before a trailing aside), carries a marker, or is numbered."""
    if read_legend(text) is not None:
        return False
    prompt, level = clean_prompt(text)
    if not prompt:
        return False
    if level is not None:
        return True
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", prompt).rstrip(" *_")
    if _ENDS_ASKING.search(bare):
        return True
    return numbered_ok and is_numbered(text)


# A question mark, then only punctuation, symbols (emoji) and spaces: "Why? 🤔", "Why?!".
_ENDS_ASKING = re.compile(r"[?\uff1f][^\w]*$")
_QUESTION_NUMBER = re.compile(r"^(?:Q|Question|Problem)\s*\d+\s*[:.)\-]", re.IGNORECASE)
# The words a question or an interview task opens with ("3) Explain ...", "4. Why ...").
_ASKING_WORDS = frozenset(
    re.findall(
        r"\w+",
        """what why how when where which who whom whose is are was were do does did can could
        should would will shall may might must has have explain describe compare contrast define
        derive design implement write list name give prove show outline discuss estimate
        calculate compute walk tell suggest propose build find sketch""",
    )
)


def reads_as_question(text: str) -> bool:
    """A question (see `is_question`), or numbered and worded as one: a `Q3.` number, or an
    opening question word or task ("3) Explain dropout"). "2. Basics" names a topic."""
    if is_question(text):
        return True
    if not is_numbered(text):
        return False
    if _QUESTION_NUMBER.match(unbold(_clean_span(text, br=" ")).strip(" *_")):
        return True
    words = clean_prompt(text)[0].split()
    return bool(words) and words[0].lower().strip(",:;") in _ASKING_WORDS

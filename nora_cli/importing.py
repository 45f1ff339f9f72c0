"""Turn question lists written for people into a nora deck.

Two sources: Markdown notes (the shapes public interview-question repositories use) and tables
(CSV, TSV, Anki's "Notes in Plain Text" export). Each card keeps the question, the answer as
written, a category and a difficulty; the rubric (`key_points`) is left for the user to write,
which `nora decks validate` reminds them of. Pure: no terminal, no files.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nora_cli.errors import DeckError
from nora_cli.models import KINDS

SCHEMA_URL = "nora-deck.schema.json"
IMPORTED_TAG = "imported"
MAX_ID_LENGTH = 60
DEFAULT_DIFFICULTY = 2


@dataclass(frozen=True)
class ImportResult:
    deck_yaml: str
    cards: int
    summary: tuple[str, ...]


@dataclass
class Draft:
    """A card before it has an id."""

    prompt: str
    answer: str
    category: str
    difficulty: int = DEFAULT_DIFFICULTY
    kind: str = "concept"
    time_limit: int | None = None
    key_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Text clean-up shared by both importers


_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_MANY_BLANKS = re.compile(r"\n{3,}")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _normalize(text: str) -> str:
    """One kind of line break, no control characters, no byte-order marks."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, no blank edges."""
    text = "\n".join(line.rstrip() for line in text.replace("\xa0", " ").split("\n"))
    return _MANY_BLANKS.sub("\n\n", text).strip("\n").rstrip()


def _slug(text: str, limit: int) -> str:
    """Lowercase ASCII words joined by '-', cut at a word boundary to at most `limit` chars."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            return slug or word[:limit]
        slug = longer
    return slug


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


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
_LEVELS = {
    "e": 1,
    "easy": 1,
    "beginner": 1,
    "basic": 1,
    "m": 2,
    "medium": 2,
    "intermediate": 2,
    "h": 3,
    "hard": 3,
    "advanced": 3,
}
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
        found += [(m.start(), _LEVELS[m.group(1).lower()]) for m in pattern.finditer(text)]
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
# Markdown: inline clean-up

_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
_EMPTY_LINK = re.compile(r"\[\s*\]\((?:[^()\n]|\([^()\n]*\))*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:\s+\S")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_BOLD = re.compile(r"\*\*(\S(?:.{0,400}?\S)?)\*\*|(?<!\w)__(\S(?:.{0,400}?\S)?)__(?!\w)")


def _outside_code_spans(line: str, change: Any) -> str:
    parts = _CODE_SPAN.split(line)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _clean_span(text: str, *, br: str) -> str:
    text = _IMAGE.sub("", text)
    text = _EMPTY_LINK.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BR.sub(br, text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def _clean_line(line: str) -> str:
    """An answer line: images and HTML tags dropped, links reduced to their text."""
    if _LINK_DEFINITION.match(line):
        return ""
    return _outside_code_spans(line, lambda part: _clean_span(part, br="\n"))


def _unbold(text: str) -> str:
    return _BOLD.sub(lambda m: m.group(1) or m.group(2), text)


def _clean_prompt(text: str) -> tuple[str, int | None]:
    """A question as a single plain line, and the difficulty its marker gave (if any)."""
    text = _outside_code_spans(text, lambda part: _unbold(_clean_span(part, br=" ")))
    text, level = _take_marker(text)
    text = _strip_numbering(" ".join(text.split()))
    return text.strip(" \t*_:"), level


def _is_question(text: str, *, numbered_ok: bool = False) -> bool:
    """Ends with a question mark (before a trailing aside), carries a marker, or is numbered."""
    prompt, level = _clean_prompt(text)
    if not prompt:
        return False
    if level is not None:
        return True
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", prompt).rstrip(" *_")
    if bare.endswith(("?", "\uff1f")):
        return True
    plain = _unbold(_clean_span(text, br=" ")).strip(" *_")
    return numbered_ok and bool(_NUMBERING.match(plain))


# ---------------------------------------------------------------------------------------------
# Markdown: lines into sections and blocks

_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")  # a backtick fence has no ` after it
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(
    r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|={3,}[ \t]*)$"
    r"|^[ \t]*(?:<(?:br|hr)\s*/?>[ \t]*)+$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<q>(?:(?!\1).)+)\1[ \t]*:?[ \t]*$")
_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<q>(?:(?!\1).)+?\?)\s*\1[ \t]*(?P<rest>\S.*)$")
_SUMMARY = re.compile(r"^(?:<details>\s*)?<summary>(?P<q>.*?)</summary>\s*$", re.IGNORECASE)
_QLINE = re.compile(r"^(?:Q|Question)\s*\d*\s*[:.)]\s+(?P<q>\S.*)$")
_ANSWER_LABEL = re.compile(
    r"^(?:Show answer|Click to expand|Solution|Answer|Ans|A)\b\s*\d*\s*([:.)\-])?\s*(.*)$",
    re.IGNORECASE,
)
_BOILERPLATE = {
    "about",
    "acknowledgements",
    "acknowledgments",
    "authors",
    "changelog",
    "contents",
    "contributing",
    "contributors",
    "credits",
    "disclaimer",
    "further reading",
    "getting started",
    "how to contribute",
    "how to use",
    "installation",
    "introduction",
    "license",
    "licence",
    "links",
    "overview",
    "preface",
    "references",
    "resources",
    "see also",
    "sponsors",
    "star history",
    "support",
    "table of contents",
    "toc",
    "usage",
    "useful links",
}


@dataclass
class Block:
    """A paragraph, a list item (with its continuation lines), a code block or a rule."""

    kind: str  # "text", "item", "code", "rule"
    lines: list[str]
    indent: int = 0
    ordered: bool = False
    gap: bool = False  # a blank line separates it from the block before

    @property
    def first(self) -> str:
        """The first line without indentation or list marker."""
        line = self.lines[0]
        if self.kind == "item":
            match = _ITEM.match(line)
            return (match.group("text") or "").strip() if match else line.strip()
        return line.strip()


@dataclass
class Section:
    level: int
    title: str
    lines: list[tuple[str, bool]] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    _blocks: list[Block] | None = None

    @property
    def blocks(self) -> list[Block]:
        if self._blocks is None:
            self._blocks = _blocks(self.lines)
        return self._blocks


def _code_flags(lines: list[str]) -> list[bool]:
    """Which lines belong to a fenced code block. An unclosed fence is just text."""
    flags = [False] * len(lines)
    unclosable: dict[str, int] = {}  # fence char -> smallest size known to have no closer
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        char, size = match.group(1)[0], len(match.group(1))
        end = None
        if size < unclosable.get(char, size + 1):
            closer = re.compile(rf"^ {{0,3}}{re.escape(char)}{{{size},}}[ \t]*$")
            end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), None)
        if end is None:
            unclosable[char] = min(size, unclosable.get(char, size))
            i += 1
            continue
        for j in range(i, end + 1):
            flags[j] = True
        i = end + 1
    return flags


def _drop_comments(text: str) -> str:
    """HTML comments go; an unclosed `<!--` stays as text."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _sections(text: str) -> Section:
    """A tree of headings; each section holds its body lines, flagged when they are code."""
    lines = _drop_comments(text).split("\n")
    root = Section(level=0, title="")
    stack = [root]
    for line, is_code in zip(lines, _code_flags(lines), strict=True):
        heading = None if is_code else _HEADING.match(line)
        if heading is None:
            stack[-1].lines.append((line, is_code))
            continue
        level = len(heading.group(1))
        while stack[-1].level >= level:
            stack.pop()
        section = Section(level=level, title=heading.group(2) or "")
        stack[-1].children.append(section)
        stack.append(section)
    return root


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _standalone(line: str) -> bool:
    """Lines that are a block of their own: bold lines, <summary> lines, Q: lines."""
    body = line.strip()
    return bool(_BOLD_LINE.match(body) or _SUMMARY.match(body) or _QLINE.match(_unbold(body)))


def _blocks(lines: list[tuple[str, bool]]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    gap = False
    for line, is_code in lines:
        if is_code:
            if current is None or current.kind != "code":
                current = Block("code", [], indent=_indent(line), gap=gap)
                blocks.append(current)
                gap = False
            current.lines.append(line)
            continue
        if not line.strip():
            current, gap = None, True
            continue
        item = _ITEM.match(line)
        if _RULE.match(line):
            blocks.append(Block("rule", [line], gap=gap))
            current = None
        elif item:
            ordered = item.group("marker")[-1] in ".)"
            indent = len(item.group("indent").expandtabs(4))
            current = Block("item", [line], indent=indent, ordered=ordered, gap=gap)
            blocks.append(current)
        elif current is not None and current.kind in ("text", "item") and not _standalone(line):
            current.lines.append(line)
        else:
            current = Block("text", [line], indent=_indent(line), gap=gap)
            blocks.append(current)
            if _standalone(line):
                current = None
        gap = False
    return blocks


# ---------------------------------------------------------------------------------------------
# Markdown: blocks into cards


@dataclass
class Start:
    """Where a question begins: its raw text, the rest of its block, and the shape it had."""

    question: str
    rest: list[str]
    shape: str


@dataclass
class Found:
    """Everything the Markdown importer collected, to build cards and the summary from."""

    title: str
    drafts: list[Draft] = field(default_factory=list)
    shapes: Counter[str] = field(default_factory=Counter)
    marked: int = 0
    dropped_blocks: int = 0
    empty_prompts: int = 0

    def add(self, raw: str, answer: str, category: str, shape: str, context: str = "") -> None:
        prompt, level = _clean_prompt(raw)
        if context:
            prompt = f"{context} {prompt}".strip()
        if not prompt:
            self.empty_prompts += 1
            return
        self.marked += level is not None
        self.shapes[shape] += 1
        difficulty = level or DEFAULT_DIFFICULTY
        self.drafts.append(Draft(prompt, answer, category or self.title, difficulty))


def _strong_start(block: Block) -> Start | None:
    """Bold question lines, `**Q?** answer` leads, <summary>Q?</summary>, `Q:` lines."""
    if block.kind not in ("text", "item"):
        return None
    body, rest = block.first, block.lines[1:]
    bold = _BOLD_LINE.match(body)
    if bold and _is_question(bold.group("q"), numbered_ok=True):
        return Start(bold.group("q"), rest, "bold questions")
    lead = _BOLD_LEAD.match(body)
    if lead and block.indent == 0:
        return Start(lead.group("q"), [lead.group("rest"), *rest], "bold questions")
    summary = _SUMMARY.match(body)
    if summary and _is_question(summary.group("q")):
        return Start(summary.group("q"), rest, "<details> blocks")
    qline = _QLINE.match(_unbold(body))
    if qline:
        return Start(qline.group("q"), rest, "Q:/A: lines")
    return None


def _item_text(block: Block) -> str:
    return " ".join([block.first, *(line.strip() for line in block.lines[1:])])


def _list_start(block: Block) -> Start | None:
    """A list item that is a question (ends with '?' or carries a difficulty marker)."""
    if block.kind != "item":
        return None
    shape = "numbered lists" if block.ordered else "bulleted lists"
    whole = _item_text(block)
    if _is_question(whole):
        return Start(whole, [], shape)
    if _is_question(block.first):
        return Start(block.first, block.lines[1:], shape)
    return None


def _render(blocks: Iterable[Block]) -> str:
    """Blocks back into Markdown text: code kept as it is, everything else cleaned."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "rule":
            continue
        if block.kind == "code":
            text = "\n".join(block.lines)
        else:
            text = "\n".join(_clean_line(line) for line in block.lines)
        if not text.strip():
            continue
        if parts:
            parts.append("\n\n" if block.gap else "\n")
        parts.append(text)
    return _strip_answer_label(_tidy(textwrap.dedent("".join(parts))))


def _strip_answer_label(answer: str) -> str:
    """`Answer:` / `A:` / `**Solution**` in front of an answer says nothing: drop it."""
    first, _, rest = answer.partition("\n")
    label = _ANSWER_LABEL.match(_unbold(first).strip())
    if label is None or (label.group(2) and not label.group(1)):
        return answer
    return _tidy(f"{label.group(2)}\n{rest}")


def _is_nav(blocks: list[Block]) -> bool:
    """A list of links only, like a table of contents."""
    shown = [b for b in blocks if b.kind != "rule"]
    return bool(shown) and all(
        b.kind == "item" and not _LINK.sub("", b.first).strip(" -*") for b in shown
    )


class _ListState:
    """Open non-question list items above the current one: category labels or shared context."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []  # (indent, cleaned text)

    def enter(self, indent: int) -> None:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()

    def push(self, indent: int, text: str) -> None:
        self.stack.append((indent, text))

    def category(self) -> str:
        labels = [text for _, text in self.stack if _is_label(text)]
        return labels[-1] if labels else ""

    def context(self) -> str:
        return " ".join(text for _, text in self.stack if not _is_label(text))


def _is_label(text: str) -> bool:
    return len(text.split()) <= 6 and not text.endswith((".", ":", "?", ";", ","))


@dataclass
class _Open:
    start: Start
    category: str
    context: str
    indent: int
    ordered: bool
    answer: list[Block] = field(default_factory=list)

    def has_answer(self) -> bool:
        return bool(self.start.rest) or any(b.kind != "rule" for b in self.answer)


def _body_cards(blocks: list[Block], category: str, found: Found) -> None:
    """Split a section body into questions and their answers."""
    strong = any(_strong_start(b) for b in blocks)
    open_: _Open | None = None
    labels = _ListState()

    def close() -> None:
        nonlocal open_
        if open_ is not None:
            rest = [Block("text", open_.start.rest)] if open_.start.rest else []
            answer = _render([*rest, *open_.answer])
            cat = open_.category or category
            found.add(open_.start.question, answer, cat, open_.start.shape, open_.context)
        open_ = None

    for block in blocks:
        if block.kind == "rule":
            if open_ is not None and open_.has_answer():
                close()
                labels = _ListState()
            continue
        start = _strong_start(block) if strong else _list_start(block)
        if start is not None:
            close()
            labels.enter(block.indent)
            open_ = _Open(start, labels.category(), labels.context(), block.indent, block.ordered)
            continue
        if block.kind == "item" and not strong and _ends_question(open_, block):
            close()
            labels.enter(block.indent)
            labels.push(block.indent, _clean_prompt(_item_text(block))[0])
            continue
        if open_ is not None:
            open_.answer.append(block)
        elif _render([block]):
            found.dropped_blocks += 1
    close()


def _ends_question(open_: _Open | None, block: Block) -> bool:
    """A non-question list item at the question's own level ends it (and may label others)."""
    if open_ is None:
        return True
    if block.indent < open_.indent:
        return True
    return block.indent == open_.indent and block.ordered == open_.ordered


def _has_questions(section: Section) -> bool:
    if _heading_marked(section.title):
        return True
    if any(_strong_start(b) or _list_start(b) for b in section.blocks):
        return True
    return any(_has_questions(child) for child in section.children)


def _heading_marked(title: str) -> bool:
    return _is_question(title)


def _plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def _heading_is_question(section: Section, title: str) -> bool:
    if not title:
        return False
    if _heading_marked(section.title):
        return sum(_strong_start(b) is not None for b in section.blocks) < 2
    if section.level <= 1 or section.children or _plain_words(title) in _BOILERPLATE:
        return False
    if any(_strong_start(b) or _list_start(b) for b in section.blocks):
        return False
    return bool(_render(section.blocks)) and not _is_nav(section.blocks)


def _visit(section: Section, category: str, found: Found) -> None:
    title = _clean_prompt(section.title)[0] if section.level else ""
    if _heading_is_question(section, title):
        _heading_card(section, category, found)
        return
    inner = title or category
    _body_cards(section.blocks, inner, found)
    for child in section.children:
        _visit(child, inner, found)


def _heading_card(section: Section, category: str, found: Found) -> None:
    """A heading that is a question: its body (and sub-sections without questions) answer it."""
    parts = [_render(section.blocks)]
    asking = [child for child in section.children if _has_questions(child)]
    for child in section.children:
        if child not in asking:
            parts.append(_render_section(child))
    found.add(section.title, _tidy("\n\n".join(p for p in parts if p)), category, "headings")
    for child in asking:
        _visit(child, category, found)


def _render_section(section: Section) -> str:
    title = _clean_prompt(section.title)[0]
    parts = [title, _render(section.blocks)]
    parts += [_render_section(child) for child in section.children]
    return "\n\n".join(p for p in parts if p)


MARKDOWN_SHAPES = (
    "bold question lines (**Question?** or **1. Question**), headings that end with '?' or "
    "carry answer text, numbered or bulleted list items that end with '?' or carry a "
    "difficulty marker ([E]/[M]/[H], 🟢🟡🔴, ⭐), Q:/A: lines and <summary> blocks"
)


def import_markdown(text: str, *, deck_id: str, title: str, source: str) -> ImportResult:
    """Cards from Markdown notes. Raises DeckError when no question is found."""
    deck = _deck_id(deck_id)
    text = _normalize(text)
    found = Found(title=_clean_prompt(title)[0] or deck)
    _visit(_sections(text), "", found)
    summary = _markdown_summary(found, text)
    if not found.drafts:
        raise DeckError(
            f"no questions found in {source or 'the text'}; looked for {MARKDOWN_SHAPES}",
            details=summary,
        )
    return _finish(found.drafts, deck, title or deck, source, summary)


def _markdown_summary(found: Found, text: str) -> list[str]:
    order = ("bold questions", "headings", "numbered lists", "bulleted lists")
    shapes = sorted(found.shapes, key=lambda s: (order.index(s) if s in order else 9, s))
    lines = [f"{found.shapes[shape]} from {shape}" for shape in shapes]
    if found.marked:
        lines.append(f"{found.marked} with a difficulty marker")
    images = len(_IMAGE.findall(text))
    if images:
        lines.append(f"{_plural(images, 'image', 'images')} dropped")
    if found.dropped_blocks:
        blocks = _plural(found.dropped_blocks, "text block", "text blocks")
        lines.append(f"{blocks} outside any question dropped")
    if found.empty_prompts:
        lines.append(f"{_plural(found.empty_prompts, 'empty question', 'empty questions')} dropped")
    return lines


# ---------------------------------------------------------------------------------------------
# Tables: CSV, TSV and Anki's plain-text export

_HEADER_NAMES = {
    "prompt": ("prompt", "question", "questions", "front", "q", "term"),
    "answer": ("answer", "answers", "back", "a", "model answer", "definition"),
    "category": ("category", "topic", "deck", "section", "subject"),
    "tags": ("tags", "tag", "labels"),
    "difficulty": ("difficulty", "level"),
    "kind": ("kind", "type"),
    "time_limit": ("time limit", "seconds"),
    "key_points": ("key points", "rubric"),
    "follow_ups": ("follow ups", "followups", "follow up"),
}
_ANKI_KEYS = (
    "separator",
    "html",
    "tags column",
    "deck column",
    "notetype column",
    "guid column",
    "columns",
    "deck",
    "notetype",
)
_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "space": " ",
    "colon": ":",
}
_DELIMITER_NAMES = {v: k for k, v in _SEPARATORS.items()}
_CLOZE = re.compile(r"\{\{c\d+::([^{}]*?)(?:::[^{}]*)?\}\}")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_BLOCK_START = re.compile(r"<(?:div|p|h[1-6]|tr|ul|ol)(?:\s[^<>]*)?>", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"</(?:p|h[1-6]|ul|ol)\s*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE)
LIST_SEPARATOR = " | "
ESCAPED_SEPARATOR = " \\| "


@dataclass
class Layout:
    """Where each field is in a row, and how the rows are written."""

    columns: dict[str, int]
    header: bool
    html: bool
    notes: list[str]


def _header_key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _map_header(row: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(row):
        key = _header_key(name)
        for fieldname, names in _HEADER_NAMES.items():
            if key in names and fieldname not in columns:
                columns[fieldname] = index
    return columns if "prompt" in columns else {}


def _anki_directives(text: str) -> tuple[dict[str, str], str]:
    """Anki's `#key:value` lines at the top of an export, and the text after them."""
    directives: dict[str, str] = {}
    lines = text.split("\n")
    taken = 0
    for line in lines:
        match = re.match(r"^#([a-z ]+):(.*)$", line)
        if not match or match.group(1) not in _ANKI_KEYS:
            break
        directives[match.group(1)] = match.group(2)
        taken += 1
    return directives, "\n".join(lines[taken:])


def _read_rows(text: str, delimiter: str) -> list[list[str]]:
    import csv
    import io

    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise DeckError(f"cannot read the table: {exc}") from exc


def _first_row(text: str, delimiter: str) -> list[str]:
    import csv
    import io

    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


def _sniff(text: str) -> str:
    """The delimiter whose first row names a question column, else the one with most fields."""
    sample = text[:65536]

    def score(delimiter: str) -> tuple[bool, int]:
        row = _first_row(sample, delimiter)
        return bool(_map_header(row)), len(row)

    return max((",", "\t", ";", "|"), key=score)


def _anki_layout(directives: dict[str, str], first: list[str]) -> Layout:
    """Anki's export has no header row: front, back, then the columns its directives name."""
    special: dict[str, int] = {}
    for key, name in (("tags column", "tags"), ("deck column", "category")):
        value = directives.get(key, "").strip()
        if value.isdigit() and int(value) >= 1:
            special[name] = int(value) - 1
    skip = set(special.values())
    for key in ("notetype column", "guid column"):
        value = directives.get(key, "").strip()
        if value.isdigit():
            skip.add(int(value) - 1)
    width = max(len(first), *(index + 1 for index in skip), 2)
    fields = [i for i in range(width) if i not in skip]
    columns = {"prompt": fields[0], **special}
    if len(fields) > 1:
        columns["answer"] = fields[1]
    named = _map_header(directives.get("columns", "").split(_separator(directives) or "\t"))
    if named:
        columns = named
    html_on = directives.get("html", "").strip().lower() == "true"
    notes = ["Anki plain-text export" + (" with HTML fields" if html_on else "")]
    return Layout(columns, header=False, html=html_on, notes=notes)


def _separator(directives: dict[str, str]) -> str | None:
    value = directives.get("separator")
    if value is None:
        return None
    return _SEPARATORS.get(value.strip().lower(), value if len(value) == 1 else None)


def _table_layout(rows: list[list[str]], delimiter: str) -> Layout:
    columns = _map_header(rows[0]) if rows else {}
    if columns:
        names = ", ".join(f"{key} = '{rows[0][i].strip()}'" for key, i in columns.items())
        return Layout(columns, header=True, html=False, notes=[f"columns: {names}"])
    if rows and not _looks_headerless(rows[0], delimiter):
        header = ", ".join(cell.strip() for cell in rows[0])
        raise DeckError(
            f"the header row ({header}) names no question column; "
            f"call one of the columns {', '.join(_HEADER_NAMES['prompt'])}"
        )
    html_like = any(re.search(r"<(?:br|div|p)\b|&nbsp;", cell) for row in rows for cell in row)
    return Layout(
        {"prompt": 0, "answer": 1},
        header=False,
        html=html_like,
        notes=["no header row: the first column is the question, the second the answer"],
    )


def _looks_headerless(row: list[str], delimiter: str) -> bool:
    """A first row that is already a card: tab-separated (old Anki exports) or a real question."""
    if delimiter == "\t":
        return True
    return any(cell.strip().endswith("?") or len(cell.split()) >= 4 for cell in row)


def _from_html(text: str) -> str:
    """An Anki field as plain text: <br> and block ends become line breaks, tags go."""
    text = _CLOZE.sub(r"\1", text)
    text = _SOUND.sub("", text)
    text = _BR.sub("\n", text)
    text = _BLOCK_START.sub("\n", text)
    text = _PARAGRAPH_END.sub("\n", text)
    text = _LIST_ITEM.sub("\n- ", text)
    return html.unescape(_TAG.sub("", text))


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index]


def _difficulty(value: str) -> int | None:
    value = value.strip().lower()
    if value in ("1", "2", "3"):
        return int(value)
    return _LEVELS.get(value)


def _time_limit(value: str) -> int | None:
    value = value.strip()
    if value.isdigit() and 10 <= int(value) <= 7200:
        return int(value)
    return None


def _split_list(value: str) -> tuple[str, ...]:
    """Items joined by " | "; an item's own " | " is written " \\| " (see `exporting`)."""
    parts = (
        part.replace(ESCAPED_SEPARATOR, LIST_SEPARATOR) for part in value.split(LIST_SEPARATOR)
    )
    return tuple(part.strip() for part in parts if part.strip())


def _tags(value: str) -> tuple[str, ...]:
    tags = [tag for tag in re.split(r"[,\s]+", value) if tag]
    return tuple(dict.fromkeys([*tags, IMPORTED_TAG]))


def _row_draft(row: list[str], layout: Layout, title: str, counts: Counter[str]) -> Draft | None:
    def get(name: str) -> str:
        value = _cell(row, layout.columns, name)
        return _tidy(_from_html(value) if layout.html else value)

    prompt = get("prompt")
    if not prompt:
        counts["no question"] += 1
        return None
    raw_difficulty = get("difficulty")
    difficulty = _difficulty(raw_difficulty)
    if raw_difficulty and difficulty is None:
        counts["bad difficulty"] += 1
    kind = get("kind")
    category = get("category").split("::")[-1].strip()
    return Draft(
        prompt=prompt,
        answer=get("answer"),
        category=category or title,
        difficulty=difficulty or DEFAULT_DIFFICULTY,
        kind=kind if kind in KINDS else "concept",
        time_limit=_time_limit(get("time_limit")),
        key_points=_split_list(get("key_points")),
        follow_ups=_split_list(get("follow_ups")),
        tags=_tags(get("tags")),
    )


TABLE_SHAPES = (
    "a header row naming a question column (prompt, question, front or q), or two columns "
    "(question, answer) without a header, or Anki's 'Notes in Plain Text' export"
)


def import_table(
    text: str, *, deck_id: str, title: str, source: str, delimiter: str | None = None
) -> ImportResult:
    """Cards from CSV or TSV (the delimiter is sniffed when None), or an Anki plain-text export."""
    deck = _deck_id(deck_id)
    directives, body = _anki_directives(_normalize(text))
    separator = delimiter or _separator(directives) or _sniff(body)
    rows = _read_rows(body, separator)
    if not rows:
        raise DeckError(f"no cards found in {source or 'the table'}: it has no rows")
    if directives:
        layout = _anki_layout(directives, rows[0] if rows else [])
    else:
        layout = _table_layout(rows, separator)
    counts: Counter[str] = Counter()
    name = title or deck
    data = rows[1:] if layout.header else rows
    drafts = [d for d in (_row_draft(row, layout, name, counts) for row in data) if d]
    summary = [f"{len(drafts)} from table rows"]
    summary.append(f"delimiter: {_DELIMITER_NAMES.get(separator, repr(separator))}")
    summary += layout.notes
    if counts["no question"]:
        summary.append(
            f"{_plural(counts['no question'], 'row', 'rows')} without a question dropped"
        )
    if counts["bad difficulty"]:
        bad = _plural(counts["bad difficulty"], "unreadable difficulty", "unreadable difficulties")
        summary.append(f"{bad} set to {DEFAULT_DIFFICULTY}")
    if not drafts:
        raise DeckError(
            f"no cards found in {source or 'the table'}; looked for {TABLE_SHAPES}", details=summary
        )
    return _finish(drafts, deck, name, source, summary)


# ---------------------------------------------------------------------------------------------
# The deck document


def _deck_id(deck_id: str) -> str:
    slug = _slug(deck_id, 40)
    if not slug:
        raise DeckError(
            f"deck id '{deck_id}' needs letters or digits (lowercase words joined by -)"
        )
    return slug


def _card_ids(deck_id: str, drafts: list[Draft]) -> list[str]:
    budget = max(MAX_ID_LENGTH - len(deck_id) - 1, 12)
    ids: list[str] = []
    taken: set[str] = set()
    for number, draft in enumerate(drafts, start=1):
        base = f"{deck_id}-{_slug(draft.prompt, budget) or f'q{number}'}"
        card_id, suffix = base, 2
        while card_id in taken:
            card_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(card_id)
        ids.append(card_id)
    return ids


def _dedupe(drafts: list[Draft]) -> tuple[list[Draft], int]:
    seen: set[tuple[str, str]] = set()
    kept: list[Draft] = []
    for draft in drafts:
        key = (draft.prompt.casefold(), draft.answer)
        if key not in seen:
            seen.add(key)
            kept.append(draft)
    return kept, len(drafts) - len(kept)


def _card_record(card_id: str, draft: Draft) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": card_id,
        "prompt": draft.prompt,
        "category": draft.category,
        "kind": draft.kind,
        "difficulty": draft.difficulty,
    }
    if draft.time_limit is not None:
        record["time_limit"] = draft.time_limit
    record["key_points"] = list(draft.key_points)
    record["answer"] = draft.answer
    record["follow_ups"] = list(draft.follow_ups)
    record["tags"] = list(draft.tags or (IMPORTED_TAG,))
    return record


def _finish(
    drafts: list[Draft], deck_id: str, title: str, source: str, summary: list[str]
) -> ImportResult:
    drafts, duplicates = _dedupe(drafts)
    if duplicates:
        summary.append(
            f"{_plural(duplicates, 'duplicate question', 'duplicate questions')} dropped"
        )
    unanswered = sum(not draft.answer for draft in drafts)
    if unanswered:
        summary.append(f"{unanswered} without an answer")
    description = f"Imported from {source}." if source else "Imported with nora."
    doc = {
        "id": deck_id,
        "title": " ".join(title.split()) or deck_id,
        "description": description,
        "cards": [
            _card_record(i, d) for i, d in zip(_card_ids(deck_id, drafts), drafts, strict=True)
        ],
    }
    return ImportResult(deck_yaml=dump_deck(doc), cards=len(drafts), summary=tuple(summary))


def dump_deck(doc: dict[str, Any]) -> str:
    """The deck as YAML: multi-line text as literal blocks, no anchors, the schema comment first."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # lists indented under their key

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema={SCHEMA_URL}\n{body}"

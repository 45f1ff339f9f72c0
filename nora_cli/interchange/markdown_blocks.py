"""Markdown text into heading sections and blocks, and the blocks that start a question.

A block is a paragraph, a list item with its continuation lines, a fenced code block or a rule.
A question starts at a bold question line, a `**Q?** answer` lead, a <summary> line, a `Q:`
line, or a list item that ends with '?' or carries a difficulty marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nora_cli.interchange.markdown_text import is_question, unbold

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


def parse_sections(text: str) -> Section:
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
    return bool(_BOLD_LINE.match(body) or _SUMMARY.match(body) or _QLINE.match(unbold(body)))


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
# Where questions start


@dataclass
class Start:
    """Where a question begins: its raw text, the rest of its block, and the shape it had."""

    question: str
    rest: list[str]
    shape: str


def strong_start(block: Block) -> Start | None:
    """Bold question lines, `**Q?** answer` leads, <summary>Q?</summary>, `Q:` lines."""
    if block.kind not in ("text", "item"):
        return None
    body, rest = block.first, block.lines[1:]
    bold = _BOLD_LINE.match(body)
    if bold and is_question(bold.group("q"), numbered_ok=True):
        return Start(bold.group("q"), rest, "bold questions")
    lead = _BOLD_LEAD.match(body)
    if lead and block.indent == 0:
        return Start(lead.group("q"), [lead.group("rest"), *rest], "bold questions")
    summary = _SUMMARY.match(body)
    if summary and is_question(summary.group("q")):
        return Start(summary.group("q"), rest, "<details> blocks")
    qline = _QLINE.match(unbold(body))
    if qline:
        return Start(qline.group("q"), rest, "Q:/A: lines")
    return None


def item_text(block: Block) -> str:
    """A list item's text on one line, its continuation lines included."""
    return " ".join([block.first, *(line.strip() for line in block.lines[1:])])


def list_start(block: Block) -> Start | None:
    """A list item that is a question (ends with '?' or carries a difficulty marker)."""
    if block.kind != "item":
        return None
    shape = "numbered lists" if block.ordered else "bulleted lists"
    whole = item_text(block)
    if is_question(whole):
        return Start(whole, [], shape)
    if is_question(block.first):
        return Start(block.first, block.lines[1:], shape)
    return None

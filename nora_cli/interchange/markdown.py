"""Cards from Markdown notes, in the shapes public interview-question repositories use.

Bold question lines, headings, numbered or bulleted list items, Q:/A: lines and <details>
blocks each start a question; what follows, up to the next question, is its answer.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from nora_cli.core.errors import DeckError
from nora_cli.interchange.common import (
    DEFAULT_DIFFICULTY,
    Draft,
    ImportResult,
    deck_slug,
    finish_import,
    normalize,
    plural,
    tidy,
)
from nora_cli.interchange.markdown_blocks import (
    Block,
    Section,
    Start,
    item_text,
    list_start,
    parse_sections,
    strong_start,
)
from nora_cli.interchange.markdown_text import (
    IMAGE,
    LINK,
    clean_line,
    clean_prompt,
    is_question,
    unbold,
)

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
class Found:
    """Everything the Markdown importer collected, to build cards and the summary from."""

    title: str
    drafts: list[Draft] = field(default_factory=list)
    shapes: Counter[str] = field(default_factory=Counter)
    marked: int = 0
    dropped_blocks: int = 0
    empty_prompts: int = 0

    def add(self, raw: str, answer: str, category: str, shape: str, context: str = "") -> None:
        prompt, level = clean_prompt(raw)
        if context:
            prompt = f"{context} {prompt}".strip()
        if not prompt:
            self.empty_prompts += 1
            return
        self.marked += level is not None
        self.shapes[shape] += 1
        difficulty = level or DEFAULT_DIFFICULTY
        self.drafts.append(Draft(prompt, answer, category or self.title, difficulty))


def _render(blocks: Iterable[Block]) -> str:
    """Blocks back into Markdown text: code kept as it is, everything else cleaned."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "rule":
            continue
        if block.kind == "code":
            text = "\n".join(block.lines)
        else:
            text = "\n".join(clean_line(line) for line in block.lines)
        if not text.strip():
            continue
        if parts:
            parts.append("\n\n" if block.gap else "\n")
        parts.append(text)
    return _strip_answer_label(tidy(textwrap.dedent("".join(parts))))


def _strip_answer_label(answer: str) -> str:
    """`Answer:` / `A:` / `**Solution**` in front of an answer says nothing: drop it."""
    first, _, rest = answer.partition("\n")
    label = _ANSWER_LABEL.match(unbold(first).strip())
    if label is None or (label.group(2) and not label.group(1)):
        return answer
    return tidy(f"{label.group(2)}\n{rest}")


def _is_nav(blocks: list[Block]) -> bool:
    """A list of links only, like a table of contents."""
    shown = [b for b in blocks if b.kind != "rule"]
    return bool(shown) and all(
        b.kind == "item" and not LINK.sub("", b.first).strip(" -*") for b in shown
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
    strong = any(strong_start(b) for b in blocks)
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
        start = strong_start(block) if strong else list_start(block)
        if start is not None:
            close()
            labels.enter(block.indent)
            open_ = _Open(start, labels.category(), labels.context(), block.indent, block.ordered)
            continue
        if block.kind == "item" and not strong and _ends_question(open_, block):
            close()
            labels.enter(block.indent)
            labels.push(block.indent, clean_prompt(item_text(block))[0])
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
    if any(strong_start(b) or list_start(b) for b in section.blocks):
        return True
    return any(_has_questions(child) for child in section.children)


def _heading_marked(title: str) -> bool:
    return is_question(title)


def _plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def _heading_is_question(section: Section, title: str) -> bool:
    if not title:
        return False
    if _heading_marked(section.title):
        return sum(strong_start(b) is not None for b in section.blocks) < 2
    if section.level <= 1 or section.children or _plain_words(title) in _BOILERPLATE:
        return False
    if any(strong_start(b) or list_start(b) for b in section.blocks):
        return False
    return bool(_render(section.blocks)) and not _is_nav(section.blocks)


def _visit(section: Section, category: str, found: Found) -> None:
    title = clean_prompt(section.title)[0] if section.level else ""
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
    found.add(section.title, tidy("\n\n".join(p for p in parts if p)), category, "headings")
    for child in asking:
        _visit(child, category, found)


def _render_section(section: Section) -> str:
    title = clean_prompt(section.title)[0]
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
    deck = deck_slug(deck_id)
    text = normalize(text)
    found = Found(title=clean_prompt(title)[0] or deck)
    _visit(parse_sections(text), "", found)
    summary = _markdown_summary(found, text)
    if not found.drafts:
        raise DeckError(
            f"no questions found in {source or 'the text'}; looked for {MARKDOWN_SHAPES}",
            details=summary,
        )
    return finish_import(found.drafts, deck, title or deck, source, summary)


def _markdown_summary(found: Found, text: str) -> list[str]:
    order = ("bold questions", "headings", "numbered lists", "bulleted lists")
    shapes = sorted(found.shapes, key=lambda s: (order.index(s) if s in order else 9, s))
    lines = [f"{found.shapes[shape]} from {shape}" for shape in shapes]
    if found.marked:
        lines.append(f"{found.marked} with a difficulty marker")
    images = len(IMAGE.findall(text))
    if images:
        lines.append(f"{plural(images, 'image', 'images')} dropped")
    if found.dropped_blocks:
        blocks = plural(found.dropped_blocks, "text block", "text blocks")
        lines.append(f"{blocks} outside any question dropped")
    if found.empty_prompts:
        lines.append(f"{plural(found.empty_prompts, 'empty question', 'empty questions')} dropped")
    return lines

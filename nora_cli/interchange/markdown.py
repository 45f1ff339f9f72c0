"""Cards from Markdown notes, in the shapes public interview-question repositories use.

markdown-it-py parses the text; what is hand-written here is only the judgement on top of it:
which heading is a section (its title becomes the category) and which is a question (see
`markdown_headings`), which block starts a question (see `markdown_shapes`), and which blocks
answer it. Everything else
(intro, legend, table of contents) is dropped and listed with its line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nora_cli.core.errors import DeckError
from nora_cli.core.wording import counted
from nora_cli.interchange.common import (
    ImportResult,
    brief,
    deck_slug,
    finish_import,
    normalize,
)
from nora_cli.interchange.markdown_headings import (
    BOILERPLATE,
    asks,
    body_asks,
    first_question,
    heading_asks,
    plain_words,
    topics_ask,
)
from nora_cli.interchange.markdown_question import Found, Question
from nora_cli.interchange.markdown_shapes import (
    Start,
    first_and_rest,
    is_legend,
    is_separator,
    item_start,
    lazy_questions,
    list_asks,
    meta,
    part_label,
    split_lazy,
    strong_start,
    strong_starts,
)
from nora_cli.interchange.markdown_text import (
    IMAGE,
    clean_category,
    clean_prompt,
    plain,
    read_legend,
)
from nora_cli.interchange.markdown_tree import (
    LISTS,
    Section,
    first_line,
    inline,
    lead,
    parse_sections,
    render,
)

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

# ---------------------------------------------------------------------------------------------
# Lists of questions


def _is_label(text: str) -> bool:
    """A short title-like list item ("Dot product") names a category; a sentence is context."""
    return len(text.split()) <= 6 and not text.endswith((".", ":", "?", ";", ","))


def _list_cards(node: SyntaxTreeNode, category: str, context: str, found: Found) -> None:
    """Questions in a (possibly nested) list; a non-question parent item gives its children a
    category (a short label) or context (a sentence they continue)."""
    shape = "numbered lists" if node.type == "ordered_list" else "bulleted lists"
    for item in node.children:
        start = item_start(item)
        if start is not None:
            start.shape = shape
        paragraph = lead(item)
        rest = item.children[1:] if paragraph is not None else list(item.children)
        asking = [c for c in rest if c.type in LISTS and list_asks(c)]
        others = [c for c in rest if c not in asking]
        lazy = lazy_questions(item)
        if start is not None:
            question = Question(start, first_line(item), category, context)
            _continue_question(question, others)
            found.add(question)
            for sub in asking:
                _list_cards(sub, category, context, found)
        elif (asking or lazy) and paragraph is not None:
            label = clean_prompt(split_lazy(inline(paragraph))[0], found.legend)[0]
            inner_category = clean_category(label) if _is_label(label) else category
            inner_context = context if _is_label(label) else f"{context} {label}".strip()
            inner = (inner_category, inner_context)
            for block in others:
                if block.type != "html_block" or not lazy:
                    found.drop(block, "text under a list of questions")
            for text in lazy:
                found.add(Question(Start(text, "", shape), first_line(item), *inner))
            for sub in asking:
                _list_cards(sub, *inner, found)
        else:
            found.drop(item, "list item that asks nothing")


def _continue_question(question: Question, blocks: list[SyntaxTreeNode]) -> None:
    """Blocks after a list question: a question that sets something up ("Given this matrix:")
    runs on to the paragraph that asks; hints join the question; the rest answers it."""
    sets_up = plain(first_and_rest(question.start.question)[0]).endswith(":")
    for index, block in enumerate(blocks):
        if sets_up and block.type == "paragraph" and "?" in plain(inline(block)):
            for before in blocks[: index + 1]:
                question.start.question += " " + plain(render(before))
            blocks = blocks[index + 1 :]
            break
    for block in blocks:
        question.take(block)


# ---------------------------------------------------------------------------------------------
# Sections


def _body_cards(blocks: list[SyntaxTreeNode], category: str, found: Found) -> None:
    """A section body: bold questions (lists are then answers) or lists of questions."""
    strong = any(strong_start(b) is not None for b in blocks)
    open_: Question | None = None

    def close() -> None:
        nonlocal open_
        if open_ is not None:
            found.add(open_)
        open_ = None

    for block in blocks:
        if is_separator(block):
            if open_ is not None and open_.has_answer():
                close()
            continue
        before, starts = strong_starts(block)
        if starts:
            if open_ is not None and before.strip():
                open_.tail = before
            elif before.strip():
                found.drop_text(first_line(block), plain(before), "outside any question")
            for start in starts:
                close()
                open_ = Question(start, first_line(block), category)
        elif is_legend(block):
            found.drop(block, "legend")
        elif open_ is not None:
            open_.take(block)
        elif not strong and block.type in LISTS and list_asks(block):
            _list_cards(block, category, "", found)
        else:
            found.drop(block, "outside any question")
    close()


def _visit(section: Section, category: str, found: Found, topics_ask: bool = False) -> None:
    if heading_asks(section, topics_ask):
        _heading_card(section, category, found)
        return
    # A heading that is a link ("Recently added: [NLP questions](...)") names no topic.
    named = section.level > 1 and "](" not in section.title
    title = clean_category(section.title) if named else ""
    if title and plain_words(title) in BOILERPLATE and not asks(section):
        for block in section.blocks:
            found.drop(block, f"section '{title}'")
    else:
        _body_cards(section.blocks, title or category, found)
    _visit_children(section, title or category, found)


def _visit_children(section: Section, category: str, found: Found) -> None:
    prose_asks = topics_ask(section.children)
    for child in section.children:
        _visit(child, category, found, prose_asks)


def _heading_card(section: Section, category: str, found: Found) -> None:
    """A heading that is a question: its body up to the next question answers it, and so do
    its sub-sections without questions when its body asks nothing more. The questions after
    its answer are cards of the same category."""
    first = first_question(section.blocks)
    question = Question(Start(section.title, "", "headings"), section.line, category)
    for block in section.blocks[:first]:
        question.take(block)
    if first is None:
        for child in section.children:
            if not asks(child):
                question.answer += _section_blocks(child)
    found.add(question)
    if first is not None:
        _body_cards(section.blocks[first:], category, found)
        _visit_children(section, category, found)
        return
    prose_asks = topics_ask(section.children)
    for child in section.children:
        if asks(child):
            _visit(child, category, found, prose_asks)


def _section_blocks(section: Section) -> list[SyntaxTreeNode]:
    blocks = list(section.blocks)
    for child in section.children:
        blocks += _section_blocks(child)
    return blocks


# ---------------------------------------------------------------------------------------------
# The import


MARKDOWN_SHAPES = (
    "bold question lines (**Question?** or **1. Question**), headings that end with '?' or "
    "carry answer text, numbered or bulleted list items that end with '?' or carry a "
    "difficulty marker ([E]/[M]/[H], 🟢🟡🔴, ⭐, 👶, 🚀), Q:/A: lines and <summary> blocks"
)


def _legend(text: str) -> dict[str, int]:
    """The meaning of the markers, from the file's legend lines (if it has any)."""
    legend: dict[str, int] = {}
    for line in text.split("\n"):
        found = read_legend(plain(line))
        if found:
            legend.update(found)
    return legend


def import_markdown(
    text: str,
    *,
    deck_id: str,
    title: str,
    source: str,
    fallback_title: str = "",
    reserved: frozenset[str] = frozenset(),
) -> ImportResult:
    """Cards from Markdown notes. Raises DeckError when no question is found.

    Without a `title`, the deck takes the document's one top-level heading, else
    `fallback_title`; the plain paragraphs that open that heading's section describe the deck.
    A card keeps the id nora's export wrote for it unless `reserved` (other decks' ids) has it."""
    deck = deck_slug(deck_id)
    text = normalize(text)
    root = parse_sections(text)
    heading, description = _title_and_introduction(root)
    title = title or heading or fallback_title
    found = Found(title=clean_prompt(title)[0] or deck, legend=_legend(text))
    _visit(root, "", found)
    summary, itemised, changed = _markdown_summary(found, text)
    if not found.drafts:
        raise DeckError(
            f"no questions found in {source or 'the text'}; looked for {MARKDOWN_SHAPES}",
            details=summary,
        )
    return finish_import(
        found.drafts,
        deck,
        title or deck,
        source,
        summary,
        dropped=(*found.dropped, *found.empty_prompts),
        changed=changed,
        itemised=itemised,
        marked=found.marked,
        description=description,
        reserved=reserved,
    )


def _title_and_introduction(root: Section) -> tuple[str, str]:
    """The document's one top-level heading (when it is not a question) and the plain
    paragraphs that open its section, which are taken out of it: no links, markers, labels
    or questions among them."""
    tops = [section for section in root.children if section.level == 1]
    if len(tops) != 1 or heading_asks(tops[0]):
        return "", ""
    top = tops[0]
    taken = 0
    for block in top.blocks:
        text = inline(block) if block.type == "paragraph" else ""
        plain_text = plain(text).strip()
        if (
            not plain_text
            or plain_text.endswith("?")
            or "](" in text
            or "<" in text
            or part_label(block) is not None
            or meta(block) is not None
            or is_legend(block)
            or body_asks([block])
        ):
            break
        taken += 1
    introduction = " ".join(plain(inline(block)).strip() for block in top.blocks[:taken])
    top.blocks = top.blocks[taken:]
    return clean_category(top.title), introduction


_SHAPES = ("bold questions", "headings", "numbered lists", "bulleted lists")


def _markdown_summary(
    found: Found, text: str
) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """The summary lines, those of them that count what `--verbose` lists, and the images left
    out of the answers, each with its line."""
    shapes = sorted(found.shapes, key=lambda s: (_SHAPES.index(s) if s in _SHAPES else 9, s))
    lines = [f"{found.shapes[shape]} from {shape}" for shape in shapes]
    if found.marked:
        lines.append(f"{found.marked} with a difficulty marker")
    itemised: list[str] = []
    images = _images(text)
    if images:
        lines.append(f"{counted(len(images), 'image')} left out")
        itemised.append(lines[-1])
    if found.dropped:
        blocks = counted(len(found.dropped), "block")
        lines.append(f"{blocks} outside any question dropped")
        itemised.append(lines[-1])
    if found.empty_prompts:
        lines.append(f"{counted(len(found.empty_prompts), 'empty question')} dropped")
        itemised.append(lines[-1])
    return lines, tuple(itemised), images


_IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _images(text: str) -> tuple[str, ...]:
    """Each image of the text (Markdown or <img>), with its line, in the order they come."""
    found = [*IMAGE.finditer(text), *_IMAGE_TAG.finditer(text)]
    return tuple(
        f"line {text.count(chr(10), 0, m.start()) + 1}: image {brief(m.group())} left out"
        for m in sorted(found, key=lambda m: m.start())
    )

"""Which Markdown heading is a question and which names a section (whose title becomes the
category of the questions under it).

A heading worded as a question ("Why ...?", "3) Explain ...") is a card when an answer follows
it; a heading that names a topic is one only when it carries answer text among headings that ask
(or in a glossary, where no heading holds questions). Tables of contents, licences and the like
are neither.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nora_cli.interchange.markdown_question import LIST_PARTS
from nora_cli.interchange.markdown_shapes import (
    is_legend,
    is_separator,
    list_asks,
    meta,
    part_label,
    strong_start,
)
from nora_cli.interchange.markdown_text import clean_prompt, is_numbered, plain, reads_as_question
from nora_cli.interchange.markdown_tree import LISTS, Section, inline, lead, render

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

BOILERPLATE = frozenset(
    """about|acknowledgements|acknowledgments|authors|changelog|contents|contributing|
    contributors|credits|disclaimer|further reading|getting started|how to contribute|
    how to use|installation|introduction|license|licence|links|overview|preface|references|
    resources|see also|sponsors|star history|support|table of contents|toc|usage|useful links"""
    .replace("\n", "").replace("    ", "").split("|")
)  # fmt: skip


def asks(section: Section) -> bool:
    """A section with a question in its heading, its body or below it."""
    if heading_marked(section) or body_asks(section.blocks):
        return True
    return any(asks(child) for child in section.children)


def body_asks(blocks: list[SyntaxTreeNode]) -> bool:
    return first_question(blocks) is not None


def first_question(blocks: list[SyntaxTreeNode]) -> int | None:
    """The index of the block where the first question starts; lists under a "Key points",
    "Follow-ups" or other list label are parts of a card, not questions."""
    labelled = False
    for index, block in enumerate(blocks):
        if strong_start(block) is not None:
            return index
        label = part_label(block)
        if label is not None:
            labelled = label in LIST_PARTS
        elif block.type in LISTS:
            if not labelled and list_asks(block):
                return index
        else:
            labelled = False
    return None


def heading_marked(section: Section) -> bool:
    """A heading worded as a question: "Why ...?", "3) Explain ...", "Q4. ..."."""
    return reads_as_question(section.title)


def plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def _answered_first(blocks: list[SyntaxTreeNode], first: int | None) -> bool:
    """Answer text comes before the first question of these blocks (or there is none)."""
    before = blocks if first is None else blocks[:first]
    return any(
        render(b).strip() and not is_legend(b) and not is_separator(b) and meta(b) is None
        for b in before
    )


def heading_asks(section: Section, topics_ask: bool = False) -> bool:
    """Whether a heading is itself a question (else it names a section). A heading worded as
    a question is one when nothing under it asks, or when an answer follows it before the
    next question. A heading that names a topic is one when it carries answer text and
    `topics_ask` (see `topics_ask`)."""
    title = clean_prompt(section.title)[0]
    if not title or section.level == 0:
        return False
    first = first_question(section.blocks)
    if heading_marked(section):
        if first is None and not any(asks(c) for c in section.children):
            return True
        return _answered_first(section.blocks, first)
    if not topics_ask or section.level <= 1 or section.children:
        return False
    if plain_words(title) in BOILERPLATE:
        return False
    shown = [b for b in section.blocks if render(b).strip()]
    links_only = all(
        b.type in LISTS and not re.sub(r"\W+", "", plain(render(b)).replace(" ", "")) for b in shown
    )
    if not shown:
        return is_numbered(section.title)
    return first is None and not _is_nav(shown) and not links_only


def _is_nav(blocks: list[SyntaxTreeNode]) -> bool:
    """Only lists of links, like a table of contents."""
    return all(b.type in LISTS and "](" in _items_source(b) for b in blocks)


def _items_source(node: SyntaxTreeNode) -> str:
    paragraphs = (lead(item) for item in node.children)
    return "\n".join(inline(p) for p in paragraphs if p is not None)


def topics_ask(siblings: list[Section]) -> bool:
    """Whether headings that name a topic and carry prose are questions here: beside headings
    that ask ("### Gradient clipping" between "### Why ...?"), or where no sibling is a
    section of questions (a glossary); not beside sections of questions, where such a
    heading is one more section ("## Notes" after "## Basics")."""
    if any(heading_marked(sibling) for sibling in siblings):
        return True
    return not any(asks(sibling) for sibling in siblings)

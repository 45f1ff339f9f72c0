"""Markdown parsed by markdown-it-py (CommonMark with tables and HTML) into heading sections,
and the parsed blocks rendered back to answer text.

Only the top level is cut into sections; blocks keep markdown-it's nodes, with their source
lines, so the importer can tell a question from its answer by the shape of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nora_cli.interchange.markdown_text import clean_line, plain

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

LISTS = ("bullet_list", "ordered_list")


@dataclass
class Section:
    """A heading (level 0 for the text before any heading), its blocks and sub-sections."""

    level: int
    title: str
    line: int
    blocks: list[SyntaxTreeNode] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


def parse_sections(text: str) -> Section:
    """The document as a tree of heading sections; each holds its top-level blocks in order."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    root = Section(level=0, title="", line=0)
    stack = [root]
    for node in SyntaxTreeNode(parser.parse(text)).children:
        if node.type != "heading":
            stack[-1].blocks.append(node)
            continue
        level = int(node.tag[1])
        while stack[-1].level >= level:
            stack.pop()
        section = Section(level=level, title=inline(node), line=first_line(node))
        stack[-1].children.append(section)
        stack.append(section)
    return root


def first_line(node: SyntaxTreeNode) -> int:
    """The 1-based source line a block starts on."""
    return node.map[0] + 1 if node.map else 0


def inline(node: SyntaxTreeNode) -> str:
    """The raw inline source of a paragraph or heading (its lines joined by newlines)."""
    for child in node.children:
        if child.type == "inline":
            return child.content
    return ""


def lead(node: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """A list item's first paragraph, the one that may hold a question."""
    first = node.children[0] if node.children else None
    return first if first is not None and first.type == "paragraph" else None


def summary_text(node: SyntaxTreeNode) -> str:
    """What a block says in one plain line, for the list of dropped blocks."""
    if node.type in ("fence", "code_block"):
        return "code: " + " ".join(node.content.split())
    return plain(render(node))


# ---------------------------------------------------------------------------------------------
# Rendering blocks back to answer text


def render(node: SyntaxTreeNode) -> str:
    """A block as answer text: code as written, lists and quotes as Markdown, the rest cleaned."""
    kind = node.type
    if kind == "paragraph":
        return _clean_lines(inline(node))
    if kind == "heading":
        return plain(inline(node))
    if kind == "fence":
        fence = node.markup
        return f"{fence}{node.info}\n{node.content}{fence}"
    if kind == "code_block":  # indented code stays indented, as written
        return "\n".join(
            f"    {line}" if line else "" for line in node.content.rstrip("\n").split("\n")
        )
    if kind in LISTS:
        return "\n".join(_render_item(item, node) for item in node.children)
    if kind in ("blockquote", "list_item"):
        return join_blocks(node.children)
    if kind == "table":
        return _clean_lines(_table_source(node))
    if kind == "html_block":
        return _clean_lines(re.sub(r"</t[dh]>", " ", node.content, flags=re.IGNORECASE))
    return ""


def _render_item(item: SyntaxTreeNode, parent: SyntaxTreeNode) -> str:
    marker = f"{item.info}{item.markup}" if parent.type == "ordered_list" else item.markup
    body = join_blocks(item.children) or ""
    pad = " " * (len(marker) + 1)
    lines = body.split("\n")
    rest = [f"{pad}{line}" if line.strip() else "" for line in lines[1:]]
    return "\n".join([f"{marker} {lines[0]}".rstrip(), *rest])


def _table_source(node: SyntaxTreeNode) -> str:
    rows: list[str] = []
    for part in node.children:
        for row in part.children:
            cells = [inline(cell) for cell in row.children]
            rows.append("| " + " | ".join(cells) + " |")
            if part.type == "thead":
                rows.append("|" + "---|" * len(cells))
    return "\n".join(rows)


def _clean_lines(text: str) -> str:
    lines = [clean_line(line).rstrip() for line in text.split("\n")]
    return "\n".join(line for line in "\n".join(lines).split("\n") if line.strip())


def join_blocks(nodes: list[SyntaxTreeNode]) -> str:
    """Blocks as one text. One blank line in the source is one line break in nora's answers (the
    shipped decks' convention); each further blank line adds a line break."""
    parts: list[str] = []
    previous_end: int | None = None
    for node in nodes:
        text = render(node)
        if text.strip():
            if parts:
                blank = node.map[0] - previous_end if node.map and previous_end is not None else 1
                parts.append("\n" * max(1, blank))
            parts.append(text)
        if parts and node.map:  # a block that leaves no text (an image) is no gap either
            previous_end = node.map[1]
    return "".join(parts)

"""Which parsed Markdown block starts a question, and what the other blocks near it are.

A question starts at a paragraph whose first line is bold and asks (`**What is X? 👶**`), a
`**Q?** answer` lead, a `Q:` line, a <summary> line, or (outside bold-question files) a list item
that asks. Inside an answer, a bold label ("Key points", "Model answer", "Follow-ups") says
which part of the card the next blocks fill, a "Hint:" belongs to the question, and nora's own
export line (`*concept · difficulty 2 · 150 s*`) restores kind, difficulty and time limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nora_cli.core.models import KINDS
from nora_cli.interchange.markdown_text import is_question, plain, read_legend, unbold
from nora_cli.interchange.markdown_tree import LISTS, inline, lead

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<q>(?:(?!\1).)+)\1[ \t]*:?[ \t]*$")
_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<q>(?:(?!\1).)+?\?)\s*\1[ \t]*(?P<rest>\S.*)$")
_SUMMARY = re.compile(r"<summary[^>]*>(?P<q>.*?)</summary>", re.IGNORECASE | re.DOTALL)
_QLINE = re.compile(r"^(?:Q|Question)\s*\d*\s*[:.)]\s+(?P<q>\S.*)$", re.IGNORECASE)
_ALINE = re.compile(r"^(?:A|Ans|Answer)\s*\d*\s*[:.)]\s*(?P<a>.*)$", re.IGNORECASE)
_HINT = re.compile(r"^\W*hints?\W*?[:\uff1a]\s*(?P<hint>\S.*)$", re.IGNORECASE)
_LABEL_ONLY = re.compile(
    r"^(?:\*\*|__|\*|_)(?P<label>[^*_]+?)[:\uff1a]?(?:\*\*|__|\*|_)[:\uff1a]?$"
)
_LAZY_ITEM = re.compile(r"^\s*(?:\d{1,9}[.)]|[-*+])\s+(?P<text>\S.*)$")
_SEPARATOR = re.compile(r"^(?:\s*<(?:br|hr)\s*/?>\s*)+$", re.IGNORECASE)
_META = re.compile(
    rf"^(?P<kind>{'|'.join(KINDS)}) · difficulty (?P<difficulty>[123])"
    r"(?: · (?P<seconds>\d+) s)?(?: · `?(?P<id>[^`\s]+)`?)?$"
)
# The label of key points nora proposed and nobody reviewed yet (see `export.PROPOSED_LABEL`).
PROPOSED_POINTS = "key points (proposed by nora, to review)"
PARTS = {
    "key points": "key_points",
    PROPOSED_POINTS: "key_points",
    "rubric": "key_points",
    "model answer": "answer",
    "answer": "answer",
    "solution": "answer",
    "follow-ups": "follow_ups",
    "follow ups": "follow_ups",
    "follow-up questions": "follow_ups",
    "common mistakes": "pitfalls",
    "common mistakes (false claims)": "pitfalls",
    "pitfalls": "pitfalls",
    "curveballs": "curveballs",
    "hint": "hint",
    "hints": "hint",
}
ANSWER_LABELS = ("answer", "show answer", "solution", "click to expand", "reveal", "ans")


@dataclass
class Start:
    """Where a question begins: its raw text, answer text on its own lines, and its shape."""

    question: str
    rest: str
    shape: str


def first_and_rest(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    return first.strip(), rest


def _line_start(line: str, rest: str, first: bool) -> Start | None:
    """A line that starts a question: a bold question, a `**Q?** answer` lead (first line of
    a paragraph only) or a `Q:` line."""
    bold = _BOLD_LINE.match(line)
    if bold and is_question(bold.group("q"), numbered_ok=True):
        return Start(bold.group("q"), rest, "bold questions")
    leading = _BOLD_LEAD.match(line) if first else None
    if leading:
        return Start(leading.group("q"), f"{leading.group('rest')}\n{rest}", "bold questions")
    qline = _QLINE.match(unbold(line))
    if qline is None:
        return None
    asked: list[str] = [qline.group("q")]
    answer: list[str] = []
    for more in rest.split("\n"):
        found = _ALINE.match(unbold(more.strip()))
        if answer or found:
            answer.append(found.group("a") if found and not answer else more)
        elif more.strip():
            asked.append(more)
    return Start(" ".join(asked), "\n".join(answer), "Q:/A: lines")


def _paragraph_starts(text: str) -> tuple[str, list[Start]]:
    """Questions in a paragraph: files that leave no blank line between a question and the
    next one ("**Q1?**", answer, "**Q2?**", ...) put several in one paragraph. Text before the
    first question is returned apart (it ends the question before)."""
    lines = text.split("\n")
    cuts = [i for i, line in enumerate(lines) if _line_start(line.strip(), "", i == 0)]
    starts: list[Start] = []
    for n, cut in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(lines)
        start = _line_start(lines[cut].strip(), "\n".join(lines[cut + 1 : end]), cut == 0)
        if start is not None:
            starts.append(start)
    return "\n".join(lines[: cuts[0]]) if cuts else text, starts


def strong_starts(node: SyntaxTreeNode) -> tuple[str, list[Start]]:
    """Bold question lines, `**Q?** answer` leads, `Q:` lines and <summary> blocks in a block,
    and any text of the block that comes before them."""
    if node.type == "paragraph":
        return _paragraph_starts(inline(node))
    if node.type == "html_block":
        summary = _SUMMARY.search(node.content)
        asked = plain(summary.group("q")) if summary else ""
        if summary is None or not asked or asked.lower().rstrip(" .:") in ANSWER_LABELS:
            return "", []
        rest = node.content[summary.end() :].replace("</details>", "")
        return "", [Start(summary.group("q"), rest, "<details> blocks")]
    return "", []


def strong_start(node: SyntaxTreeNode) -> Start | None:
    """The first question that starts in a block (see `strong_starts`)."""
    starts = strong_starts(node)[1]
    return starts[0] if starts else None


def split_lazy(text: str) -> tuple[str, list[str]]:
    """A paragraph whose later lines look like list items ("4. [E] Why?" under "Hyperparameters."
    is not a list to CommonMark: only a list starting at 1 may interrupt a paragraph): its head,
    and those lines as items."""
    lines = text.split("\n")
    cut = next((i for i, line in enumerate(lines) if i and _LAZY_ITEM.match(line)), None)
    if cut is None:
        return text, []
    items: list[str] = []
    for line in lines[cut:]:
        found = _LAZY_ITEM.match(line)
        if found:
            items.append(found.group("text"))
        else:
            items[-1] += "\n" + line
    return "\n".join(lines[:cut]), items


def item_start(item: SyntaxTreeNode) -> Start | None:
    """A list item that asks: its whole first paragraph, or its first line, is a question."""
    paragraph = lead(item)
    if paragraph is None:
        return None
    text, _ = split_lazy(inline(paragraph))
    if read_legend(plain(text)) is not None:
        return None
    if is_question(text):
        return Start(text, "", "list")
    first, rest = first_and_rest(text)
    if is_question(first):
        return Start(first, rest, "list")
    return None


def lazy_questions(item: SyntaxTreeNode) -> list[str]:
    """Questions written as list items that CommonMark reads as text: lazy lines of the item's
    paragraph (see `split_lazy`), and item lines swallowed by an HTML block with no blank line
    after it (`<center><img ...></center>` then `1. [E] ...`)."""
    paragraph = lead(item)
    lazy = split_lazy(inline(paragraph))[1] if paragraph is not None else []
    for child in item.children:
        if child.type == "html_block":
            lines = (_LAZY_ITEM.match(line) for line in child.content.split("\n"))
            lazy += [found.group("text") for found in lines if found]
    return [text for text in lazy if is_question(text)]


def list_asks(node: SyntaxTreeNode) -> bool:
    """A list with a question anywhere in it (nested lists included)."""
    for item in node.children:
        if item_start(item) is not None or lazy_questions(item):
            return True
        if any(child.type in LISTS and list_asks(child) for child in item.children):
            return True
    return False


def is_separator(node: SyntaxTreeNode) -> bool:
    """A rule, or a line of <br/> between questions."""
    return node.type == "hr" or (node.type == "html_block" and bool(_SEPARATOR.match(node.content)))


def is_legend(node: SyntaxTreeNode) -> bool:
    """A paragraph or a list of legend lines ("Legend: 👶 easy ⭐️ medium 🚀 expert")."""
    if node.type == "paragraph":
        return read_legend(plain(inline(node))) is not None
    if node.type in LISTS:
        items = [lead(item) for item in node.children]
        return any(p is not None and read_legend(plain(inline(p))) is not None for p in items)
    return False


def part_label(node: SyntaxTreeNode) -> str | None:
    """A bold label alone on its line that names a part of the card: key_points, answer, ..."""
    return PARTS.get(label_text(node) or "")


def label_text(node: SyntaxTreeNode) -> str | None:
    """The text of a bold label alone on its line, in lower case ("key points")."""
    if node.type != "paragraph":
        return None
    label = _LABEL_ONLY.match(inline(node).strip())
    if label is None:
        return None
    return " ".join(label.group("label").lower().split())


def hint(text: str) -> str | None:
    """The hint in a "Hint: ..." paragraph."""
    found = _HINT.match(plain(text))
    return found.group("hint") if found else None


def meta(node: SyntaxTreeNode) -> dict[str, int | str] | None:
    """Kind, difficulty, time limit and card id from the line nora's Markdown export writes."""
    if node.type != "paragraph":
        return None
    found = _META.match(plain(inline(node)).strip(" *_"))
    if found is None:
        return None
    values: dict[str, int | str] = {
        "kind": found.group("kind"),
        "difficulty": int(found.group("difficulty")),
    }
    if found.group("seconds"):
        values["time_limit"] = int(found.group("seconds"))
    if found.group("id"):
        values["id"] = found.group("id")
    return values

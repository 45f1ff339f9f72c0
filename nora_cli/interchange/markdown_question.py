"""One Markdown question as the importer collects it, and what it becomes: a draft card.

A question takes the blocks that follow it: a bold label ("Key points", "Model answer",
"Common mistakes", "Follow-ups", "Curveballs") says which part of the card the next blocks
fill, hints join the question, and nora's own export line restores kind, difficulty and time
limit. `Found` gathers the drafts,
the shapes seen and every block dropped, with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nora_cli.interchange.common import DEFAULT_DIFFICULTY, Draft, brief, tidy
from nora_cli.interchange.markdown_shapes import (
    PROPOSED_POINTS,
    Start,
    hint,
    label_text,
    meta,
    part_label,
)
from nora_cli.interchange.markdown_text import clean_line, clean_prompt, plain, unbold
from nora_cli.interchange.markdown_tree import (
    LISTS,
    first_line,
    inline,
    join_blocks,
    lead,
    render,
    summary_text,
)

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

# The parts of a card written as a list under their label.
LIST_PARTS = ("key_points", "follow_ups", "pitfalls", "curveballs")
_ANSWER_LABEL = re.compile(
    r"^(?:Show answer|Click to expand|Solution|Answer|Ans|A)\b\s*\d*\s*([:.)\-])?\s*(.*)$",
    re.IGNORECASE,
)


@dataclass
class Question:
    """A question being collected: its start, where it sits, and the blocks of each part."""

    start: Start
    line: int
    category: str
    context: str = ""
    answer: list[SyntaxTreeNode] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)
    curveballs: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    meta: dict[str, int | str] = field(default_factory=dict)
    part: str = "answer"
    tail: str = ""  # answer text in the paragraph where the next question starts
    proposed: bool = False  # its key points were proposed by nora and are still to review

    def take(self, node: SyntaxTreeNode) -> None:
        """Add a block to the part being filled (a label switches parts)."""
        label = part_label(node)
        found_meta = meta(node)
        given_hint = hint(inline(node)) if node.type == "paragraph" else None
        if label:
            self.part = label
            self.proposed |= label_text(node) == PROPOSED_POINTS
        elif found_meta is not None:
            self.meta.update(found_meta)
        elif given_hint or (self.part == "hint" and node.type == "paragraph"):
            self.hints.append(given_hint or plain(inline(node)))
        elif self.part in LIST_PARTS and node.type in LISTS:
            items = [plain(inline(p)) for p in (lead(i) for i in node.children) if p is not None]
            getattr(self, self.part).extend(item for item in items if item)
        else:
            self.answer.append(node)

    def has_answer(self) -> bool:
        return bool(self.start.rest.strip()) or any(render(n).strip() for n in self.answer)


@dataclass
class Found:
    """Everything the importer collected, to build the cards and the summary from."""

    title: str
    legend: dict[str, int] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)
    shapes: Counter[str] = field(default_factory=Counter)
    marked: int = 0
    dropped: list[str] = field(default_factory=list)
    empty_prompts: list[str] = field(default_factory=list)

    def drop(self, node: SyntaxTreeNode, why: str) -> None:
        self.drop_text(first_line(node), summary_text(node), why)

    def drop_text(self, line: int, text: str, why: str) -> None:
        if text:
            self.dropped.append(f"line {line}: {brief(text)} ({why})")

    def add(self, question: Question) -> None:
        prompt, level = clean_prompt(question.start.question, self.legend)
        if question.context:
            prompt = f"{question.context} {prompt}".strip()
        if question.hints:
            prompt = f"{prompt} Hint: {' '.join(question.hints)}"
        if not prompt:
            shown = " ".join(question.start.question.split()) or "(nothing)"
            self.empty_prompts.append(
                f"line {question.line}: {brief(shown)} (a question with no words)"
            )
            return
        self.marked += level is not None
        shape = question.start.shape
        self.shapes[shape] += 1
        answer = _answer_text(question)
        difficulty = question.meta.get("difficulty", level or DEFAULT_DIFFICULTY)
        kind = question.meta.get("kind", "concept")
        seconds = question.meta.get("time_limit")
        self.drafts.append(
            Draft(
                prompt=prompt,
                answer=answer,
                category=question.category or self.title,
                difficulty=int(difficulty),
                kind=str(kind),
                time_limit=int(seconds) if seconds is not None else None,
                key_points=tuple(question.key_points),
                key_points_derived=question.proposed and bool(question.key_points),
                follow_ups=tuple(question.follow_ups),
                pitfalls=tuple(question.pitfalls),
                curveballs=tuple(question.curveballs),
                card_id=str(question.meta.get("id", "")),
                line=question.line,
            )
        )


def _answer_text(question: Question) -> str:
    """The answer given on the question's own lines, then its answer blocks."""
    lines = (clean_line(unbold(line)).rstrip() for line in question.start.rest.split("\n"))
    leading = "\n".join(line for line in lines if line.strip())
    body = join_blocks(question.answer)
    tail = "\n".join(clean_line(line).rstrip() for line in question.tail.split("\n"))
    text = tidy("\n".join(part for part in (leading, body, tail) if part.strip()))
    return _strip_answer_label(text)


def _strip_answer_label(answer: str) -> str:
    """`Answer:` / `A:` / `**Solution**` in front of an answer says nothing: drop it."""
    first, _, rest = answer.partition("\n")
    label = _ANSWER_LABEL.match(unbold(first).strip())
    if label is None or (label.group(2) and not label.group(1)):
        return answer
    return tidy(f"{label.group(2)}\n{rest}")

"""Formulas in a text ("Precision = TP / (TP + FP)"), compacted so that any spacing matches.
Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from nora_cli.coach.words import normalise

OPERAND = r"[\w@.^|'\[\]()]+"
FORMULA = re.compile(rf"{OPERAND}(?:\s*[-+*/^=<>]+\s*{OPERAND})+")
OPERATORS = re.compile(r"[-+*/^]")
HYPHENATED = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z])")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


def _is_formula(part: str) -> bool:
    balanced = part.count("(") == part.count(")") and part.count("[") == part.count("]")
    operators = len(OPERATORS.findall(HYPHENATED.sub("", part)))  # "(moving-average)": a word
    return balanced and (operators >= 2 or (operators >= 1 and "(" in part))


def formula_spans(text: str) -> list[str]:
    """Formulas in the text, as written: "Precision = TP / (TP + FP)"."""
    spans = []
    for found in FORMULA.finditer(text):
        span = found.group(0).rstrip(".")
        if any(_is_formula(part) for part in span.split("=")):
            spans.append(span)
    return spans


@lru_cache(maxsize=8192)
def formulas(text: str) -> tuple[str, ...]:
    """The text's formulas, each side of an "=" on its own, compacted: "tp/(tp+fp)"."""
    found = []
    for span in formula_spans(text):
        for part in span.split("="):
            form = compact(part).strip("<>")
            if _is_formula(part) and len(form) >= 5:
                found.append(form)
    return tuple(dict.fromkeys(found))


SWAPPABLE = re.compile(r"(\w+)([-/])(\w+)")  # "p-y", "k/n": operands whose order is the claim


def flipped(said: tuple[str, ...], meant: tuple[str, ...]) -> bool:
    """Whether a formula said is one of the meant formulas with the two sides of a minus or a
    division swapped: "x^t(y-p)/n" for "x^t(p-y)/n"."""
    for form in meant:
        for found in SWAPPABLE.finditer(form):
            left, operator, right = found.groups()
            swapped = f"{form[: found.start()]}{right}{operator}{left}{form[found.end() :]}"
            if swapped in said and form not in said:
                return True
    return False

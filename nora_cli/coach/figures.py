"""The figures a text states, for telling a wrong figure from a right one. Pure.

Three kinds are compared: percentages, read as fractions so that "5%" and "0.05" are one
value; one-letter ratios such as "k/n" or "1/k"; and multiples ("doubles", "twice", "4x"). A
text's decimals count as percentages only when
it states a percentage as well ("alpha 0.05 ... about 64%"): a point that gives a rate both
ways accepts either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?%")
DECIMAL = re.compile(r"(?<![\w.])(0?\.\d+)(?![\w.])")
# Not in parentheses: "picks its slot (1/k)" gives a factor of a derivation, not a claim.
RATIO = re.compile(r"(?<![\w./(])[a-z0-9]/[a-z0-9](?![\w(/])")
# Shorthand written with a slash, not a ratio: "the K/V heads", "I/O", "an A/B test".
SLASHED_WORDS = frozenset({"k/v", "i/o", "a/b", "n/a", "w/o", "q/a", "y/n", "r/w", "b/c"})

# How many times over: "doubles", "twice", "3x", "quadruples".
TIMES = re.compile(
    r"(?<![\w.])(\d+)x(?!\w)|\b(double[sd]?|doubling|twice|triple[sd]?|tripling|"
    r"quadruple[sd]?|quadrupling)\b"
)
MULTIPLE = {"doubl": 2, "twice": 2, "tripl": 3, "quadrupl": 4}

OWN_EXAMPLE = 3  # figures of one kind the card never states: the answer's own worked example
Figures = Mapping[str, frozenset[str]]  # kind ("percent", "ratio", "times") -> values


def _value(number: float) -> str:
    return f"{number:.6g}"


def figures(text: str, *, decimals: bool = False) -> Figures:
    """The figures stated in a lower-cased text: percentages as fractions, and ratios. With
    `decimals`, a text that states a percentage also states its decimals."""
    found: dict[str, frozenset[str]] = {}
    percent = {_value(float(m.group(1)) / 100) for m in PERCENT.finditer(text)}
    if percent and decimals:
        percent |= {_value(float(m.group(1))) for m in DECIMAL.finditer(text)}
    if percent:
        found["percent"] = frozenset(percent)
    ratio = frozenset(m.group(0) for m in RATIO.finditer(text)) - SLASHED_WORDS
    if ratio:
        found["ratio"] = ratio
    times = frozenset(_times(m) for m in TIMES.finditer(text))
    if times:
        found["times"] = times
    return found


def _times(found: re.Match[str]) -> str:
    if found.group(1):
        return found.group(1)
    word = found.group(2)
    return str(next(n for stem, n in MULTIPLE.items() if word.startswith(stem)))


def wrong_figure(said: Figures, point: Figures, card: Figures) -> bool:
    """Whether a text states a figure of a kind the point states, none of the point's values of
    that kind, and one that no point of the card states ("probability 1/k" against "k/n"). A
    text with OWN_EXAMPLE or more figures of that kind that no point states works an example
    of its own ("1% prevalence, 99% sensitivity, 95% specificity: about 17%"), and its
    figures are not the card's to judge."""
    for kind, values in point.items():
        unknown = said.get(kind, frozenset()) - card.get(kind, frozenset())
        if kind in said and not said[kind] & values and 0 < len(unknown) < OWN_EXAMPLE:
            return True
    return False

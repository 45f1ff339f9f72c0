"""A count and its noun in agreement, for every message nora writes, from any layer."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 card', '2 cards', '0 problems': the number and its noun in agreement."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"

"""Counts a value paired with itself when it is half the target."""

from collections import Counter


def count_pairs(values, target):
    counts = Counter(values)
    total = sum(counts[x] * counts[target - x] for x in counts)
    return total // 2

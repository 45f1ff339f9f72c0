"""Sorts every occurrence instead of the distinct values, so a tie repeats a value."""


def top_k(values, k):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return sorted(values, key=lambda v: (-counts[v], v))[:k]

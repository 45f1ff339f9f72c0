# caught by: scaling
"""Correct, but sorts a copy of the whole prefix for every value: O(n^2 log n)."""


def running_medians(values):
    out = []
    for i in range(len(values)):
        ordered = sorted(values[: i + 1])
        n = len(ordered)
        out.append(ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2)
    return out

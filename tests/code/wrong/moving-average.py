# caught by: scaling
"""Correct, but sums every window again: O(n w)."""


def moving_average(values, window):
    return [sum(values[i : i + window]) / window for i in range(len(values) - window + 1)]

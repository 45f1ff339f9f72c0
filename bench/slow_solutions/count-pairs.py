"""Correct, quadratic: a double loop over the pairs."""


def count_pairs(values, target):
    n = len(values)
    return sum(1 for i in range(n) for j in range(i + 1, n) if values[i] + values[j] == target)

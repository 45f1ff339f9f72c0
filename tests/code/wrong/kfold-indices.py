"""Puts the remainder in the last fold instead of spreading it over the first ones."""


def kfold(n, k):
    if k < 2 or k > n:
        raise ValueError("need 2 <= k <= n")
    size = n // k
    folds = []
    for fold in range(k):
        start = fold * size
        stop = n if fold == k - 1 else start + size
        folds.append([list(range(start)) + list(range(stop, n)), list(range(start, stop))])
    return folds

"""Sums x and x squared: catastrophic cancellation near 1e9, and it keeps a list."""


def stream_stats(values):
    values = list(values)
    n = len(values)
    if n == 0:
        return (0, 0.0, 0.0)
    total = sum(values)
    squares = sum(v * v for v in values)
    mean = total / n
    var = (squares - n * mean * mean) / (n - 1) if n > 1 else 0.0
    return (n, mean, var)

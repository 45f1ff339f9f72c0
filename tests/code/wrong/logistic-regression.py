"""The naive sigmoid overflows for large |z|."""

import math


def train_logreg(X, y, lr, epochs):
    d = len(X[0]) if X else 0
    w, b = [0.0] * d, 0.0
    for _ in range(epochs):
        dw, db = [0.0] * d, 0.0
        for row, label in zip(X, y):
            p = 1.0 / (1.0 + math.exp(-(b + sum(a * c for a, c in zip(w, row)))))
            db += p - label
            for j in range(d):
                dw[j] += (p - label) * row[j]
        b -= lr * db / len(X)
        w = [wj - lr * g / len(X) for wj, g in zip(w, dw)]
    return [b, *w]

"""Forgets the 1/sqrt(d) scale."""

import math


def attention(Q, K, V, causal):
    out = []
    for i, q in enumerate(Q):
        keys = K[: i + 1] if causal else K
        scores = [sum(a * b for a, b in zip(q, k)) for k in keys]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        out.append([sum(w / total * v[j] for w, v in zip(weights, V)) for j in range(len(V[0]))])
    return out

"""Correct, quadratic: counts each distinct value with list.count."""


def top_k(values, k):
    counts = {v: values.count(v) for v in set(values)}
    return sorted(counts, key=lambda v: (-counts[v], v))[:k]

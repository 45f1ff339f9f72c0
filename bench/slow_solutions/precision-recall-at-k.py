"""Correct, quadratic: looks each item up in the relevant list, not a set."""


def precision_recall_at_k(ranked, relevant, k):
    distinct = []
    for item in relevant:
        if item not in distinct:
            distinct.append(item)
    seen = []
    hits = 0
    for item in ranked[:k]:
        if item in distinct and item not in seen:
            hits += 1
        seen.append(item)
    return (hits / k, hits / len(distinct) if distinct else 0.0)

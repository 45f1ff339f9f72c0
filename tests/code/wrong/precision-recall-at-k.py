"""Divides precision by the number of items returned instead of by k."""


def precision_recall_at_k(ranked, relevant, k):
    wanted = set(relevant)
    top = list(dict.fromkeys(ranked[:k]))
    hits = sum(1 for item in top if item in wanted)
    precision = hits / len(top) if top else 0.0
    return (precision, hits / len(wanted) if wanted else 0.0)

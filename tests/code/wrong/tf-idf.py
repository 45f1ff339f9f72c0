"""Counts document frequency by occurrences, not by documents."""

import math
from collections import Counter


def tfidf(docs):
    df = Counter()
    for doc in docs:
        df.update(doc)
    n = len(docs)
    out = []
    for doc in docs:
        counts = Counter(doc)
        out.append(
            {
                t: c / len(doc) * math.log(n / df[t]) if df[t] <= n else 0.0
                for t, c in counts.items()
            }
        )
    return out

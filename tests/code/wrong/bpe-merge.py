"""Counts each pair once per word, ignoring the word's count."""

from collections import Counter


def bpe_merge(corpus):
    pairs = Counter()
    for tokens, _count in corpus:
        pairs.update(zip(tokens, tokens[1:]))
    if not pairs:
        return [None, [[list(t), c] for t, c in corpus]]
    best = min(pairs, key=lambda p: (-pairs[p], p))
    merged = []
    for tokens, count in corpus:
        out, i = [], 0
        while i < len(tokens):
            if i + 1 < len(tokens) and (tokens[i], tokens[i + 1]) == best:
                out.append(tokens[i] + tokens[i + 1])
                i += 2
            else:
                out.append(tokens[i])
                i += 1
        merged.append([out, count])
    return [list(best), merged]

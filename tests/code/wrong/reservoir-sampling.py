"""Replaces with probability 1/(i+1) instead of k/(i+1): late items are under-sampled."""


def reservoir_sample(stream, k, rng):
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        elif rng.random() < 1 / (i + 1):
            reservoir[rng.randrange(k)] = item
    return reservoir

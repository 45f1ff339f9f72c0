"""Shuffles all rows together, so each class's share drifts."""


def stratified_split(labels, test_size, rng):
    indices = list(range(len(labels)))
    rng.shuffle(indices)
    cut = round(len(indices) * test_size)
    return sorted(indices[cut:]), sorted(indices[:cut])

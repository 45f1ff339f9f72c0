"""Correct, quadratic: an insertion sort with a linear search for each place."""


def time_split(timestamps, test_fraction):
    n = len(timestamps)
    position = int(n * (1 - test_fraction))
    if position >= n:
        return list(range(n)), []
    ordered = []
    for t in timestamps:
        place = 0
        while place < len(ordered) and ordered[place] <= t:
            place += 1
        ordered.insert(place, t)
    cutoff = ordered[position]
    train = [i for i, t in enumerate(timestamps) if t < cutoff]
    return train, [i for i, t in enumerate(timestamps) if t >= cutoff]

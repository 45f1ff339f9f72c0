"""Splits by position in time order, so rows sharing the cutoff time straddle the split."""


def time_split(timestamps, test_fraction):
    order = sorted(range(len(timestamps)), key=timestamps.__getitem__)
    cut = int(len(order) * (1 - test_fraction))
    return sorted(order[:cut]), sorted(order[cut:])

"""Off by one in the search: bisect_left lets a zero-weight index be drawn and skews the rest."""

import bisect
import itertools


class WeightedSampler:
    def __init__(self, weights, rng):
        if any(w < 0 for w in weights):
            raise ValueError("negative weight")
        self.totals = list(itertools.accumulate(weights))
        if not self.totals or self.totals[-1] <= 0:
            raise ValueError("all zero")
        self.rng = rng

    def sample(self):
        point = self.rng.randint(0, int(self.totals[-1]))
        return min(bisect.bisect_left(self.totals, point), len(self.totals) - 1)

"""Direct formula: overflows for large values and takes log(0) for very negative ones."""

import math


def logsumexp(values):
    return math.log(sum(math.exp(v) for v in values))

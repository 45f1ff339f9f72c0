"""Exponentiates the raw logits: overflows at 1000."""

import math


def softmax(logits):
    exps = [math.exp(x) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]

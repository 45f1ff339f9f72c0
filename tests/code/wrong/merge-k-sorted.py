# caught by: scaling
"""Correct, but picks the smallest head by scanning all k lists each time: O(n k)."""


def merge_k(lists):
    positions = [0] * len(lists)
    out = []
    while True:
        best = None
        for i, items in enumerate(lists):
            if positions[i] < len(items) and (
                best is None or items[positions[i]] < lists[best][positions[best]]
            ):
                best = i
        if best is None:
            return out
        out.append(lists[best][positions[best]])
        positions[best] += 1

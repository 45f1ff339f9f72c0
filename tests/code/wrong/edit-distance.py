"""Charges a substitution as two edits (delete plus insert): longest-common-subsequence distance."""


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if ca == cb else 2))
            )
        previous = current
    return previous[-1]

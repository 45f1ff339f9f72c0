"""Correct, quadratic: membership tests on a list."""


def stratified_split(labels, test_size, rng):
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    test = []
    for rows in groups.values():
        rng.shuffle(rows)
        test += rows[: round(len(rows) * test_size)]
    return [i for i in range(len(labels)) if i not in test], sorted(test)

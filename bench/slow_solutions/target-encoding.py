"""Correct, quadratic: scans the training rows again for every test row."""


def target_encode(train_cats, train_y, test_cats, alpha):
    prior = sum(train_y) / len(train_y) if train_y else 0.0
    out = []
    for c in test_cats:
        ys = [y for cat, y in zip(train_cats, train_y) if cat == c]
        out.append((sum(ys) + alpha * prior) / (len(ys) + alpha) if ys else prior)
    return out

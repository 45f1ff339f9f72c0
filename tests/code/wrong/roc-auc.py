"""Ignores ties: a tied positive and negative count as wrongly ordered."""


def roc_auc(labels, scores):
    pos = [s for s, lab in zip(scores, labels) if lab == 1]
    neg = [s for s, lab in zip(scores, labels) if lab == 0]
    if not pos or not neg:
        raise ValueError("need both classes")
    ordered = sorted(zip(scores, labels))
    negatives_below = 0
    correct = 0
    for score, label in ordered:
        if label == 0:
            negatives_below += 1
        else:
            correct += negatives_below
    return correct / (len(pos) * len(neg))

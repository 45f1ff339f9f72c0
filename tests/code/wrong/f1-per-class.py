"""Leaves out classes that appear only in the predictions."""

from collections import Counter


def classification_report(y_true, y_pred):
    report = {}
    true_counts, pred_counts = Counter(y_true), Counter(y_pred)
    for label in true_counts:
        hits = sum(1 for t, p in zip(y_true, y_pred) if t == p == label)
        p = hits / pred_counts[label] if pred_counts[label] else 0.0
        r = hits / true_counts[label]
        report[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    f1s = [v["f1"] for v in report.values()]
    report["macro_f1"] = sum(f1s) / len(f1s) if f1s else 0.0
    return report

"""Compares with every higher-scored box, kept or not, so boxes are over-suppressed."""


def iou(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def nms(boxes, scores, threshold):
    order = sorted(range(len(boxes)), key=lambda i: (-scores[i], i))
    return [
        i
        for n, i in enumerate(order)
        if all(iou(boxes[i], boxes[j]) <= threshold for j in order[:n])
    ]

"""Moves an empty cluster's centroid to the origin instead of leaving it in place."""


def kmeans(points, init, iters):
    centroids = [list(map(float, points[i])) for i in init]
    for _ in range(iters):
        groups = [[] for _ in centroids]
        for x, y in points:
            distances = [(x - cx) ** 2 + (y - cy) ** 2 for cx, cy in centroids]
            groups[distances.index(min(distances))].append((x, y))
        centroids = [
            [sum(p[0] for p in g) / len(g), sum(p[1] for p in g) / len(g)] if g else [0.0, 0.0]
            for g in groups
        ]
    return centroids

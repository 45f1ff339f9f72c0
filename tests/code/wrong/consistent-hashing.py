"""Does not wrap around: a key hashed past the last point gets None."""

import bisect
import hashlib


def h(text):
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16)


class HashRing:
    def __init__(self, replicas):
        self.replicas = replicas
        self.points = []
        self.nodes = set()

    def add(self, node):
        if node in self.nodes:
            return
        self.nodes.add(node)
        for i in range(self.replicas):
            bisect.insort(self.points, (h(f"{node}#{i}"), node))

    def remove(self, node):
        self.nodes.discard(node)
        self.points = [p for p in self.points if p[1] != node]

    def get(self, key):
        index = bisect.bisect_left(self.points, (h(key), ""))
        return self.points[index][1] if index < len(self.points) else None

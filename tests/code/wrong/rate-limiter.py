"""A fixed window: counts reset at multiples of the window, letting bursts through."""


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.counts = {}

    def allow(self, client, t):
        key = (client, int(t // self.window))
        if self.counts.get(key, 0) < self.limit:
            self.counts[key] = self.counts.get(key, 0) + 1
            return True
        return False

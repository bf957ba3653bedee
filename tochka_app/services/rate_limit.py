"""An in-process sliding-window rate limiter (per key, e.g. a client address).

In-process means per backend worker: with N workers an address gets up to N times the limit. That
is enough to stop one source from flooding a worker (every request it lets through still costs a
database row); a shared Redis counter would be the upgrade for large deployments.
"""

import threading
import time
from collections import deque


class RateLimiter:
    def __init__(self, limit: int, window_s: float, max_keys: int = 50_000, clock=time.monotonic):
        self.limit, self.window_s, self.max_keys, self._clock = limit, window_s, max_keys, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one request for `key`; False when it is over the limit (not counted then)."""
        now = self._clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self.max_keys:
                    self._prune(now)
                hits = self._hits[key] = deque()
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def _prune(self, now: float) -> None:
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window_s]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:  # a flood of distinct keys: start over
            self._hits.clear()

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

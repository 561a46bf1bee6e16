"""What the worker is doing, for health checks answered while it works: requests waiting,
how long the current one has run, how many are done. Busy and stuck look alike from outside
unless these move; the reader thread reads them while the worker updates them, hence the lock."""

from __future__ import annotations

import threading
import time


class Progress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queued = 0
        self._busy_since: float | None = None
        self._done = 0

    def enqueued(self) -> None:
        with self._lock:
            self._queued += 1

    def started(self) -> None:
        with self._lock:
            self._queued -= 1
            self._busy_since = time.monotonic()

    def finished(self) -> None:
        with self._lock:
            self._busy_since = None
            self._done += 1

    def snapshot(self) -> dict[str, int | float]:
        """`queued`: requests waiting to start; `busy_s`: seconds the current one has run (0 when
        idle); `requests_done`: requests the worker has answered since start."""
        with self._lock:
            busy = 0.0 if self._busy_since is None else time.monotonic() - self._busy_since
            return {"queued": self._queued, "busy_s": round(busy, 3), "requests_done": self._done}

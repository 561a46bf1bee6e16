"""Lines of a file descriptor, read with os.read.

Not sys.stdin.buffer: the reader thread is a daemon still blocked in a read when the process
exits, and a daemon thread holding a buffered reader's lock at interpreter shutdown can abort
the exit ("could not acquire lock ... at interpreter shutdown"). os.read holds no Python lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

_CHUNK = 1 << 16


def read_lines(fd: int) -> Iterator[bytes]:
    """Each line with its newline; a last line without one is yielded too. Ends at end of input."""
    pending = bytearray()
    scanned = 0  # bytes of `pending` known to hold no newline: long lines are not rescanned
    while True:
        try:
            chunk = os.read(fd, _CHUNK)
        except OSError:
            break  # a closed or broken stdin ends the input like EOF
        if not chunk:
            break
        pending += chunk
        start = 0
        while (newline := pending.find(b"\n", max(start, scanned))) != -1:
            yield bytes(pending[start : newline + 1])
            start = newline + 1
        del pending[:start]
        scanned = len(pending)
    if pending:
        yield bytes(pending)

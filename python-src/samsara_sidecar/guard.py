"""Bounds on what one request may cost, whatever the rules file says (issue 20).

A workspace's rules file is untrusted input: a token pattern with many optional operators
grows the Matcher's work exponentially, one repeating operator on a broad condition
quadratically, and a REGEX predicate can backtrack for minutes. The static bounds in
entity_ruler.py refuse the worst shapes; what is left is caught here at run time:

- an address-space limit (RLIMIT_AS) makes a runaway allocation fail with MemoryError
  inside the request, instead of taking the machine (and then the sidecar) down;
- a per-request deadline (SIGALRM, main thread only) interrupts a backtracking regex: the
  regex engine checks for signals while it matches, so the handler's exception lands there.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

log = logging.getLogger(__name__)

# Address space the sidecar may reserve. spaCy with the small English model reserves ~1-2 GiB
# (thread arenas and mapped files count, not only what is resident); the cap leaves room for
# large documents and stops the runaway matches the issue measured at 3 to 21 GB.
DEFAULT_MEMORY_LIMIT_MB: Final = 4096
# Seconds one analysis may take while cost-bearing patterns are in effect, plus per character.
DEFAULT_DEADLINE_S: Final = 20.0
DEADLINE_S_PER_CHAR: Final = 1 / 20_000


class DeadlineExceeded(Exception):
    """An analysis ran past its deadline (raised from the SIGALRM handler)."""


def set_memory_limit(limit_mb: int) -> int | None:
    """Caps the address space at `limit_mb` MiB (0: no cap) and returns the cap in bytes, or None
    when none was set (0, or a platform without RLIMIT_AS). A lower hard limit is kept."""
    if limit_mb <= 0 or not hasattr(resource, "RLIMIT_AS"):
        return None
    wanted = limit_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError) as exc:  # a limit below what is already mapped
        log.warning("could not limit the address space to %d MiB: %s", limit_mb, exc)
        return None
    log.info("address space limited to %d MiB", cap // (1024 * 1024))
    return cap


def deadline_for(chars: int, base_s: float = DEFAULT_DEADLINE_S) -> float:
    """The deadline of an analysis of `chars` characters: longer texts get proportionally longer."""
    return base_s + chars * DEADLINE_S_PER_CHAR


def _raise_deadline(signum: int, frame: object) -> None:
    raise DeadlineExceeded()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raises DeadlineExceeded in the block once `seconds` have passed. No-op when `seconds` is
    None or off the main thread (signals are delivered only there), so tests driving the loop
    from another thread still work, unguarded."""
    if seconds is None or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_deadline)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def env_number(name: str, default: float) -> float:
    """A non-negative number from the environment, else `default`."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default

"""Shared fixtures: sidecars started once per module (a model load takes seconds)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest
from sidecar_process import PYTHON_SRC, Sidecar, unbundled_command, unbundled_env

# The tests import samsara_sidecar's pure modules directly, whatever the caller's cwd.
if str(PYTHON_SRC) not in sys.path:
    sys.path.insert(0, str(PYTHON_SRC))

Spawn = Callable[[list[str], dict[str, str]], Sidecar]


@pytest.fixture(scope="module")
def sidecar() -> Iterator[Sidecar]:
    """An unbundled sidecar (python -m samsara_sidecar) with the default model, ready."""
    process = Sidecar(unbundled_command(), unbundled_env())
    process.wait_loaded()
    yield process
    process.stop()


@pytest.fixture()
def spawn() -> Iterator[Spawn]:
    """Start sidecars that the test owns; teardown kills any still alive."""
    started: list[Sidecar] = []

    def start(command: list[str], env: dict[str, str]) -> Sidecar:
        process = Sidecar(command, env)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()

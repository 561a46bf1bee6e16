"""The sidecar never outlives its parent, even when the parent dies without closing stdin."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from sidecar_process import BUNDLE_EXE, Sidecar, unbundled_command, unbundled_env, wait_for


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has exited already
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
@pytest.mark.parametrize("kind", ["unbundled", "bundle"])
def test_sidecar_dies_with_its_parent(kind: str) -> None:
    command = [str(BUNDLE_EXE)] if kind == "bundle" else unbundled_command()
    env = unbundled_env()
    # sh is the parent. It hands the sidecar our stdin pipe (fd 3) explicitly, since a background
    # job's stdin would otherwise be /dev/null; we keep the pipe open, so no EOF will come.
    shell = Sidecar(["sh", "-c", 'exec 3<&0; "$@" <&3 & wait', "sh", *command], env)
    try:
        loaded = shell.wait_loaded()
        pid = loaded["pid"]
        assert pid != shell.proc.pid and alive(pid)
        os.kill(shell.proc.pid, signal.SIGKILL)
        shell.proc.wait(timeout=30)
        wait_for(lambda: not alive(pid), 30, f"sidecar {pid} to exit after its parent died")
    finally:
        leftover = int(shell.loaded.get("pid", 0))
        if leftover and alive(leftover):
            os.kill(leftover, signal.SIGKILL)
        shell.stop()

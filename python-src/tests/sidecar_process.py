"""Drive a sidecar process over stdio from tests: every wait has a deadline, none sleeps."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PYTHON_SRC = Path(__file__).resolve().parent.parent
REPO = PYTHON_SRC.parent
BUNDLE_EXE = REPO / "python-dist" / "samsara-sidecar" / ("samsara-sidecar.exe" if os.name == "nt" else "samsara-sidecar")

START_TIMEOUT_S = 60.0  # a cold start on a loaded 2-core machine, far above the usual ~2 s
REPLY_TIMEOUT_S = 30.0

Json = dict[str, Any]


def unbundled_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "samsara_sidecar", *args]


def unbundled_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PYTHON_SRC)
    env.update(extra)
    return env


def wait_for(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll `predicate` until true; fail with `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    delay = 0.005
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")
        time.sleep(delay)  # a poll interval, not a fixed wait: the loop ends as soon as it can
        delay = min(delay * 2, 0.1)


class Sidecar:
    """A started sidecar. stdout lines are read on a thread into a queue; stderr is kept."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        self.stderr = bytearray()
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        threading.Thread(target=self._pump_stderr, daemon=True).start()
        self._next_id = 0
        self.loaded: Json = {}  # the model_loaded line, once wait_loaded() saw it

    def _pump_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _pump_stderr(self) -> None:
        assert self.proc.stderr is not None
        for chunk in iter(lambda: self.proc.stderr.read1(65536), b""):  # type: ignore[union-attr]
            self.stderr.extend(chunk)

    def read(self, timeout_s: float = REPLY_TIMEOUT_S) -> Json:
        """The next stdout line as JSON. Every stdout line must be one JSON object."""
        try:
            line = self.lines.get(timeout=timeout_s)
        except queue.Empty:
            raise AssertionError(f"no line within {timeout_s}s; stderr:\n{self.stderr_text()}") from None
        if line is None:
            raise AssertionError(f"stdout closed (exit {self.proc.poll()}); stderr:\n{self.stderr_text()}")
        value = json.loads(line)
        assert isinstance(value, dict), line
        return value

    def wait_loaded(self) -> Json:
        assert self.read(START_TIMEOUT_S) == {"status": "loading_model"}
        loaded = self.read(START_TIMEOUT_S)
        assert loaded.get("status") == "model_loaded", loaded
        self.loaded = loaded
        return loaded

    def send_raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, request: Json) -> None:
        self.send_raw(json.dumps(request).encode("utf-8") + b"\n")

    def request(self, action: str, **fields: Any) -> Json:
        self._next_id += 1
        request_id = f"r{self._next_id}"
        self.send({"id": request_id, "action": action, **fields})
        response = self.read()
        assert response.get("id") == request_id, response
        return response

    def close_stdin(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()

    def wait_exit(self, timeout_s: float = REPLY_TIMEOUT_S) -> int:
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"sidecar still running after {timeout_s}s") from None

    def stderr_text(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=REPLY_TIMEOUT_S)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def utf16_offset(text: str, index: int) -> int:
    """Code point index -> UTF-16 code unit index, computed independently of the sidecar."""
    return len(text[:index].encode("utf-16-le")) // 2


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le", "surrogatepass")[2 * start : 2 * end].decode("utf-16-le", "surrogatepass")

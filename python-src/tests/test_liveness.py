"""A busy sidecar is not a hung one: health checks are answered while a long analysis runs,
and say how much work is waiting and for how long the current request has run."""

from __future__ import annotations

import json
import os
import threading

from conftest import Spawn
from samsara_sidecar.stdin_lines import read_lines
from sidecar_process import Json, Sidecar, unbundled_command, unbundled_env

PARAGRAPH = "Ada Lovelace met Charles Babbage in London on 5 June 1833, and Apple later paid $40 million in Paris.\n\n"


def large_text(size: int) -> str:
    """About `size` characters of prose dense with entities: seconds of work for spaCy."""
    return "".join(f"Part {n}. {PARAGRAPH}" for n in range(size // (len(PARAGRAPH) + 10)))


def send(process: Sidecar, request_id: str, action: str, **fields: object) -> None:
    process.send({"id": request_id, "action": action, **fields})


def health(process: Sidecar, request_id: str) -> Json:
    send(process, request_id, "health_check")
    answer = process.read()
    # The health answer comes before the long analysis sent earlier is answered.
    assert answer["id"] == request_id, f"expected health answer {request_id}, got {answer.get('id')}"
    return answer["data"]


def test_health_check_is_answered_during_a_long_analysis(sidecar: Sidecar) -> None:
    before = sidecar.request("health_check")["data"]
    assert (before["queued"], before["busy_s"]) == (0, 0)
    text = large_text(300_000)
    send(sidecar, "long", "analyze", text=text)
    send(sidecar, "after", "analyze", text="Tim Cook visited Berlin.")
    # Both analyses were read before this health check: one at least is still waiting.
    first = health(sidecar, "h0")
    assert first["status"] == "healthy"
    assert first["queued"] >= 1
    assert first["requests_done"] == before["requests_done"]
    # Poll until the long analysis is seen running; every answer until then is a health answer.
    polls = 0
    while True:
        polls += 1
        data = health(sidecar, f"h{polls}")
        if data["busy_s"] > 0:
            break
    assert data["queued"] == 1  # "after" waits behind "long"
    long_answer = sidecar.read()
    assert long_answer["id"] == "long" and long_answer["success"] is True
    entities = long_answer["data"]["results"][0]["entities"]
    assert len(entities) > 1000 and entities[-1]["end"] <= len(text)
    assert sidecar.read()["id"] == "after"  # work is answered in arrival order
    after = sidecar.request("health_check")["data"]
    assert (after["queued"], after["busy_s"]) == (0, 0)
    assert after["requests_done"] == before["requests_done"] + 2


def test_shutdown_is_answered_after_the_work_queued_before_it(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env())
    process.wait_loaded()
    send(process, "a", "analyze", text=large_text(20_000))
    send(process, "s", "shutdown")
    send(process, "late", "health_check")  # after shutdown: never served
    assert process.read()["id"] == "a"
    assert process.read() == {"id": "s", "success": True, "data": {"status": "shutting_down"}}
    assert process.wait_exit() == 0
    assert process.lines.get(timeout=30) is None  # nothing after the shutdown answer


def test_end_of_input_finishes_the_queued_work_then_exits_zero(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env())
    process.wait_loaded()
    send(process, "a", "analyze", text=large_text(20_000))
    send(process, "b", "analyze", text="Barack Obama visited Berlin.")
    process.close_stdin()
    assert process.read()["id"] == "a"
    assert process.read()["id"] == "b"
    assert process.wait_exit() == 0


def test_read_lines_splits_chunks_into_whole_lines() -> None:
    read_fd, write_fd = os.pipe()
    long_line = json.dumps({"id": "x", "text": "y" * 200_000}).encode() + b"\n"  # several reads long
    payload = b'{"a":1}\n\n' + long_line + b"last without newline"

    def write() -> None:
        with os.fdopen(write_fd, "wb") as pipe:
            for start in range(0, len(payload), 7000):
                pipe.write(payload[start : start + 7000])
                pipe.flush()

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_fd, "rb") as pipe:
        lines = list(read_lines(pipe.fileno()))
    writer.join()
    assert lines == [b'{"a":1}\n', b"\n", long_line, b"last without newline"]

"""Bad input never kills the sidecar: each line gets its answer and the next one is served."""

from __future__ import annotations

import json

import pytest
from conftest import Spawn
from sidecar_process import Sidecar, unbundled_command, unbundled_env, utf16_slice


def assert_still_serving(sidecar: Sidecar) -> None:
    assert sidecar.request("health_check")["data"]["status"] == "healthy"


@pytest.mark.parametrize(
    ("line", "code", "request_id"),
    [
        (b"this is not json", "INVALID_JSON", None),
        (b'{"id": "t", "action": ', "INVALID_JSON", None),
        (b"\xc3\x28 invalid utf-8", "INVALID_JSON", None),
        (b'{"id":"t","action":"analyze","text":"raw\x00nul"}', "INVALID_JSON", None),
        (b"42", "INVALID_REQUEST", None),
        (b"null", "INVALID_REQUEST", None),
        (b'{"action":"health_check"}', "INVALID_REQUEST", None),
        (b'{"id":1,"action":"health_check"}', "INVALID_REQUEST", None),
        (b'{"id":"t"}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":["analyze"]}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":"translate"}', "UNKNOWN_ACTION", "t"),
        (b'{"id":"t","action":"analyze"}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":"analyze","text":5}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":"analyze","texts":[null]}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":"analyze","texts":{"a":"b"}}', "INVALID_REQUEST", "t"),
        (b'{"id":"t","action":"analyze","text":"a","texts":["a"]}', "INVALID_REQUEST", "t"),
    ],
)
def test_bad_line_gets_a_structured_error(sidecar: Sidecar, line: bytes, code: str, request_id: str | None) -> None:
    sidecar.send_raw(line + b"\n")
    response = sidecar.read()
    assert response["success"] is False
    assert response["id"] == request_id
    assert response["error"]["code"] == code
    assert isinstance(response["error"]["message"], str) and response["error"]["message"]
    assert_still_serving(sidecar)


def test_blank_lines_are_skipped(sidecar: Sidecar) -> None:
    sidecar.send_raw(b"\n   \n")
    assert_still_serving(sidecar)  # the next line read is the health check's answer


def test_empty_text_has_no_entities(sidecar: Sidecar) -> None:
    for text in ["", "   ", "\n\n"]:
        assert sidecar.request("analyze", text=text)["data"] == {"results": [{"entities": []}], "rules": None}


def test_escaped_nul_byte_is_analysed(sidecar: Sidecar) -> None:
    text = "\u0000Barack Obama\u0000 visited Berlin."
    response = sidecar.request("analyze", text=text)
    assert response["success"] is True
    for entity in response["data"]["results"][0]["entities"]:
        assert utf16_slice(text, entity["start"], entity["end"]) == entity["text"]
    assert "Berlin" in {entity["text"] for entity in response["data"]["results"][0]["entities"]}


def test_lone_surrogates_are_analysed_with_exact_offsets(sidecar: Sidecar) -> None:
    # JSON "\ud800" is a lone surrogate: legal JSON, one UTF-16 code unit, not valid UTF-8.
    line = b'{"id":"s","action":"analyze","text":"\\ud800 Barack Obama visited \\udfff Berlin. \\ud83d\\ude80 Paris"}\n'
    sidecar.send_raw(line)
    raw = sidecar.lines.get(timeout=30)
    assert raw is not None
    raw.decode("ascii")  # the answer line stays encodable: surrogates travel escaped
    response = json.loads(raw)
    text = json.loads(line)["text"]
    assert response["success"] is True
    entities = response["data"]["results"][0]["entities"]
    by_text = {entity["text"]: entity for entity in entities}
    assert by_text["Berlin"]["label"] == "GPE"
    for entity in entities:
        assert utf16_slice(text, entity["start"], entity["end"]) == entity["text"]
    assert by_text["Paris"]["start"] == text.index("Paris") + 1  # after the escaped pair (one emoji)
    assert_still_serving(sidecar)


def test_long_text_is_split_not_refused(spawn: Spawn) -> None:
    # max_length lowered to 300 so the split path runs on a few KB instead of a megabyte.
    process = spawn(unbundled_command("--max-length", "300"), unbundled_env())
    process.wait_loaded()
    paragraph = "On 5 June 2020 Barack Obama visited Berlin with 🚀 Angela Merkel.\n\n"
    text = paragraph * 40 + "x" * 700 + " Paris is in France."
    assert len(text) > 10 * 300
    response = process.request("analyze", text=text)
    assert response["success"] is True
    entities = response["data"]["results"][0]["entities"]
    for entity in entities:
        assert utf16_slice(text, entity["start"], entity["end"]) == entity["text"]
    assert sum(1 for entity in entities if entity["text"] == "Barack Obama" and entity["label"] == "PERSON") == 40
    assert sum(1 for entity in entities if entity["text"] == "Berlin") == 40
    # the 40th Berlin is 39 paragraphs (each with one emoji = 2 code units) after the first
    berlins = [entity["start"] for entity in entities if entity["text"] == "Berlin"]
    assert berlins[-1] - berlins[0] == 39 * (len(paragraph) + 1)
    assert "France" in {entity["text"] for entity in entities}
    # a second, over-long text in the same batch is split on its own
    batch = process.request("analyze", texts=["Tim Cook runs Apple.", text])
    assert batch["data"]["results"][1] == response["data"]["results"][0]
    assert ("PERSON", "Tim Cook") in {(e["label"], e["text"]) for e in batch["data"]["results"][0]["entities"]}

"""The pure parts, driven directly: request validation, line encoding, splitting, offsets."""

from __future__ import annotations

import json

import pytest
from samsara_sidecar import protocol
from samsara_sidecar.analyzer import Utf16Offsets, split_text
from sidecar_process import utf16_offset


def parse(line: str) -> protocol.Request:
    return protocol.parse_request(protocol.decode_line(line.encode("utf-8")))


def error_of(line: bytes) -> protocol.ProtocolError:
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.parse_request(protocol.decode_line(line))
    return caught.value


def test_valid_requests_parse_to_their_types() -> None:
    assert parse('{"id":"a","action":"health_check"}') == protocol.HealthCheckRequest("a")
    assert parse('{"id":"b","action":"shutdown","extra":1}') == protocol.ShutdownRequest("b")
    assert parse('{"id":"c","action":"analyze","text":"x"}') == protocol.AnalyzeRequest("c", ["x"])
    assert parse('{"id":"d","action":"analyze","texts":["x","y"]}') == protocol.AnalyzeRequest("d", ["x", "y"])


@pytest.mark.parametrize(
    ("line", "code", "request_id", "needle"),
    [
        (b"not json", protocol.INVALID_JSON, None, "not JSON"),
        (b"\xff\xfe{}", protocol.INVALID_JSON, None, "UTF-8"),
        (b'"a string"', protocol.INVALID_REQUEST, None, "got string"),
        (b"[1,2]", protocol.INVALID_REQUEST, None, "got array"),
        (b'{"action":"health_check"}', protocol.INVALID_REQUEST, None, '"id" must be a string, got missing'),
        (b'{"id":7,"action":"health_check"}', protocol.INVALID_REQUEST, None, "got a number"),
        (b'{"id":"x"}', protocol.INVALID_REQUEST, "x", '"action" must be a string, got missing'),
        (b'{"id":"x","action":3}', protocol.INVALID_REQUEST, "x", "got a number"),
        (b'{"id":"x","action":"fly"}', protocol.UNKNOWN_ACTION, "x", '"fly"'),
        (b'{"id":"x","action":"analyze"}', protocol.INVALID_REQUEST, "x", "exactly one of"),
        (b'{"id":"x","action":"analyze","text":"a","texts":["b"]}', protocol.INVALID_REQUEST, "x", "exactly one of"),
        (b'{"id":"x","action":"analyze","text":null}', protocol.INVALID_REQUEST, "x", "got a null"),
        (b'{"id":"x","action":"analyze","texts":"a"}', protocol.INVALID_REQUEST, "x", "array of strings"),
        (b'{"id":"x","action":"analyze","texts":["a",2]}', protocol.INVALID_REQUEST, "x", "texts[1]"),
        (b'{"id":"x","action":"analyze","text":"a\x00b"}', protocol.INVALID_JSON, None, "not JSON"),
    ],
)
def test_bad_requests_raise_structured_errors(line: bytes, code: str, request_id: str | None, needle: str) -> None:
    error = error_of(line)
    assert (error.code, error.request_id) == (code, request_id)
    assert needle in error.message


def test_encode_is_one_ascii_line_even_with_lone_surrogates() -> None:
    line = protocol.encode(protocol.success("i", {"text": "\ud800 é 🚀"}))
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    line.decode("ascii")  # raises if not ASCII
    assert json.loads(line)["data"]["text"] == "\ud800 é 🚀"


def test_split_text_keeps_every_character_and_the_limit() -> None:
    text = ("Ada Lovelace met Charles Babbage in London.\n\n" * 40) + "x" * 500 + " tail"
    pieces = list(split_text(text, 100))
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert len(piece) <= 100
        assert text[offset : offset + len(piece)] == piece
    # cut after paragraph breaks where there are some, not inside the sentences
    assert all(piece.endswith("\n\n") for _, piece in pieces[:5])


def test_split_text_without_whitespace_cuts_hard() -> None:
    assert [piece for _, piece in split_text("abcdefghij", 4)] == ["abcd", "efgh", "ij"]
    assert list(split_text("", 4)) == [(0, "")]


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "🚀 a 😀😀 b é c"
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        assert offsets(index) == utf16_offset(text, index)
    assert Utf16Offsets("plain")(3) == 3

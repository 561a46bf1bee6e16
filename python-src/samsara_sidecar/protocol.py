"""Request validation and response building for protocol version 1.

Plain typed code on purpose: the sidecar must start fast and stay small, and the request
shapes are few. Every function here is pure (no I/O) so the tests can drive it directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from .entity_rules import EntityRules

# Error codes (mirrors SidecarErrorCodes in server/src/protocol/sidecar.ts).
INVALID_JSON: Final = "INVALID_JSON"
INVALID_REQUEST: Final = "INVALID_REQUEST"
UNKNOWN_ACTION: Final = "UNKNOWN_ACTION"
INTERNAL_ERROR: Final = "INTERNAL_ERROR"
MODEL_LOAD_FAILED: Final = "MODEL_LOAD_FAILED"
# An analysis failed because of the entity rules' costly patterns (now disabled); see guard.py.
RULES_TOO_COSTLY: Final = "RULES_TOO_COSTLY"

ACTIONS: Final = ("health_check", "analyze", "set_entity_rules", "shutdown")

JsonObject = dict[str, Any]


class ProtocolError(Exception):
    """A request that cannot be served; `request_id` is echoed when it could be read."""

    def __init__(self, code: str, message: str, request_id: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id


@dataclass(frozen=True)
class HealthCheckRequest:
    id: str


@dataclass(frozen=True)
class ShutdownRequest:
    id: str


@dataclass(frozen=True)
class AnalyzeRequest:
    id: str
    texts: list[str]


@dataclass(frozen=True)
class SetEntityRulesRequest:
    id: str
    rules: EntityRules


Request = HealthCheckRequest | AnalyzeRequest | SetEntityRulesRequest | ShutdownRequest


def decode_line(raw: bytes) -> JsonObject:
    """Bytes of one input line -> a JSON object, or ProtocolError(INVALID_JSON / INVALID_REQUEST)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(INVALID_JSON, f"line is not valid UTF-8: {exc.reason} at byte {exc.start}") from None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ProtocolError(INVALID_JSON, f"line is not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(value, dict):
        raise ProtocolError(INVALID_REQUEST, f"a request must be a JSON object, got {_json_type(value)}")
    return value


def parse_request(obj: JsonObject) -> Request:
    """Validate a decoded object as a request. Unknown extra fields are ignored (forward compatible)."""
    raw_id = obj.get("id")
    if not isinstance(raw_id, str):
        what = "missing" if "id" not in obj else f"a {_json_type(raw_id)}"
        raise ProtocolError(INVALID_REQUEST, f'"id" must be a string, got {what}')
    request_id = raw_id
    action = obj.get("action")
    if not isinstance(action, str):
        what = "missing" if "action" not in obj else f"a {_json_type(action)}"
        raise ProtocolError(INVALID_REQUEST, f'"action" must be a string, got {what}', request_id)
    if action == "health_check":
        return HealthCheckRequest(request_id)
    if action == "shutdown":
        return ShutdownRequest(request_id)
    if action == "analyze":
        return AnalyzeRequest(request_id, _analyze_texts(obj, request_id))
    if action == "set_entity_rules":
        return SetEntityRulesRequest(request_id, _entity_rules(obj, request_id))
    raise ProtocolError(UNKNOWN_ACTION, f'unknown action "{action}"; expected one of {", ".join(ACTIONS)}', request_id)


def _analyze_texts(obj: JsonObject, request_id: str) -> list[str]:
    has_text, has_texts = "text" in obj, "texts" in obj
    if has_text == has_texts:
        raise ProtocolError(INVALID_REQUEST, 'analyze needs exactly one of "text" (string) or "texts" (array of strings)', request_id)
    if has_text:
        text = obj["text"]
        if not isinstance(text, str):
            raise ProtocolError(INVALID_REQUEST, f'"text" must be a string, got a {_json_type(text)}', request_id)
        return [text]
    texts = obj["texts"]
    if not isinstance(texts, list):
        raise ProtocolError(INVALID_REQUEST, f'"texts" must be an array of strings, got a {_json_type(texts)}', request_id)
    for index, item in enumerate(texts):
        if not isinstance(item, str):
            raise ProtocolError(INVALID_REQUEST, f'"texts[{index}]" must be a string, got a {_json_type(item)}', request_id)
    return texts


def _entity_rules(obj: JsonObject, request_id: str) -> EntityRules:
    """The request's shape only: a bad `known` entry is not an error but a problem in the answer."""
    known = obj.get("known")
    if not isinstance(known, list):
        what = "missing" if "known" not in obj else f"a {_json_type(known)}"
        raise ProtocolError(INVALID_REQUEST, f'"known" must be an array of entries, got {what}', request_id)
    ignore = obj.get("ignore", {})
    if not isinstance(ignore, dict):
        raise ProtocolError(INVALID_REQUEST, f'"ignore" must be an object {{texts, labels}}, got a {_json_type(ignore)}', request_id)
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("texts", "labels"):
        values = ignore.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise ProtocolError(INVALID_REQUEST, f'"ignore.{key}" must be an array of strings', request_id)
        lists[key] = tuple(values)
    return EntityRules(tuple(known), lists["texts"], lists["labels"])


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def success(request_id: str, data: JsonObject) -> JsonObject:
    return {"id": request_id, "success": True, "data": data}


def failure(request_id: str | None, code: str, message: str) -> JsonObject:
    return {"id": request_id, "success": False, "error": {"code": code, "message": message}}


def status_loading() -> JsonObject:
    return {"status": "loading_model"}


def status_loaded(protocol: int, model: str, model_version: str, spacy_version: str, pid: int, labels: dict[str, str]) -> JsonObject:
    """The handshake: the model is loaded and requests are served. `spacy_version` is the spaCy
    this program carries: the server checks a pipeline's spaCy range against it before installing."""
    return {
        "status": "model_loaded",
        "protocol": protocol,
        "model": model,
        "model_version": model_version,
        "spacy_version": spacy_version,
        "pid": pid,
        "labels": labels,
    }


def status_error(code: str, message: str) -> JsonObject:
    return {"status": "error", "error": {"code": code, "message": message}}


def encode(message: JsonObject) -> bytes:
    """One protocol line. ASCII-only JSON: lone surrogates from the input (legal in a JSON
    string, not encodable as UTF-8) survive as \\uXXXX escapes instead of breaking the line."""
    return (json.dumps(message, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")

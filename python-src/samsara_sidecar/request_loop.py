"""The request loop: one JSON line in, one JSON line out, until shutdown or end of input."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import BinaryIO

import spacy

from . import protocol
from .analyzer import DEFAULT_VOCAB_CAP, Analyzer
from .model_loader import LoadedModel, is_frozen
from .process_info import rss_bytes

log = logging.getLogger(__name__)


class Sidecar:
    def __init__(self, model: LoadedModel, out: BinaryIO, vocab_cap: int = DEFAULT_VOCAB_CAP) -> None:
        self.model = model
        self.analyzer = Analyzer(model.nlp, vocab_cap)
        self.out = out
        self.started = time.monotonic()

    def send(self, message: protocol.JsonObject) -> None:
        self.out.write(protocol.encode(message))
        self.out.flush()

    def serve(self, lines: Iterable[bytes]) -> None:
        """Answer every line; return on `shutdown` or when the input ends."""
        for raw in lines:
            if not raw.strip():
                continue  # a blank line is not a request; answering it would confuse callers
            response, stop = self.handle(raw)
            self.send(response)
            if stop:
                log.info("shutdown requested")
                return
        log.info("stdin closed; exiting")

    def handle(self, raw: bytes) -> tuple[protocol.JsonObject, bool]:
        """-> (response, whether to stop). Never raises: a failure is an error response."""
        request_id: str | None = None
        try:
            obj = protocol.decode_line(raw)
            if isinstance(obj.get("id"), str):
                request_id = obj["id"]
            request = protocol.parse_request(obj)
            if isinstance(request, protocol.HealthCheckRequest):
                return protocol.success(request.id, self.health()), False
            if isinstance(request, protocol.ShutdownRequest):
                return protocol.success(request.id, {"status": "shutting_down"}), True
            results = self.analyzer.analyze(request.texts)
            data = {"results": [{"entities": [entity.to_json() for entity in entities]} for entities in results]}
            return protocol.success(request.id, data), False
        except protocol.ProtocolError as exc:
            log.warning("bad request (%s): %s", exc.code, exc.message)
            return protocol.failure(exc.request_id, exc.code, exc.message), False
        except Exception as exc:  # the loop must survive anything one request does
            log.exception("request %s failed", request_id)
            return protocol.failure(request_id, protocol.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"), False

    def health(self) -> protocol.JsonObject:
        prov = self.model.provenance
        return {
            "status": "healthy",
            "model": prov.name,
            "model_version": prov.version,
            "model_source": prov.source,
            "spacy_version": spacy.__version__,
            "frozen": is_frozen(),
            "uptime_s": round(time.monotonic() - self.started, 3),
            "rss_bytes": rss_bytes(),
            "pipeline": list(self.model.nlp.pipe_names),
        }

"""The request loop. A reader thread reads stdin and answers at once what needs no model (health
checks, lines that are not valid requests); the calling thread does the work (analyze,
set_entity_rules, and shutdown after them) in arrival order from a queue. So a health check is
answered while a long analysis runs, and the server can tell a busy sidecar from a hung one."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterable
from typing import BinaryIO

from spacy.about import __version__ as spacy_version

from . import protocol
from .analyzer import DEFAULT_VOCAB_CAP, Analyzer, Entity
from .entity_ruler import AppliedEntityRules
from .guard import DEFAULT_DEADLINE_S, DeadlineExceeded, deadline, deadline_for
from .model_loader import LoadedModel, is_frozen
from .process_info import rss_bytes
from .progress import Progress

log = logging.getLogger(__name__)

# Queued after the last request when the input ends: the worker finishes what came before, then returns.
_END_OF_INPUT = None
WorkItem = protocol.Request | None


class Sidecar:
    def __init__(
        self, model: LoadedModel, out: BinaryIO, vocab_cap: int = DEFAULT_VOCAB_CAP, deadline_s: float = DEFAULT_DEADLINE_S
    ) -> None:
        self.model = model
        self.analyzer = Analyzer(model.nlp, vocab_cap)
        self.rules = AppliedEntityRules(model.nlp, self.analyzer)
        # The component names, for health checks: read by the reader thread, so never the live
        # pipeline list that set_entity_rules changes on the worker.
        self._pipe_names = tuple(model.nlp.pipe_names)
        self.out = out
        self.started = time.monotonic()
        self.deadline_s = deadline_s
        self.progress = Progress()
        self._work: queue.Queue[WorkItem] = queue.Queue()
        # Both threads write answers: one lock keeps every line whole.
        self._out_lock = threading.Lock()

    def send(self, message: protocol.JsonObject) -> None:
        line = protocol.encode(message)
        with self._out_lock:
            self.out.write(line)
            self.out.flush()

    def serve(self, lines: Iterable[bytes]) -> None:
        """Answer every line; return after answering `shutdown`, or when the input has ended and
        the work queued before its end is answered."""
        # A daemon: after shutdown it may still be blocked reading, and must not keep the process alive.
        threading.Thread(target=self._read, args=(lines,), name="stdin-reader", daemon=True).start()
        while True:
            item = self._work.get()
            if item is _END_OF_INPUT:
                log.info("stdin closed; exiting")
                return
            self.progress.started()
            try:
                self.send(self.handle(item))
            finally:
                self.progress.finished()
            if self._work.empty():
                self.analyzer.release_memory()  # after the answer, while nothing waits
            if isinstance(item, protocol.ShutdownRequest):
                log.info("shutdown requested")
                return

    def _read(self, lines: Iterable[bytes]) -> None:
        try:
            for raw in lines:
                if not raw.strip():
                    continue  # a blank line is not a request; answering it would confuse callers
                request = self._triage(raw)
                if request is None:
                    continue
                self.progress.enqueued()
                self._work.put(request)
                if isinstance(request, protocol.ShutdownRequest):
                    return  # nothing after shutdown is served
        except BrokenPipeError:
            log.info("stdout closed; no more answers")
        except Exception:  # the worker must still be told to finish
            log.exception("reading requests failed")
        finally:
            self._work.put(_END_OF_INPUT)

    def _triage(self, raw: bytes) -> protocol.Request | None:
        """Answer at once what needs no model and return None; return anything else for the worker."""
        request_id: str | None = None
        try:
            obj = protocol.decode_line(raw)
            if isinstance(obj.get("id"), str):
                request_id = obj["id"]
            request = protocol.parse_request(obj)
            if not isinstance(request, protocol.HealthCheckRequest):
                return request
            self.send(protocol.success(request.id, self.health()))
        except protocol.ProtocolError as exc:
            log.warning("bad request (%s): %s", exc.code, exc.message)
            self.send(protocol.failure(exc.request_id, exc.code, exc.message))
        except BrokenPipeError:
            raise
        except Exception as exc:  # the reader must survive anything one line does
            log.exception("request %s failed", request_id)
            self.send(protocol.failure(request_id, protocol.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"))
        return None

    def handle(self, request: protocol.Request) -> protocol.JsonObject:
        """The answer to a queued request. Never raises: a failure is an error response."""
        try:
            if isinstance(request, protocol.ShutdownRequest):
                return protocol.success(request.id, {"status": "shutting_down"})
            if isinstance(request, protocol.HealthCheckRequest):  # answered by the reader; kept total
                return protocol.success(request.id, self.health())
            if isinstance(request, protocol.SetEntityRulesRequest):
                try:
                    return protocol.success(request.id, self.rules.apply(request.rules))
                finally:
                    self._pipe_names = tuple(self.model.nlp.pipe_names)
            results = self._analyze(request.texts)
            if isinstance(results, str):
                return protocol.failure(request.id, protocol.RULES_TOO_COSTLY, results)
            data = {
                "results": [{"entities": [entity.to_json() for entity in entities]} for entities in results],
                "rules": self.rules.digest,
            }
            return protocol.success(request.id, data)
        except Exception as exc:  # the loop must survive anything one request does
            log.exception("request %s failed", request.id)
            return protocol.failure(request.id, protocol.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")

    def _analyze(self, texts: list[str]) -> list[list[Entity]] | str:
        """The entities of `texts`; or, when costly patterns are in effect and the analysis ran
        past its deadline or out of memory, why (naming the rules, now disabled until the
        rules change), so this request fails and the next one runs without them."""
        if not self.rules.costly:
            return self.analyzer.analyze(texts)
        chars = sum(len(text) for text in texts)
        try:
            with deadline(deadline_for(chars, self.deadline_s)):
                return self.analyzer.analyze(texts)
        except (DeadlineExceeded, MemoryError) as exc:
            what = "ran past its deadline" if isinstance(exc, DeadlineExceeded) else "ran out of memory"
            names = "; ".join(self.rules.describe(index) for index in self.rules.costly)
            self.rules.disable_costly()
            message = (
                f"the analysis of {chars} characters {what} with the entity rules' costly patterns in effect "
                f"(optional or repeating tokens, REGEX or FUZZY: {names}); they are disabled until the rules change"
            )
            log.warning("%s", message)
            return message

    def health(self) -> protocol.JsonObject:
        prov = self.model.provenance
        return {
            "status": "healthy",
            "model": prov.name,
            "model_version": prov.version,
            "model_source": prov.source,
            "spacy_version": spacy_version,
            "frozen": is_frozen(),
            "uptime_s": round(time.monotonic() - self.started, 3),
            "rss_bytes": rss_bytes(),
            "pipeline": list(self._pipe_names),
            **self.progress.snapshot(),
        }

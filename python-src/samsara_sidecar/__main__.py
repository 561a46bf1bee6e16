"""Entry point: `samsara-sidecar [--model NAME_OR_DIR]` (also `python -m samsara_sidecar`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from . import PROTOCOL_VERSION, protocol
from .analyzer import DEFAULT_VOCAB_CAP
from .guard import DEFAULT_DEADLINE_S, DEFAULT_MEMORY_LIMIT_MB, env_number, set_memory_limit
from .model_loader import DEFAULT_MODEL, ModelLoadError
from .process_info import die_with_parent, take_protocol_stdout

log = logging.getLogger("samsara_sidecar")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="samsara-sidecar", description="Samsara's spaCy NER sidecar (JSON lines on stdio).")
    parser.add_argument(
        "--model",
        default=os.environ.get("SAMSARA_MODEL") or DEFAULT_MODEL,
        help="pipeline name or directory (default: $SAMSARA_MODEL, else %(default)s)",
    )
    # Lets tests exercise the long-text split without megabytes of input.
    parser.add_argument(
        "--max-length", type=int, default=_env_int("SAMSARA_MAX_LENGTH", minimum=1), help="override nlp.max_length (characters per piece)"
    )
    # Tests set 0 to put every request in a memory zone at once.
    parser.add_argument(
        "--vocab-cap",
        type=int,
        default=_env_int("SAMSARA_VOCAB_CAP", minimum=0),
        help=f"new strings the vocabulary may keep before every request runs in a memory zone (default {DEFAULT_VOCAB_CAP})",
    )
    # A runaway match must fail its request, not take the machine (see guard.py). 0: no limit.
    parser.add_argument(
        "--memory-limit-mb",
        type=int,
        default=_env_int("SAMSARA_MEMORY_LIMIT_MB", minimum=0),
        help=f"address space the sidecar may reserve, in MiB (default {DEFAULT_MEMORY_LIMIT_MB}; 0: none)",
    )
    parser.add_argument(
        "--deadline-s",
        type=float,
        default=env_number("SAMSARA_DEADLINE_S", DEFAULT_DEADLINE_S),
        help="seconds an analysis may take while costly entity patterns apply (plus 1 s per 20,000 characters)",
    )
    return parser.parse_args(argv)


def _env_int(name: str, minimum: int) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) >= minimum else None


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        stream=sys.stderr,
        level=os.environ.get("SAMSARA_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    args = parse_args(argv)
    die_with_parent()
    set_memory_limit(DEFAULT_MEMORY_LIMIT_MB if args.memory_limit_mb is None else args.memory_limit_mb)
    out = take_protocol_stdout()

    def send(message: protocol.JsonObject) -> None:
        out.write(protocol.encode(message))
        out.flush()

    try:
        send(protocol.status_loading())
        # Imported here so that loading_model is on the wire before spaCy's import (most of start-up).
        from . import model_loader

        try:
            model = model_loader.load(args.model, args.max_length)
        except ModelLoadError as exc:
            log.error("%s", exc)
            send(protocol.status_error(protocol.MODEL_LOAD_FAILED, str(exc)))
            return 1
        from spacy.about import __version__ as spacy_version

        send(
            protocol.status_loaded(
                PROTOCOL_VERSION,
                model.provenance.name,
                model.provenance.version,
                spacy_version,
                os.getpid(),
                model.labels,
            )
        )

        from .request_loop import Sidecar
        from .stdin_lines import read_lines

        cap = DEFAULT_VOCAB_CAP if args.vocab_cap is None else args.vocab_cap
        Sidecar(model, out, cap, args.deadline_s).serve(read_lines(sys.stdin.fileno()))
        return 0
    except BrokenPipeError:
        # The reader went away: nobody is left to answer. Not an error.
        log.info("stdout closed; exiting")
        # Point the dead pipe at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 0
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""In-process spaCy for bench/poolBench.ts: the baselines the sidecar pool is measured against.

  pool_baseline.py corpus OUT.json      writes the corpus's prose paragraphs (sidecar_corpus.py:
                                        the Jargon File unless SAMSARA_BENCH_CORPUS names a file)
  pool_baseline.py serve MODEL TEXTS    loads MODEL the way the sidecar does (model_loader: only
                                        `ner`), prints {"ready": ...}, then for each stdin line
                                        {"processes": N} runs nlp.pipe(TEXTS, n_process=N) and
                                        prints {"seconds", "cpu_seconds", "entities", "rss_bytes"}
                                        (cpu_seconds: this process and the children it waited for)

Long-lived, so its runs interleave with the pool's under the same machine load.
Run it with the build venv (scripts/build-python.sh --print-python).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

from sidecar_corpus import DEFAULT_CORPUS, paragraphs

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python-src"))
from samsara_sidecar import model_loader  # noqa: E402  (needs the path above)


def rss_bytes() -> int:
    """Resident memory of this process (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (nlp.pipe's worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def write_corpus(out: Path) -> None:
    source = Path(os.environ.get("SAMSARA_BENCH_CORPUS") or DEFAULT_CORPUS)
    texts = paragraphs(source, target_bytes=100_000_000)  # all of it
    out.write_text(json.dumps({"source": str(source), "paragraphs": texts}), encoding="utf-8")


def serve(model: str, texts_file: Path) -> None:
    texts: list[str] = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = model_loader.load(model).nlp
    list(nlp.pipe(["Warm up with Angela Merkel in Paris."] * 8))
    print(json.dumps({"ready": True, "rss_bytes": rss_bytes()}), flush=True)
    for line in sys.stdin:
        processes = int(json.loads(line)["processes"])
        started, cpu_started = time.perf_counter(), cpu_seconds()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=processes))
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
        print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "entities": entities, "rss_bytes": rss_bytes()}), flush=True)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "corpus":
        write_corpus(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], Path(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

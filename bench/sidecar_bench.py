"""Sidecar benchmark: the bundle beside plain in-process spaCy, in one run, as ratios.

Figures (targets from the issue):
  cold start  bundle start -> model_loaded, beside `python -c` importing spaCy and loading the
              same pipeline with the same exclusions (median of N each)   <= 1.3x and < 3 s
  throughput  words/s through the bundle's stdio (`texts` batches) beside in-process
              nlp.pipe on the same corpus (median ratio of N interleaved pairs) >= 0.9x
  memory      RSS after load and after 10,000 requests (corpus paragraphs; then again with
              made-up words in every text, the vocabulary's worst case)  <= 350 MB, growth <= 10%
  size        bundle on disk                                              <= 200 MB
Run it through bench/sidecar.sh (builds the bundle, gets the corpus, uses the build venv).
Both sides run with a warm page cache: "cold" means a fresh process, not a cold disk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from sidecar_corpus import DEFAULT_CORPUS, paragraphs, word_count

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python-src"))
from samsara_sidecar import model_loader  # noqa: E402  (needs the path above)

BUNDLE = REPO / "python-dist" / "samsara-sidecar" / ("samsara-sidecar.exe" if os.name == "nt" else "samsara-sidecar")
BATCH = 64  # paragraphs per analyze request in the throughput run


def bare_env() -> dict[str, str]:
    env = {"PATH": "/nonexistent", "HOME": os.environ.get("HOME", "/tmp"), "SAMSARA_LOG_LEVEL": "WARNING"}
    if os.name == "nt":
        env = {**os.environ, "SAMSARA_LOG_LEVEL": "WARNING"}
    return env


def read_json(stream: IO[bytes]) -> dict[str, Any]:
    line = stream.readline()
    if not line:
        raise RuntimeError("sidecar closed its stdout")
    return json.loads(line)


class Bundle:
    def __init__(self, exe: Path = BUNDLE, model: str | None = None, env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(exe), *(["--model", model] if model else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=bare_env() | (env or {}),
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        while True:
            status = read_json(self.stdout)
            if status.get("status") == "model_loaded":
                self.load_s = time.perf_counter() - self.started
                return
            if status.get("status") == "error":
                raise RuntimeError(status)

    def send(self, request: dict[str, Any]) -> None:
        self.stdin.write(json.dumps(request).encode() + b"\n")
        self.stdin.flush()

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        self.send(request)
        return read_json(self.stdout)

    def rss(self) -> int:
        return int(self.ask({"id": "h", "action": "health_check"})["data"]["rss_bytes"])

    def close(self) -> None:
        self.stdin.close()
        self.proc.wait(timeout=60)


def python_load_command(model_dir: Path) -> list[str]:
    # What the sidecar does at start, minus the sidecar: import spaCy, load with the same exclusions.
    code = (
        "import spacy; from spacy.util import load_config; import sys; p = sys.argv[1]; "
        "names = load_config(p + '/config.cfg')['nlp']['pipeline']; "
        "nlp = spacy.load(p, exclude=[n for n in names if n != 'ner']); print('loaded', flush=True)"
    )
    return [sys.executable, "-c", code, str(model_dir)]


def time_python_load(model_dir: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(python_load_command(model_dir), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.wait(timeout=60)
    if line.strip() != b"loaded":
        raise RuntimeError("plain python load failed")
    return elapsed


def time_bundle_load() -> float:
    bundle = Bundle()
    bundle.close()
    return bundle.load_s


def cold_start(model_dir: Path, runs: int) -> tuple[float, float]:
    time_bundle_load(), time_python_load(model_dir)  # warm the page cache for both sides
    bundle_times, python_times = [], []
    for _ in range(runs):  # interleaved, so a noisy moment hits both sides
        bundle_times.append(time_bundle_load())
        python_times.append(time_python_load(model_dir))
    return statistics.median(bundle_times), statistics.median(python_times)


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of another process (Linux /proc; NaN elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(") ", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def throughput(texts: list[str], passes: int, model: str = "en_core_web_sm") -> dict[str, float]:
    """Words/s of the sidecar over stdio and of in-process nlp.pipe over the same texts, in
    `passes` interleaved pass pairs. On a shared machine the load changes from second to
    second, so the ratio is the median of the pairs' ratios (each pair ran in the same few
    seconds); CPU seconds per side are reported too. `model`: a pipeline name or directory."""
    nlp = model_loader.load(model).nlp
    bundle = Bundle(model=None if model == "en_core_web_sm" else model)
    # Encoded up front: the client's JSON encoding is the language server's cost, not the sidecar's.
    requests = [
        json.dumps({"id": str(i), "action": "analyze", "texts": texts[i : i + BATCH]}).encode() + b"\n" for i in range(0, len(texts), BATCH)
    ]
    words = word_count(texts)
    wall: dict[str, list[float]] = {"stdio": [], "inproc": []}
    cpu: dict[str, list[float]] = {"stdio": [], "inproc": []}

    def write_all() -> None:
        for request in requests:
            bundle.stdin.write(request)
            bundle.stdin.flush()

    for _ in range(passes):
        started, cpu_started = time.perf_counter(), time.process_time()
        for doc in nlp.pipe(texts):
            doc.ents  # noqa: B018  (what the sidecar reads)
        wall["inproc"].append(time.perf_counter() - started)
        cpu["inproc"].append(time.process_time() - cpu_started)
        # Requests are pipelined, as the language server sends them: a writer thread keeps the
        # sidecar's stdin full while this thread reads the answers.
        writer = threading.Thread(target=write_all)
        started, cpu_started = time.perf_counter(), process_cpu_s(bundle.proc.pid)
        writer.start()
        for _ in requests:
            assert read_json(bundle.stdout)["success"] is True
        wall["stdio"].append(time.perf_counter() - started)
        cpu["stdio"].append(process_cpu_s(bundle.proc.pid) - cpu_started)
        writer.join()
    bundle.close()
    return {
        "stdio": words / statistics.median(wall["stdio"]),
        "inproc": words / statistics.median(wall["inproc"]),
        "ratio": statistics.median(i / s for s, i in zip(wall["stdio"], wall["inproc"], strict=True)),
        "stdio_cpu": words / statistics.median(cpu["stdio"]),
        "inproc_cpu": words / statistics.median(cpu["inproc"]),
        "ratio_cpu": statistics.median(i / s for s, i in zip(cpu["stdio"], cpu["inproc"], strict=True)),
    }


def memory(texts: list[str], requests: int, unseen: bool = False) -> tuple[int, int]:
    """-> RSS after load, RSS after `requests` single-text analyze requests: the corpus's
    paragraphs in turn, or (`unseen`) each with made-up words the vocabulary has never seen."""
    bundle = Bundle()
    after_load = bundle.rss()

    def write() -> None:
        for i in range(requests):
            text = texts[i % len(texts)]
            if unseen:
                text = f"Zorblat{i} and Quenvik{i}x met {text[:200]}"
            bundle.send({"id": str(i), "action": "analyze", "text": text})

    writer = threading.Thread(target=write)
    writer.start()
    for _ in range(requests):
        assert read_json(bundle.stdout)["success"] is True
    writer.join()
    # One more request answered: the worker's turn after the last one (where it gives freed
    # memory back, Analyzer.release_memory) is done before the RSS is read.
    bundle.send({"id": "last", "action": "analyze", "text": "."})
    assert read_json(bundle.stdout)["success"] is True
    after_all = bundle.rss()
    bundle.close()
    return after_load, after_all


def size_on_disk(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            stat = os.lstat(os.path.join(root, name))
            total += getattr(stat, "st_blocks", 0) * 512 or stat.st_size
    return total


def row(name: str, value: str, baseline: str, ratio: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else "ok" if ok else "MISSED"
    return f"{name:<28} {value:>14} {baseline:>14} {ratio:>8}   {target:<25} {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Sidecar benchmark")
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("SAMSARA_BENCH_CORPUS") or DEFAULT_CORPUS))
    parser.add_argument("--runs", type=int, default=7, help="cold starts per side")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--passes", type=int, default=9, help="interleaved throughput pass pairs (median ratio counts)")
    args = parser.parse_args()
    if not BUNDLE.is_file():
        print(f"missing {BUNDLE}: run scripts/build-python.sh", file=sys.stderr)
        return 1
    model_dir, _ = model_loader.resolve("en_core_web_sm")
    texts = paragraphs(args.corpus)
    words = word_count(texts)
    print(f"corpus: {args.corpus.name}: {len(texts)} paragraphs, {sum(len(t.encode()) for t in texts) // 1024} KB, {words} words")
    print(f"bundle: {BUNDLE}")

    bundle_start, python_start = cold_start(model_dir, args.runs)
    speed = throughput(texts, args.passes)
    stdio, inproc = speed["stdio"], speed["inproc"]
    after_load, after_all = memory(texts, args.requests)
    unseen_load, unseen_all = memory(texts, args.requests, unseen=True)
    unseen_growth = (unseen_all - unseen_load) / unseen_load * 100
    size = size_on_disk(BUNDLE.parent)
    growth = (after_all - after_load) / after_load * 100
    mb = 1024 * 1024

    print()
    print(f"{'figure':<28} {'sidecar':>14} {'baseline':>14} {'ratio':>8}   {'target':<25} result")
    print(
        row(
            f"cold start (median of {args.runs})",
            f"{bundle_start:.2f} s",
            f"{python_start:.2f} s",
            f"{bundle_start / python_start:.2f}x",
            "<= 1.3x and < 3 s",
            bundle_start / python_start <= 1.3 and bundle_start < 3,
        )
    )
    print(
        row(
            f"throughput (median of {args.passes})",
            f"{stdio:,.0f} w/s",
            f"{inproc:,.0f} w/s",
            f"{speed['ratio']:.2f}x",
            ">= 0.9x",
            speed["ratio"] >= 0.9,
        )
    )
    print(
        row(
            "  per CPU second",
            f"{speed['stdio_cpu']:,.0f} w",
            f"{speed['inproc_cpu']:,.0f} w",
            f"{speed['ratio_cpu']:.2f}x",
            "(information)",
            None,
        )
    )
    print(row("RSS after load", f"{after_load / mb:.0f} MB", "", "", "<= 350 MB", after_load <= 350 * mb))
    print(
        row(
            f"RSS after {args.requests:,} requests",
            f"{after_all / mb:.0f} MB",
            "",
            f"{growth:+.1f}%",
            "<= 350 MB, growth <= 10%",
            after_all <= 350 * mb and growth <= 10,
        )
    )
    print(
        row(
            "  same, every text new words",
            f"{unseen_all / mb:.0f} MB",
            "",
            f"{unseen_growth:+.1f}%",
            "<= 350 MB, growth <= 10%",
            unseen_all <= 350 * mb and unseen_growth <= 10,
        )
    )
    print(row("bundle size on disk", f"{size / mb:.0f} MB", "", "", "<= 200 MB", size <= 200 * mb))
    print("baselines: cold start = `python -c` importing spaCy and loading the same pipeline (same exclusions);")
    print(f"           throughput = in-process nlp.pipe over the same paragraphs; the sidecar gets them as `texts` batches of {BATCH};")
    print("           ratios of throughput are medians of per-pair ratios (pairs run back to back; the machine may be shared).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

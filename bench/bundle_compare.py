"""Two sidecar bundles side by side: cold start, and throughput and entity agreement on the sidecar bench's corpus.

For a change to what goes into the bundle (numpy without BLAS, a new spaCy pin): build the old
bundle, copy its folder aside, build the new one, then run with the build venv:
  "$(bash scripts/build-python.sh --print-python)" bench/bundle_compare.py \
    --baseline /tmp/old-bundle/samsara-sidecar [--passes 7]
Figures: spawn → model loaded of each bundle (wall and CPU, medians of interleaved starts);
words/s (wall and the sidecar's own CPU seconds) of each bundle, as the median of
interleaved pass pairs so a busy moment hits both; the ratio new/old; and how many paragraphs got
identical entities (label, start, end, text) from both. Prints figures; never fails on a target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sidecar_bench import BATCH, BUNDLE, Bundle, process_cpu_s, read_json
from sidecar_corpus import DEFAULT_CORPUS, paragraphs, word_count


def run_pass(bundle: Bundle, requests: list[bytes]) -> tuple[float, float, list[Any]]:
    """One pass of pipelined analyze requests -> (wall s, sidecar CPU s, results per paragraph)."""

    def write_all() -> None:
        for request in requests:
            bundle.stdin.write(request)
            bundle.stdin.flush()

    writer = threading.Thread(target=write_all)
    started, cpu_started = time.perf_counter(), process_cpu_s(bundle.proc.pid)
    writer.start()
    results: list[Any] = []
    for _ in requests:
        answer = read_json(bundle.stdout)
        assert answer["success"] is True, answer
        results.extend(r["entities"] for r in answer["data"]["results"])
    wall, cpu = time.perf_counter() - started, process_cpu_s(bundle.proc.pid) - cpu_started
    writer.join()
    return wall, cpu, results


def compare_starts(baseline: Path, candidate: Path, starts: int) -> None:
    """Spawn → model_loaded of each bundle, interleaved (alternating which goes first), as medians:
    the wall time a writer waits for, and the CPU the start costs (what a busy machine stretches)."""
    sides = {"baseline": baseline, "candidate": candidate}
    wall: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    for round_ in range(starts):
        for name in sides if round_ % 2 == 0 else reversed(list(sides)):
            bundle = Bundle(sides[name])
            wall[name].append(bundle.load_s)
            cpu[name].append(process_cpu_s(bundle.proc.pid))
            bundle.close()
    for name in sides:
        print(f"{name:<10} cold start {statistics.median(wall[name]):.3f} s wall, {statistics.median(cpu[name]):.3f} s CPU")
    ratio = statistics.median(c / b for b, c in zip(wall["baseline"], wall["candidate"], strict=True))
    ratio_cpu = statistics.median(c / b for b, c in zip(cpu["baseline"], cpu["candidate"], strict=True))
    print(f"candidate/baseline cold start: {ratio:.2f}x wall, {ratio_cpu:.2f}x CPU (median of {starts} pairs)")


def main() -> int:
    parser = argparse.ArgumentParser(description="Compare two sidecar bundles")
    parser.add_argument("--baseline", type=Path, required=True, help="the old bundle's executable")
    parser.add_argument("--candidate", type=Path, default=BUNDLE, help="the new bundle's executable (default: python-dist)")
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("SAMSARA_BENCH_CORPUS") or DEFAULT_CORPUS))
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--starts", type=int, default=7, help="interleaved cold starts of each bundle")
    args = parser.parse_args()
    compare_starts(args.baseline, args.candidate, args.starts)
    texts = paragraphs(args.corpus)
    words = word_count(texts)
    requests = [
        json.dumps({"id": str(i), "action": "analyze", "texts": texts[i : i + BATCH]}).encode() + b"\n" for i in range(0, len(texts), BATCH)
    ]
    print(f"corpus: {args.corpus.name}: {len(texts)} paragraphs, {words} words")
    sides = {"baseline": Bundle(args.baseline), "candidate": Bundle(args.candidate)}
    wall: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    entities: dict[str, list[Any]] = {}
    for _ in range(args.passes):  # interleaved pairs
        for name, bundle in sides.items():
            w, c, results = run_pass(bundle, requests)
            wall[name].append(w)
            cpu[name].append(c)
            entities[name] = results
    for bundle in sides.values():
        bundle.close()
    for name in sides:
        print(
            f"{name:<10} {words / statistics.median(wall[name]):>10,.0f} w/s wall"
            f" {words / statistics.median(cpu[name]):>10,.0f} w/s CPU   load {sides[name].load_s:.2f} s"
        )
    ratio_wall = statistics.median(b / c for b, c in zip(wall["baseline"], wall["candidate"], strict=True))
    ratio_cpu = statistics.median(b / c for b, c in zip(cpu["baseline"], cpu["candidate"], strict=True))
    print(f"candidate/baseline throughput: {ratio_wall:.2f}x wall, {ratio_cpu:.2f}x CPU (median of {args.passes} pairs)")
    same = sum(1 for a, b in zip(entities["baseline"], entities["candidate"], strict=True) if a == b)
    count = sum(len(e) for e in entities["baseline"]), sum(len(e) for e in entities["candidate"])
    print(f"entities: {count[0]} baseline, {count[1]} candidate; identical in {same}/{len(texts)} paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

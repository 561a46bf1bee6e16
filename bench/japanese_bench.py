"""Japanese figures for bench/languages_bench.py: what a Japanese pipeline costs the sidecar.
The bundle carries SudachiPy; Sudachi's dictionary (sudachidict_core, 202 MB system.dic) comes
with the pipeline through SAMSARA_SUPPORT_PACKAGES and is memory-mapped, so its pages count in
the resident memory only as documents touch them. The pipeline is the small test pipeline
(python-src/tests/ja_pipeline.py: Sudachi's tokenizer + a tiny ner), so the figures are Sudachi's
and the dictionary's, not a trained ja_core_news model's.

Prints: start to model_loaded (en_core_web_sm beside the Japanese pipeline, first with the
dictionary evicted from the page cache as after a reboot, then warm), resident memory after loading
each and after reading Japanese prose (split into the process's own memory and mapped files), the
first Japanese document beside the next ones (median), and sudachipy.Dictionary() in this process.
Corpus: the Japanese Debian Reference (debian-reference-ja), paragraphs of prose."""

from __future__ import annotations

import html
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python-src" / "tests"))
from ja_pipeline import SUPPORT, build_pipeline  # noqa: E402  (needs the path above)
from sidecar_bench import BUNDLE, Bundle  # noqa: E402


def japanese_paragraphs(folder: Path, target_chars: int = 40_000) -> list[str]:
    texts: list[str] = []
    for page in sorted(folder.glob("*.ja.html")):
        for match in re.finditer(r"<p>(.*?)</p>", page.read_text(encoding="utf-8"), re.DOTALL):
            text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()
            if len(text) >= 40:
                texts.append(text)
                if sum(map(len, texts)) >= target_chars:
                    return texts
    return texts


def analyze_s(sidecar: Bundle, text: str) -> float:
    started = time.perf_counter()
    answer = sidecar.ask({"id": "a", "action": "analyze", "texts": [text]})
    assert answer.get("success"), answer
    return time.perf_counter() - started


def evict(file: Path) -> bool:
    """Drop this one file's pages from the page cache (no root, nothing else on the machine is
    touched), so the next start reads the dictionary from disk as after a reboot."""
    if not hasattr(os, "posix_fadvise"):
        return False
    fd = os.open(file, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    return True


def resident_split(pid: int) -> str:
    """The sidecar's own memory (RssAnon) beside mapped files (RssFile: the dictionary's pages,
    shared by every process that maps it and reclaimable by the kernel). Linux only."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    except OSError:
        return ""
    anon, mapped = (int(fields[key].split()[0]) * 1024 / 1e6 for key in ("RssAnon", "RssFile"))
    return f" (own {anon:.0f} MB + mapped files {mapped:.0f} MB)"


def japanese(corpus: Path, dictionary_wheel: Path) -> None:
    if not list((BUNDLE.parent / "_internal").glob("sudachipy-*.dist-info")):
        print("  ja: this bundle carries no SudachiPy (musl or win32-arm64 build): no Japanese figures")
        return
    texts = japanese_paragraphs(corpus)
    english = Bundle(model="en_core_web_sm")
    en_load, en_rss = english.load_s, f"{english.rss() / 1e6:.0f} MB{resident_split(english.proc.pid)}"
    english.close()
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = build_pipeline(Path(tmp), dictionary_wheel)
        support = {"SAMSARA_SUPPORT_PACKAGES": str(Path(tmp) / SUPPORT)}
        cold = evict(next((Path(tmp) / SUPPORT).glob("*/sudachidict_core/resources/system.dic")))
        sidecar = Bundle(model=str(pipeline), env=support)
        ja_load, ja_rss = sidecar.load_s, f"{sidecar.rss() / 1e6:.0f} MB{resident_split(sidecar.proc.pid)}"
        first = analyze_s(sidecar, texts[0])
        later = statistics.median(analyze_s(sidecar, text) for text in texts[1:21])
        for start in range(21, len(texts), 20):
            sidecar.ask({"id": "b", "action": "analyze", "texts": texts[start : start + 20]})
        read_rss = f"{sidecar.rss() / 1e6:.0f} MB{resident_split(sidecar.proc.pid)}"
        sidecar.close()
        warm = Bundle(model=str(pipeline), env=support)
        warm_load = warm.load_s
        warm.close()
        import sudachipy

        started = time.perf_counter()
        sudachipy.Dictionary().create()
        dictionary_s = time.perf_counter() - started
    state = "dictionary out of the page cache" if cold else "page cache as found"
    print(f"languages: Japanese (test pipeline {pipeline.name}, Sudachi's dictionary {dictionary_wheel.name})")
    print(f"  start to model_loaded: en_core_web_sm {en_load:.2f} s, Japanese {ja_load:.2f} s ({state}), {warm_load:.2f} s (warm)")
    print(f"  RSS after loading: en_core_web_sm {en_rss}, Japanese {ja_rss}")
    chars = sum(map(len, texts))
    print(f"  RSS after reading {len(texts)} Japanese paragraphs ({chars:,} characters): {read_rss}")
    print(f"  first Japanese document {first * 1000:.0f} ms ({state}), the next 20 {later * 1000:.1f} ms each (median)")
    print(f"  sudachipy.Dictionary().create() in-process, warm page cache: {dictionary_s * 1000:.0f} ms")

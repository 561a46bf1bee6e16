"""The benchmark's corpus: a few hundred KB of real English prose, as paragraphs.

Source: the Jargon File 4.4.7 (public domain), from Debian's `jargon-text` package, which
bench/sidecar.sh installs when missing (only npm, PyPI and Debian are reachable here). Any
other plain-text file can be given instead (SAMSARA_BENCH_CORPUS).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

DEFAULT_CORPUS = Path("/usr/share/doc/jargon-text/jargon.txt.gz")
_WORDY = re.compile(r"[A-Za-z]")


def read_text(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


def paragraphs(path: Path, target_bytes: int = 300_000) -> list[str]:
    """Prose paragraphs (lines joined), skipping headwords, tables and short fragments,
    until `target_bytes` of UTF-8 are collected."""
    chosen: list[str] = []
    size = 0
    for block in re.split(r"\n\s*\n", read_text(path)):
        text = " ".join(line.strip() for line in block.splitlines()).strip()
        words = text.split()
        if len(words) < 20 or text.startswith(":") or any(ch in text for ch in "│─┌┐└┘"):
            continue
        if sum(1 for word in words if _WORDY.search(word)) < 0.8 * len(words):
            continue  # code listings and tables, not prose
        chosen.append(text)
        size += len(text.encode("utf-8"))
        if size >= target_bytes:
            break
    return chosen


def word_count(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)

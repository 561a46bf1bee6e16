"""Named entities of texts, with offsets in UTF-16 code units.

spaCy counts characters in code points; LSP positions (and JavaScript strings) count UTF-16
code units, where every character outside the Basic Multilingual Plane (most emoji) takes two.
Texts longer than nlp.max_length are split at whitespace and analysed piece by piece instead
of being refused (spaCy's E088), and the pieces' offsets are shifted back into the whole text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .entity_rules import IgnoreFilter

if TYPE_CHECKING:  # types only: the analyzer is handed a loaded pipeline and never imports spaCy itself
    from spacy.language import Language

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Preferred cut points for over-long texts, best first: an entity rarely spans any of them.
_CUT_MARKS = ("\n\n", "\n", ". ", " ", "\t")
# How many new strings the vocabulary may keep for good (~500 bytes each with their lexeme and
# tokenizer cache entry, so ~10 MB; 300 KB of English prose adds ~3,000); see Analyzer.
DEFAULT_VOCAB_CAP = 20_000
# Characters analysed between two returns of freed heap memory to the system (see release_memory).
DEFAULT_TRIM_AFTER_CHARS = 200_000


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim(0), or None where there is none (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def is_named(text: str) -> bool:
    """Whether a span spaCy tagged can be a named entity at all: it holds a letter or a digit.

    The small English model sometimes tags a lone emoji or symbol (e.g. "🚀" starting a
    paragraph, as CARDINAL); such a span names nothing, so no consumer should ever see it.
    """
    return any(char.isalnum() for char in text)


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int  # UTF-16 code units, inclusive
    end: int  # UTF-16 code units, exclusive

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end}


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Yield (code point offset, piece) with every piece at most `limit` code points long,
    cut after a newline, sentence end or whitespace in the window's second half when there
    is one, else hard at the limit."""
    if limit < 1:
        raise ValueError("limit must be positive")
    start = 0
    while len(text) - start > limit:
        end = start + limit
        low = start + limit // 2
        cut = end
        for mark in _CUT_MARKS:
            found = text.rfind(mark, low, end)
            if found != -1:
                cut = found + len(mark)
                break
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


class Utf16Offsets:
    """Maps code point offsets of one text to UTF-16 code unit offsets."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        # Each astral character before `index` adds one extra code unit.
        return index + bisect_left(self._astral, index) if self._astral else index


class Analyzer:
    """Memory stays bounded in two stages. While the vocabulary stays under `vocab_cap` new
    strings, requests run normally: the words they add stay in spaCy's vocabulary and
    tokenizer cache, so text seen again (an edited document is analysed over and over) is
    fast. A request that could cross the cap (counting at most one new string per 4
    characters), and every request after, runs inside a memory zone, which frees all it adds
    (and bypasses the tokenizer cache, costing ~10-15% throughput)."""

    def __init__(self, nlp: Language, vocab_cap: int = DEFAULT_VOCAB_CAP, trim_after_chars: int = DEFAULT_TRIM_AFTER_CHARS) -> None:
        self.nlp = nlp
        self.vocab_cap = vocab_cap
        self.trim_after_chars = trim_after_chars
        self._since_trim = 0
        self._base_strings = len(nlp.vocab.strings)
        # What the entity rules say is never an entity; set by entity_ruler.AppliedEntityRules.
        self.ignore = IgnoreFilter()

    def _zone(self, size: int) -> AbstractContextManager[object]:
        grown = len(self.nlp.vocab.strings) - self._base_strings
        if grown + size // 4 < self.vocab_cap:
            return nullcontext()
        # Language.memory_zone yields a cymem Pool, a compiled type without stubs: mypy sees Any.
        zone: AbstractContextManager[object] = self.nlp.memory_zone()
        return zone

    def release_memory(self) -> bool:
        """Give the heap memory freed since the last call back to the system, once enough text was
        analysed since then; called when no request is waiting. Returns whether it did.

        What made a sidecar's RSS grow over 10,000 requests (+13 %, bench/sidecar_bench.py) was
        not the vocabulary (capped above: +3,241 strings, +1.8 % in-process) but memory glibc's
        malloc keeps after it is freed: the model's activations of every request, and the
        requests read ahead of the worker, leave free chunks inside the heap that are never
        returned to the system (measured in-process: +9.5 % after 10,000 requests, +0.1 % after
        malloc_trim). malloc_trim(0) returns them (~1 ms for this heap)."""
        if _TRIM is None or self._since_trim < self.trim_after_chars:
            return False
        self._since_trim = 0
        _TRIM(0)
        return True

    def analyze(self, texts: list[str]) -> list[list[Entity]]:
        """One entity list per text, in order."""
        self._since_trim += sum(len(text) for text in texts)
        pieces: list[tuple[int, int, str]] = []  # (text index, code point offset, piece)
        for index, text in enumerate(texts):
            # A lone surrogate (legal in JSON, not in UTF-8) becomes U+FFFD for spaCy: same
            # length, so offsets still match the caller's text.
            clean = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
            for offset, piece in split_text(clean, self.nlp.max_length):
                if piece.strip():
                    pieces.append((index, offset, piece))
        spans: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        # Entities are copied out as plain strings inside the zone: its Docs die with it.
        with self._zone(sum(len(text) for text in texts)):
            docs = self.nlp.pipe(piece for _, _, piece in pieces)
            keeps = self.ignore.keeps
            for (index, offset, _), doc in zip(pieces, docs, strict=True):
                spans[index].extend(
                    (ent.label_, offset + ent.start_char, offset + ent.end_char)
                    for ent in doc.ents
                    if is_named(ent.text) and keeps(ent.label_, ent.text)
                )
        return [self._entities(text, found) for text, found in zip(texts, spans, strict=True)]

    @staticmethod
    def _entities(text: str, spans: list[tuple[str, int, int]]) -> list[Entity]:
        if not spans:
            return []
        utf16 = Utf16Offsets(text)
        return [Entity(label, text[start:end], utf16(start), utf16(end)) for label, start, end in spans]

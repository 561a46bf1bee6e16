"""Entity rules: what the user says about entities, beyond the statistical model.

`known` entries say "this text (or token pattern) is always LABEL"; `ignore` says "this text is
never an entity" and "never show label X". This module is the pure part: reading entries,
the content hash that names a set of rules, and the ignore filter. entity_ruler.py puts the
known entries into the spaCy pipeline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

# Codes of `problems` entries (mirrors EntityRulesProblemCodes in server/src/protocol/sidecar.ts).
INVALID_ENTRY: Final = "INVALID_ENTRY"  # not {label, text[, case_insensitive]} or {label, pattern}
INVALID_PATTERN: Final = "INVALID_PATTERN"  # a token pattern spaCy refuses, or one that matches everywhere
NEEDS_COMPONENT: Final = "NEEDS_COMPONENT"  # uses an attribute no loaded component sets (POS, LEMMA, ...)
TOO_COSTLY: Final = "TOO_COSTLY"  # over the cost bounds (optional tokens, length, regex size), or made an analysis fail


@dataclass(frozen=True)
class Problem:
    """A `known` entry that was skipped, and why; the other entries still apply."""

    index: int
    code: str
    message: str

    def to_json(self) -> dict[str, object]:
        return {"index": self.index, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class KnownText:
    """Exact text, always `label`: matched token by token, case-insensitively if asked."""

    index: int
    label: str
    text: str
    case_insensitive: bool


@dataclass(frozen=True)
class KnownPattern:
    """A spaCy token pattern (a list of token specs), always `label`."""

    index: int
    label: str
    pattern: list[dict[str, Any]]


KnownEntry = KnownText | KnownPattern


@dataclass(frozen=True)
class EntityRules:
    """One set of rules as received; `known` holds the raw JSON entries, read by `read_known`."""

    known: tuple[Any, ...] = ()
    ignore_texts: tuple[str, ...] = ()
    ignore_labels: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.known or self.ignore_texts or self.ignore_labels)

    def digest(self) -> str | None:
        """A content hash naming these rules (None when there are none): first 16 hex digits of the
        sha256 of a canonical JSON. Equal rules give equal hashes whatever the key order, the order of
        the ignore lists, or fields an entry does not use (so the server can key its cache by it)."""
        if self.is_empty():
            return None
        known = [_canonical_entry(raw, index) for index, raw in enumerate(self.known)]
        ignore = {"texts": sorted({normalise_text(text) for text in self.ignore_texts}), "labels": sorted(set(self.ignore_labels))}
        canonical = json.dumps({"known": known, "ignore": ignore}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:16]


def _canonical_entry(raw: Any, index: int) -> Any:
    entry = read_known(raw, index)
    if isinstance(entry, KnownText):
        return {"label": entry.label, "text": entry.text, "case_insensitive": entry.case_insensitive}
    if isinstance(entry, KnownPattern):
        return {"label": entry.label, "pattern": entry.pattern}
    return {"invalid": raw}  # a skipped entry still belongs to the rules as sent


def read_known(raw: Any, index: int) -> KnownEntry | Problem:
    """A `known` entry, or the Problem that makes it unusable. The pattern's token specs are only
    checked for shape here; entity_ruler.py checks them against spaCy."""
    if not isinstance(raw, Mapping):
        return Problem(index, INVALID_ENTRY, f"known[{index}] must be an object with label and text or pattern")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        return Problem(index, INVALID_ENTRY, f"known[{index}].label must be a non-empty string")
    has_text, has_pattern = "text" in raw, "pattern" in raw
    if has_text == has_pattern:
        return Problem(index, INVALID_ENTRY, f'known[{index}] needs exactly one of "text" (string) or "pattern" (token pattern)')
    if has_text:
        text, case_insensitive = raw["text"], raw.get("case_insensitive", False)
        if not isinstance(text, str) or not text.strip():
            return Problem(index, INVALID_ENTRY, f"known[{index}].text must be a string with some non-space character")
        if not isinstance(case_insensitive, bool):
            return Problem(index, INVALID_ENTRY, f"known[{index}].case_insensitive must be true or false")
        return KnownText(index, label, " ".join(text.split()), case_insensitive)
    pattern = raw["pattern"]
    if not isinstance(pattern, list) or not pattern or not all(isinstance(token, Mapping) for token in pattern):
        return Problem(index, INVALID_PATTERN, f"known[{index}].pattern must be a non-empty array of token objects")
    return KnownPattern(index, label, [dict(token) for token in pattern])


def normalise_text(text: str) -> str:
    """How ignored texts are compared: case-insensitive, runs of whitespace as one space."""
    return " ".join(text.split()).casefold()


class IgnoreFilter:
    """Drops the entities the rules say are never entities, after the model and the ruler."""

    def __init__(self, texts: tuple[str, ...] = (), labels: tuple[str, ...] = ()) -> None:
        self._texts = frozenset(normalise_text(text) for text in texts)
        self._labels = frozenset(labels)

    def keeps(self, label: str, text: str) -> bool:
        return label not in self._labels and (not self._texts or normalise_text(text) not in self._texts)

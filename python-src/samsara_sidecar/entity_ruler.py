"""Entity rules in the spaCy pipeline: the known entries become token patterns of an
entity_ruler of our own, placed after `ner` with overwrite_ents, so a rule beats the model;
the ignore lists become the analyzer's filter.

Patterns are checked one by one so one bad entry is reported and skipped while the others
apply: against what the pipeline can match (only the tokenizer and `ner` are loaded, see
model_loader), against spaCy's pattern schema, and by compiling each into a scratch Matcher.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from .analyzer import Analyzer
from .entity_rules import INVALID_PATTERN, NEEDS_COMPONENT, EntityRules, IgnoreFilter, KnownEntry, KnownText, Problem, read_known

log = logging.getLogger(__name__)

RULER_NAME = "samsara_rules"
# Token attributes that only a component the sidecar does not load would set. The Matcher
# refuses most of them at match time (E155), which would fail every analysis, so they are
# refused here, when the rule is set.
_NEEDS: dict[str, str] = {
    "POS": "a tagger or morphologizer",
    "TAG": "a tagger",
    "MORPH": "a morphologizer",
    "LEMMA": "a lemmatizer",
    "DEP": "a parser",
    "HEAD": "a parser",
    "SENT_START": "a parser or senter",
    "IS_SENT_START": "a parser or senter",
    "_": "a component that sets custom attributes",
}
# A token spec with no condition and one of these operators matches every run of tokens:
# quadratic in the text's length, enough to stall the sidecar on a large document.
_UNBOUNDED_OP = re.compile(r"[*+]|\{\d*,\}")
Pattern = list[dict[str, Any]]


def text_pattern(nlp: Any, entry: KnownText) -> Pattern:
    """Token pattern of an exact text, tokenized by the pipeline's own tokenizer: ORTH per token,
    or LOWER when case-insensitive. Where the text has a space, any whitespace tokens may stand
    (so a name broken across lines, or with two spaces, still matches)."""
    key = "LOWER" if entry.case_insensitive else "ORTH"
    doc = nlp.make_doc(entry.text)
    pattern: Pattern = []
    for token in doc:
        pattern.append({key: token.lower_ if entry.case_insensitive else token.text})
        if token.whitespace_ and token.i < len(doc) - 1:
            pattern.append({"IS_SPACE": True, "OP": "*"})
    return pattern


def pattern_problem(nlp: Any, index: int, pattern: Pattern) -> Problem | None:
    """Why a user's token pattern cannot be used, or None when it can."""
    from spacy.matcher import Matcher
    from spacy.schemas import validate_token_pattern

    where = f"known[{index}].pattern"
    for position, spec in enumerate(pattern):
        for key in spec:
            component = _NEEDS.get(str(key).upper())
            if component is not None:
                return Problem(
                    index, NEEDS_COMPONENT, f"{where}[{position}] uses {key}, which needs {component}; the sidecar runs only ner"
                )
    errors = validate_token_pattern(pattern)
    if errors:
        return Problem(index, INVALID_PATTERN, f"{where}: " + "; ".join(errors))
    for position, spec in enumerate(pattern):
        conditions = [key for key in spec if str(key).upper() != "OP"]
        if not conditions and _UNBOUNDED_OP.fullmatch(str(spec.get("OP", spec.get("op", "")))):
            return Problem(index, INVALID_PATTERN, f"{where}[{position}] has no condition and a repeating OP: it would match everywhere")
    try:
        Matcher(nlp.vocab, validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises several kinds (ValueError, MatchPatternError, re.error)
        return Problem(index, INVALID_PATTERN, f"{where}: {type(exc).__name__}: {exc}")
    return None


class AppliedEntityRules:
    """The rules in effect in one pipeline, named by their hash (None: no rules)."""

    def __init__(self, nlp: Any, analyzer: Analyzer) -> None:
        self.nlp = nlp
        self.analyzer = analyzer
        self.digest: str | None = None
        self._answer: dict[str, Any] = {"rules": None, "applied": 0, "problems": []}
        if RULER_NAME in nlp.pipe_names:  # a pipeline that brought a component of our name: ours replaces it
            nlp.remove_pipe(RULER_NAME)

    def apply(self, rules: EntityRules) -> dict[str, Any]:
        """Put `rules` in effect -> {rules: hash, applied: known entries applied, problems}.
        The same rules again (same hash) change nothing and get the same answer."""
        digest = rules.digest()
        if digest == self.digest:
            return dict(self._answer)
        entries: list[tuple[KnownEntry, Pattern]] = []
        problems: list[Problem] = []
        for index, raw in enumerate(rules.known):
            entry = read_known(raw, index)
            if isinstance(entry, Problem):
                problems.append(entry)
                continue
            pattern = text_pattern(self.nlp, entry) if isinstance(entry, KnownText) else entry.pattern
            problem = None if isinstance(entry, KnownText) else pattern_problem(self.nlp, index, pattern)
            if problem is not None:
                problems.append(problem)
            else:
                entries.append((entry, pattern))
        try:
            self._install([{"label": entry.label, "pattern": pattern} for entry, pattern in entries])
            self.analyzer.ignore = IgnoreFilter(rules.ignore_texts, rules.ignore_labels)
        except Exception:
            # Half-applied rules would be worse than none: fall back to the model alone, and say so.
            self._install([])
            self.analyzer.ignore = IgnoreFilter()
            self.digest, self._answer = None, {"rules": None, "applied": 0, "problems": []}
            raise
        self.digest = digest
        self._answer = {"rules": digest, "applied": len(entries), "problems": [problem.to_json() for problem in problems]}
        log.info("entity rules %s: %d known entries applied, %d skipped", digest, len(entries), len(problems))
        return dict(self._answer)

    def _install(self, patterns: list[Mapping[str, Any]]) -> None:
        """A fresh ruler holding `patterns` after ner, or none when there are no patterns."""
        if RULER_NAME in self.nlp.pipe_names:
            self.nlp.remove_pipe(RULER_NAME)
        if patterns:
            ruler = self.nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner", config={"overwrite_ents": True})
            ruler.add_patterns(list(patterns))

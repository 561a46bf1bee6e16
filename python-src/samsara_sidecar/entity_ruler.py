"""Entity rules in the spaCy pipeline: the known entries become token patterns of an
entity_ruler of our own, placed after `ner` with overwrite_ents, so a rule beats the model;
the ignore lists become the analyzer's filter.

Patterns are checked one by one so one bad entry is reported and skipped while the others
apply: against what the pipeline can match (only the tokenizer and `ner` are loaded, see
model_loader), against spaCy's pattern schema, against bounds on what it may cost (a rules file
is untrusted input: each optional token doubles the Matcher's work), and by compiling each into a
scratch Matcher. Patterns that still bear a cost (variable operators, REGEX, FUZZY) are "costly":
an analysis while they apply runs under a deadline, and one that fails (deadline, MemoryError)
disables them until the rules change (see request_loop.py and guard.py).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .analyzer import Analyzer
from .entity_rules import (
    INVALID_PATTERN,
    NEEDS_COMPONENT,
    TOO_COSTLY,
    EntityRules,
    IgnoreFilter,
    KnownEntry,
    KnownText,
    Problem,
    read_known,
)

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

# Cost bounds (issue 20). An optional or bounded-repeat operator lets the Matcher branch at every
# token: 8 of them cost ~10 ms on 200 words, 16 cost 1.7 s and 380 MB, 50 exhausted the machine.
MAX_VARIABLE_OPS_PER_PATTERN = 8
# All user patterns of the rules together.
MAX_VARIABLE_OPS_PER_RULES = 64
# Tokens a pattern stands for once `{n}` / `{n,m}` are expanded (the file schema allows 50 specs).
MAX_EXPANDED_TOKENS = 50
MAX_REGEX_CHARS = 200
_EXACT = re.compile(r"\{(\d+)\}")
_RANGE = re.compile(r"\{(\d*),(\d*)\}")


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


def op_cost(op: object) -> tuple[int, int]:
    """(variable operators, tokens) an OP value stands for: `?`, `*`, `+` are one variable
    operator over one token, `{n,m}` is m-n optional tokens after n required ones, `{n}` is n
    tokens; anything else (no OP, `!`, `1`) is one fixed token."""
    text = str(op).strip()
    if text in ("?", "*", "+"):
        return 1, 1
    exact = _EXACT.fullmatch(text)
    if exact:
        return 0, int(exact.group(1))
    bounded = _RANGE.fullmatch(text)
    if bounded:
        low = int(bounded.group(1) or 0)
        high = bounded.group(2)
        if not high:  # {n,}: n required, then one repeating
            return 1, low + 1
        return max(int(high) - low, 0), max(int(high), low)
    return 0, 1


def _predicates(value: Any) -> Iterator[tuple[str, Any]]:
    """(KEY, value) of every predicate in a token spec, nested ones ({TEXT: {REGEX: ...}}) included."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield str(key).upper(), inner
            yield from _predicates(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _predicates(inner)


def pattern_cost(pattern: Pattern) -> tuple[int, int, bool]:
    """(variable operators, expanded tokens, uses REGEX or FUZZY) of a token pattern."""
    variable = tokens = 0
    matching = False
    for spec in pattern:
        ops, count = op_cost(spec.get("OP", spec.get("op", "")))
        variable += ops
        tokens += count
        matching = matching or any(key.startswith(("REGEX", "FUZZY")) for key, _ in _predicates(spec))
    return variable, tokens, matching


def cost_problem(index: int, pattern: Pattern, budget_left: int) -> Problem | None:
    """Why a pattern would cost too much to run on every analysis, or None."""
    where = f"known[{index}].pattern"
    variable, tokens, _ = pattern_cost(pattern)
    if variable > MAX_VARIABLE_OPS_PER_PATTERN:
        return Problem(
            index,
            TOO_COSTLY,
            f"{where} has {variable} optional or repeating tokens (OP ?, *, +, {{n,m}}); at most {MAX_VARIABLE_OPS_PER_PATTERN} "
            "are allowed, since each one doubles the matching work",
        )
    if tokens > MAX_EXPANDED_TOKENS:
        return Problem(
            index, TOO_COSTLY, f"{where} stands for {tokens} tokens once its OP counts are expanded; at most {MAX_EXPANDED_TOKENS}"
        )
    if variable > budget_left:
        return Problem(
            index,
            TOO_COSTLY,
            f"{where}: the patterns of the rules together have more than {MAX_VARIABLE_OPS_PER_RULES} optional or repeating tokens",
        )
    for key, value in (item for spec in pattern for item in _predicates(spec)):
        if key.startswith("REGEX") and len(str(value)) > MAX_REGEX_CHARS:
            return Problem(index, TOO_COSTLY, f"{where} has a REGEX of {len(str(value))} characters; at most {MAX_REGEX_CHARS}")
    return None


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
        # The entries in effect, and which of them bear a cost (see the module's docstring).
        self._entries: list[tuple[KnownEntry, Pattern]] = []
        self.costly: list[int] = []
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
        budget = MAX_VARIABLE_OPS_PER_RULES
        for index, raw in enumerate(rules.known):
            entry = read_known(raw, index)
            if isinstance(entry, Problem):
                problems.append(entry)
                continue
            pattern = text_pattern(self.nlp, entry) if isinstance(entry, KnownText) else entry.pattern
            problem = None
            if not isinstance(entry, KnownText):
                problem = cost_problem(index, pattern, budget) or pattern_problem(self.nlp, index, pattern)
            if problem is not None:
                problems.append(problem)
            else:
                if not isinstance(entry, KnownText):
                    budget -= pattern_cost(pattern)[0]
                entries.append((entry, pattern))
        try:
            self._install([{"label": entry.label, "pattern": pattern} for entry, pattern in entries])
            self.analyzer.ignore = IgnoreFilter(rules.ignore_texts, rules.ignore_labels)
        except Exception:
            # Half-applied rules would be worse than none: fall back to the model alone, and say so.
            self._install([])
            self.analyzer.ignore = IgnoreFilter()
            self.digest, self._answer = None, {"rules": None, "applied": 0, "problems": []}
            self._entries, self.costly = [], []
            raise
        self._entries = entries
        self.costly = [entry.index for entry, pattern in entries if not isinstance(entry, KnownText) and _bears_cost(pattern)]
        self.digest = digest
        self._answer = {"rules": digest, "applied": len(entries), "problems": [problem.to_json() for problem in problems]}
        log.info("entity rules %s: %d known entries applied, %d skipped", digest, len(entries), len(problems))
        return dict(self._answer)

    def describe(self, index: int) -> str:
        """A rule in effect as a message names it: its index in the list sent, label and pattern
        (the index alone would not say which file's entry it is)."""
        for entry, pattern in self._entries:
            if entry.index == index:
                shown = json.dumps(pattern, ensure_ascii=False)
                return f"known[{index}] {entry.label} {shown if len(shown) <= 160 else shown[:159] + '…'}"
        return f"known[{index}]"

    def disable_costly(self) -> list[int]:
        """Takes the costly patterns out of the pipeline (after an analysis they made fail) and
        returns their indices; they stay out until different rules are applied (a new hash)."""
        disabled = self.costly
        if disabled:
            kept = [(entry, pattern) for entry, pattern in self._entries if entry.index not in disabled]
            self._install([{"label": entry.label, "pattern": pattern} for entry, pattern in kept])
            self._entries, self.costly = kept, []
            problems = self._answer.get("problems", [])
            for index in disabled:
                problems.append(
                    Problem(index, TOO_COSTLY, f"known[{index}].pattern made an analysis fail; disabled until the rules change").to_json()
                )
            self._answer = {**self._answer, "applied": len(kept), "problems": problems}
            log.warning("entity rules %s: disabled costly patterns %s", self.digest, disabled)
        return disabled

    def _install(self, patterns: list[Mapping[str, Any]]) -> None:
        """A fresh ruler holding `patterns` after ner, or none when there are no patterns."""
        if RULER_NAME in self.nlp.pipe_names:
            self.nlp.remove_pipe(RULER_NAME)
        if patterns:
            ruler = self.nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner", config={"overwrite_ents": True})
            ruler.add_patterns(list(patterns))


def _bears_cost(pattern: Pattern) -> bool:
    variable, _, matching = pattern_cost(pattern)
    return variable > 0 or matching

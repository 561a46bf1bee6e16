"""A hostile rules file (issue 20, attacks 1 and 2): patterns over the cost bounds are refused
with TOO_COSTLY, and what gets past the bounds (a backtracking REGEX, a repeating token on a
broad condition) fails only its own request, naming the rules, which are then disabled until
the rules change. The outcome is bounded: the sidecar answers, and its memory stays under the
address-space limit it was given (not a timing assertion: the deadline makes the outcome end)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Spawn
from samsara_sidecar.entity_ruler import MAX_VARIABLE_OPS_PER_PATTERN, cost_problem, op_cost, pattern_cost
from sidecar_process import Sidecar, unbundled_command, unbundled_env

MEMORY_LIMIT_MB = 700
EIGHT_WORDS = "Ada Lovelace wrote notes on the Analytical Engine."


def optional_alpha(count: int) -> list[dict[str, Any]]:
    return [{"IS_ALPHA": True, "OP": "?"} for _ in range(count)]


def test_op_costs() -> None:
    assert op_cost("?") == (1, 1) and op_cost("+") == (1, 1) and op_cost("*") == (1, 1)
    assert op_cost("{3}") == (0, 3)
    assert op_cost("{0,40}") == (40, 40)
    assert op_cost("{2,}") == (1, 3)
    assert op_cost("!") == (0, 1) and op_cost("") == (0, 1)
    assert pattern_cost([{"TEXT": {"REGEX": "a"}}, {"LOWER": {"FUZZY1": "b"}}]) == (0, 2, True)


@pytest.mark.parametrize(
    "pattern",
    [
        optional_alpha(50),  # the pattern: 3 GB in 9 s on 8 words
        optional_alpha(30),
        optional_alpha(MAX_VARIABLE_OPS_PER_PATTERN + 1),
        [{"IS_ALPHA": True, "OP": "{0,40}"}],  # the same in one spec
        [{"IS_ALPHA": True, "OP": "{60}"}],  # 60 tokens once expanded
        [{"TEXT": {"REGEX": "a" * 201}}],
    ],
)
def test_patterns_over_the_bounds_are_refused(pattern: list[dict[str, Any]]) -> None:
    problem = cost_problem(4, pattern, 64)
    assert problem is not None and problem.code == "TOO_COSTLY" and problem.message.startswith("known[4].pattern")


def test_the_rules_share_one_budget() -> None:
    assert cost_problem(0, optional_alpha(8), 64) is None
    problem = cost_problem(9, optional_alpha(8), 7)
    assert problem is not None and "together" in problem.message


@pytest.fixture(scope="module")
def bounded(request: pytest.FixtureRequest) -> Any:
    """A sidecar under a 700 MiB address space and a 1 s deadline (the test's own budget)."""
    process = Sidecar(unbundled_command(), unbundled_env(SAMSARA_MEMORY_LIMIT_MB=str(MEMORY_LIMIT_MB), SAMSARA_DEADLINE_S="1"))
    process.wait_loaded()
    yield process
    process.stop()


def within_budget(sidecar: Sidecar) -> None:
    health = sidecar.request("health_check")["data"]
    assert health["status"] == "healthy"
    assert health["rss_bytes"] < MEMORY_LIMIT_MB * 1024 * 1024, health


def test_an_exponential_pattern_is_refused_and_analysis_goes_on(bounded: Sidecar) -> None:
    answer = bounded.request("set_entity_rules", known=[{"label": "X", "pattern": optional_alpha(50)}, {"label": "P", "text": "Ada"}])
    data = answer["data"]
    assert data["applied"] == 1
    assert [(p["index"], p["code"]) for p in data["problems"]] == [(0, "TOO_COSTLY")]
    result = bounded.request("analyze", text=EIGHT_WORDS)
    assert result["success"] is True, result
    within_budget(bounded)


def test_a_backtracking_regex_fails_its_request_then_is_disabled(bounded: Sidecar) -> None:
    rules = [{"label": "P", "text": "Ada"}, {"label": "X", "pattern": [{"TEXT": {"REGEX": "(a+)+$"}}]}]
    assert bounded.request("set_entity_rules", known=rules)["data"]["applied"] == 2
    hostile = "a" * 29 + "b " + EIGHT_WORDS  # one token; 43 s of backtracking without the deadline
    failed = bounded.request("analyze", text=hostile)
    assert failed["success"] is False, failed
    assert failed["error"]["code"] == "RULES_TOO_COSTLY"
    assert 'known[1] X [{"TEXT": {"REGEX": "(a+)+$"}}]' in failed["error"]["message"] and "disabled" in failed["error"]["message"]
    within_budget(bounded)
    again = bounded.request("analyze", text=hostile)  # the same text, re-sent: now served
    assert again["success"] is True, again
    assert {"label": "P", "text": "Ada", "start": 31, "end": 34} in again["data"]["results"][0]["entities"]
    # The same rules again keep it disabled; a change (a new hash) brings patterns back.
    assert bounded.request("set_entity_rules", known=rules)["data"]["applied"] == 1
    changed = bounded.request("set_entity_rules", known=[*rules, {"label": "Y", "text": "Engine"}])["data"]
    assert changed["applied"] == 3


def test_a_repeating_broad_token_fails_its_request_within_the_memory_limit(bounded: Sidecar) -> None:
    bounded.request("set_entity_rules", known=[{"label": "X", "pattern": [{"IS_ASCII": True, "OP": "+"}]}])
    failed = bounded.request("analyze", text=" ".join(["word"] * 5000))  # 21 GB without a limit
    assert failed["success"] is False, failed
    assert failed["error"]["code"] == "RULES_TOO_COSTLY" and "known[0]" in failed["error"]["message"]
    within_budget(bounded)
    assert bounded.request("analyze", text=EIGHT_WORDS)["success"] is True
    bounded.request("set_entity_rules", known=[])


def test_the_memory_limit_is_set_from_the_environment(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env(SAMSARA_MEMORY_LIMIT_MB="1400"))
    process.wait_loaded()
    limits = open(f"/proc/{process.proc.pid}/limits").read()  # noqa: SIM115 - a one-line read
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert str(1400 * 1024 * 1024) in line, line

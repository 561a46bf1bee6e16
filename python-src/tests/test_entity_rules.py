"""set_entity_rules over real stdio: known entries beat the model, ignored texts and labels
disappear, a bad entry is reported while the others apply, and analyze names the rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Spawn
from sidecar_process import Json, Sidecar, unbundled_command, unbundled_env

ENGINE = "Babbage designed the Difference Engine."
MADE_UP = "Qwixel Brandywort visited Paris."
HOBBITS = "FRODO BAGGINS met Frodo Baggins and Gandalf the Grey."
MOON = "Frodo Baggins walked to the Moon. He counted 3 stars."
# From samples/sample.md, where the model calls the machine an organisation.
SAMPLE = "Babbage later asked the British\ngovernment for \u00a317,000 to build his Difference Engine."


def analyze(sidecar: Sidecar, text: str) -> tuple[str | None, set[tuple[str, str]]]:
    """-> (the rules hash the answer names, {(text, label)})."""
    data = sidecar.request("analyze", text=text)["data"]
    return data["rules"], {(entity["text"], entity["label"]) for entity in data["results"][0]["entities"]}


def set_rules(sidecar: Sidecar, known: list[Any], **ignore: list[str]) -> Json:
    response = sidecar.request("set_entity_rules", known=known, ignore=ignore)
    assert response["success"] is True, response
    return response["data"]


@pytest.fixture()
def ruled(sidecar: Sidecar) -> Iterator[Sidecar]:
    """The module's sidecar, back to no rules after the test."""
    yield sidecar
    assert set_rules(sidecar, [])["rules"] is None


def test_known_text_overrides_the_model(ruled: Sidecar) -> None:
    rules, found = analyze(ruled, ENGINE)
    assert rules is None
    assert not any(text.endswith("Difference Engine") for text, _ in found)  # the model alone does not see it
    data = set_rules(ruled, [{"label": "PRODUCT", "text": "Difference Engine"}])
    assert data["applied"] == 1 and data["problems"] == []
    rules, found = analyze(ruled, ENGINE)
    assert rules == data["rules"]
    assert ("Difference Engine", "PRODUCT") in found


def test_a_known_text_relabels_what_the_model_labels_otherwise(ruled: Sidecar) -> None:
    assert ("Difference Engine", "ORG") in analyze(ruled, SAMPLE)[1]  # the model's label in the sample
    set_rules(ruled, [{"label": "PRODUCT", "text": "Difference Engine"}])
    found = analyze(ruled, SAMPLE)[1]
    assert ("Difference Engine", "PRODUCT") in found and ("Difference Engine", "ORG") not in found
    assert ("British", "NORP") in found  # the model's other entities stay


def test_made_up_name_becomes_a_person(ruled: Sidecar) -> None:
    assert ("Qwixel Brandywort", "ORG") in analyze(ruled, MADE_UP)[1]  # the model's guess
    set_rules(ruled, [{"label": "PERSON", "text": "Qwixel Brandywort"}])
    assert analyze(ruled, MADE_UP)[1] == {("Qwixel Brandywort", "PERSON"), ("Paris", "GPE")}


def test_case_insensitive_entries_match_any_case(ruled: Sidecar) -> None:
    set_rules(ruled, [{"label": "CHARACTER", "text": "frodo baggins", "case_insensitive": True}])
    found = analyze(ruled, HOBBITS)[1]
    assert {("FRODO BAGGINS", "CHARACTER"), ("Frodo Baggins", "CHARACTER")} <= found
    set_rules(ruled, [{"label": "CHARACTER", "text": "frodo baggins"}])  # case-sensitive: no match
    assert not any(label == "CHARACTER" for _, label in analyze(ruled, HOBBITS)[1])


def test_a_name_broken_across_lines_still_matches(ruled: Sidecar) -> None:
    set_rules(ruled, [{"label": "CHARACTER", "text": "Frodo Baggins"}])
    assert ("Frodo\nBaggins", "CHARACTER") in analyze(ruled, "Then Frodo\nBaggins left.")[1]


def test_pattern_entries_are_spacy_token_patterns(ruled: Sidecar) -> None:
    pattern = [{"LOWER": "gandalf"}, {"LOWER": "the"}, {"IS_TITLE": True}]
    assert set_rules(ruled, [{"label": "CHARACTER", "pattern": pattern}])["applied"] == 1
    assert ("Gandalf the Grey", "CHARACTER") in analyze(ruled, HOBBITS)[1]


def test_ignored_texts_and_labels_are_removed(ruled: Sidecar) -> None:
    found = analyze(ruled, MOON)[1]
    assert ("Moon", "PERSON") in found and ("3", "CARDINAL") in found  # what the model says
    set_rules(ruled, [], texts=["  moon "], labels=["CARDINAL"])
    after = analyze(ruled, MOON)[1]
    assert not any(text == "Moon" or label == "CARDINAL" for text, label in after)
    assert after == {(text, label) for text, label in found if text != "Moon" and label != "CARDINAL"}


def test_bad_entries_are_problems_and_the_others_apply(ruled: Sidecar) -> None:
    known = [
        {"label": "X", "pattern": [{"POS": "PROPN"}]},
        {"label": "PRODUCT", "text": "Difference Engine"},
        {"label": "X", "pattern": [{"LOWER": "a", "COLOUR": "red"}]},
        {"label": "X", "pattern": [{"OP": "*"}]},
        {"label": "X", "text": "a", "pattern": [{"LOWER": "a"}]},
        "Frodo",
        {"label": "PERSON", "text": "Qwixel Brandywort"},
    ]
    data = set_rules(ruled, known)
    assert data["applied"] == 2
    codes = {problem["index"]: problem["code"] for problem in data["problems"]}
    assert codes == {0: "NEEDS_COMPONENT", 2: "INVALID_PATTERN", 3: "INVALID_PATTERN", 4: "INVALID_ENTRY", 5: "INVALID_ENTRY"}
    assert "POS" in data["problems"][0]["message"] and "COLOUR" in data["problems"][1]["message"]
    found = analyze(ruled, f"{ENGINE} {MADE_UP}")[1]
    assert {("Difference Engine", "PRODUCT"), ("Qwixel Brandywort", "PERSON")} <= found
    assert ruled.request("health_check")["data"]["status"] == "healthy"  # still serving


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"known": {"label": "PERSON", "text": "Frodo"}},
        {"known": [], "ignore": ["Moon"]},
        {"known": [], "ignore": {"texts": "Moon"}},
        {"known": [], "ignore": {"labels": [1]}},
    ],
)
def test_malformed_requests_are_invalid_and_the_rules_stay(ruled: Sidecar, fields: dict[str, Any]) -> None:
    rules = set_rules(ruled, [{"label": "PRODUCT", "text": "Difference Engine"}])["rules"]
    ruled.send({"id": "bad", "action": "set_entity_rules", **fields})
    answer = ruled.read()
    assert (answer["id"], answer["success"], answer["error"]["code"]) == ("bad", False, "INVALID_REQUEST")
    assert analyze(ruled, ENGINE) == (rules, {("Difference Engine", "PRODUCT")})


def test_the_hash_names_the_rules(ruled: Sidecar) -> None:
    one = [{"label": "PRODUCT", "text": "Difference Engine"}, {"label": "CHARACTER", "pattern": [{"LOWER": "gandalf"}]}]
    first = set_rules(ruled, one, texts=["Moon", "Sun"], labels=["CARDINAL"])["rules"]
    assert isinstance(first, str) and len(first) == 16
    # The same rules written differently: key order, ignore order, spacing, the default spelled out.
    same = [
        {"text": "Difference  Engine", "label": "PRODUCT", "case_insensitive": False},
        {"pattern": [{"LOWER": "gandalf"}], "label": "CHARACTER"},
    ]
    assert set_rules(ruled, same, texts=["sun", "Moon"], labels=["CARDINAL"])["rules"] == first
    assert analyze(ruled, ENGINE)[0] == first
    others = [
        set_rules(ruled, one[:1], texts=["Moon", "Sun"], labels=["CARDINAL"])["rules"],
        set_rules(ruled, one, texts=["Moon"], labels=["CARDINAL"])["rules"],
        set_rules(ruled, one, texts=["Moon", "Sun"], labels=["DATE"])["rules"],
        set_rules(ruled, [{**one[0], "case_insensitive": True}, one[1]], texts=["Moon", "Sun"], labels=["CARDINAL"])["rules"],
    ]
    assert len({first, *others}) == 5


def test_empty_rules_remove_their_effect(ruled: Sidecar) -> None:
    before = analyze(ruled, MOON)
    set_rules(ruled, [{"label": "CHARACTER", "text": "Frodo Baggins"}], texts=["Moon"])
    assert ruled.request("health_check")["data"]["pipeline"] == ["ner", "samsara_rules"]
    assert analyze(ruled, MOON)[1] == {("Frodo Baggins", "CHARACTER"), ("3", "CARDINAL")}
    assert set_rules(ruled, [], texts=[], labels=[]) == {"rules": None, "applied": 0, "problems": []}
    assert analyze(ruled, MOON) == before
    assert ruled.request("health_check")["data"]["pipeline"] == ["ner"]


def test_rules_apply_to_long_texts_in_memory_zones(spawn: Spawn) -> None:
    # Every request zoned, and texts split into pieces: the ruler works in both.
    process = spawn(unbundled_command("--vocab-cap", "0", "--max-length", "200"), unbundled_env())
    process.wait_loaded()
    set_rules(process, [{"label": "PERSON", "text": "Qwixel Brandywort"}], labels=["GPE"])
    text = " ".join([MADE_UP] * 40)
    assert analyze(process, text)[1] == {("Qwixel Brandywort", "PERSON")}
    entities = process.request("analyze", text=text)["data"]["results"][0]["entities"]
    assert len(entities) == 40 and all(text[e["start"] : e["end"]] == "Qwixel Brandywort" for e in entities)


def test_rules_work_with_another_pipeline_that_has_a_component_of_our_name(spawn: Spawn, tmp_path: Path) -> None:
    import spacy

    # A different pipeline: its own (untrained) NER with its own label, and a ruler named like ours
    # that tags every "Paris" WRONG. Ours must replace it, after this pipeline's ner.
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="samsara_rules").add_patterns([{"label": "WRONG", "pattern": "Paris"}])
    nlp.add_pipe("ner").add_label("ANIMAL")
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    process = spawn(unbundled_command("--model", str(tmp_path / "pipeline")), unbundled_env())
    assert process.wait_loaded()["labels"] == {"ANIMAL": "ANIMAL"}
    assert process.request("health_check")["data"]["pipeline"] == ["ner"]
    data = set_rules(process, [{"label": "PERSON", "text": "Qwixel Brandywort"}, {"label": "CITY", "pattern": [{"ORTH": "Paris"}]}])
    assert data["applied"] == 2
    found = analyze(process, MADE_UP)[1]
    assert {("Qwixel Brandywort", "PERSON"), ("Paris", "CITY")} <= found
    assert not any(label == "WRONG" for _, label in found)
    assert process.request("health_check")["data"]["pipeline"] == ["ner", "samsara_rules"]

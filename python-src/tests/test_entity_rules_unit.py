"""Entity rules driven directly: reading entries, the hash, the ignore filter, the patterns made
from texts, and how the ruler is (not) rebuilt."""

from __future__ import annotations

from typing import Any

import pytest
from samsara_sidecar import protocol
from samsara_sidecar.analyzer import Analyzer
from samsara_sidecar.entity_ruler import RULER_NAME, AppliedEntityRules, pattern_problem, text_pattern
from samsara_sidecar.entity_rules import EntityRules, IgnoreFilter, KnownPattern, KnownText, Problem, read_known


@pytest.fixture()
def nlp() -> Any:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("ner")  # the ruler goes after ner; nothing here runs the pipeline
    return blank


def test_known_entries_are_read_or_reported() -> None:
    assert read_known({"label": "PERSON", "text": " Frodo \n Baggins ", "note": "x"}, 0) == KnownText(0, "PERSON", "Frodo Baggins", False)
    assert read_known({"label": "P", "pattern": [{"LOWER": "a"}]}, 1) == KnownPattern(1, "P", [{"LOWER": "a"}])
    for raw, code in [
        ("Frodo", "INVALID_ENTRY"),
        ({"text": "Frodo"}, "INVALID_ENTRY"),
        ({"label": " ", "text": "Frodo"}, "INVALID_ENTRY"),
        ({"label": "P"}, "INVALID_ENTRY"),
        ({"label": "P", "text": "a", "pattern": []}, "INVALID_ENTRY"),
        ({"label": "P", "text": "   "}, "INVALID_ENTRY"),
        ({"label": "P", "text": 5}, "INVALID_ENTRY"),
        ({"label": "P", "text": "a", "case_insensitive": "yes"}, "INVALID_ENTRY"),
        ({"label": "P", "pattern": []}, "INVALID_PATTERN"),
        ({"label": "P", "pattern": "Frodo"}, "INVALID_PATTERN"),
        ({"label": "P", "pattern": ["Frodo"]}, "INVALID_PATTERN"),
    ]:
        problem = read_known(raw, 7)
        assert isinstance(problem, Problem) and (problem.index, problem.code) == (7, code), raw


def digest(*known: Any, texts: tuple[str, ...] = ("Moon", "sun"), labels: tuple[str, ...] = ("CARDINAL", "DATE")) -> str | None:
    return EntityRules(known, texts, labels).digest()


def test_digest_is_none_without_rules_and_ignores_spelling() -> None:
    assert EntityRules().digest() is None
    assert EntityRules((), (), ()).is_empty()
    base = digest({"label": "P", "text": "Frodo Baggins"})
    assert base is not None and len(base) == 16
    respelled = {"text": "Frodo  Baggins", "case_insensitive": False, "label": "P"}
    assert digest(respelled, texts=("SUN", " moon"), labels=("DATE", "CARDINAL")) == base
    assert digest({"label": "P", "text": "Frodo Baggins", "case_insensitive": True}) != base
    assert digest({"label": "Q", "text": "Frodo Baggins"}) != base
    assert digest({"label": "P", "text": "Frodo Baggins"}, 5) != base  # a skipped entry is still part of what was sent
    assert digest({"label": "P", "text": "Frodo Baggins"}, texts=("Moon",)) != base
    assert EntityRules(ignore_labels=("CARDINAL",)).digest() != EntityRules(ignore_texts=("CARDINAL",)).digest()


def test_ignore_filter_compares_texts_loosely_and_labels_exactly() -> None:
    keeps = IgnoreFilter((" the  Moon", "Sun"), ("CARDINAL",)).keeps
    assert not keeps("LOC", "THE MOON") and not keeps("LOC", "the\nmoon") and not keeps("PERSON", "sun")
    assert keeps("LOC", "Moon") and keeps("LOC", "the Moons")
    assert not keeps("CARDINAL", "3") and keeps("cardinal", "3")
    assert IgnoreFilter().keeps("CARDINAL", "Moon")


def test_set_entity_rules_requests_parse() -> None:
    line = b'{"id":"r","action":"set_entity_rules","known":[{"label":"P","text":"a"},3],"ignore":{"texts":["Moon"]}}'
    request = protocol.parse_request(protocol.decode_line(line))
    assert request == protocol.SetEntityRulesRequest("r", EntityRules(({"label": "P", "text": "a"}, 3), ("Moon",), ()))
    bare = protocol.parse_request(protocol.decode_line(b'{"id":"r","action":"set_entity_rules","known":[]}'))
    assert isinstance(bare, protocol.SetEntityRulesRequest) and bare.rules.is_empty()


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ("", '"known" must be an array of entries, got missing'),
        (',"known":{}', "got a object"),
        (',"known":null', "got a null"),
        (',"known":[],"ignore":[]', '"ignore" must be an object'),
        (',"known":[],"ignore":{"texts":"Moon"}', '"ignore.texts" must be an array of strings'),
        (',"known":[],"ignore":{"labels":[null]}', '"ignore.labels"'),
    ],
)
def test_malformed_set_entity_rules_is_invalid_request(fields: str, needle: str) -> None:
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.parse_request(protocol.decode_line(f'{{"id":"r","action":"set_entity_rules"{fields}}}'.encode()))
    assert (caught.value.code, caught.value.request_id) == (protocol.INVALID_REQUEST, "r")
    assert needle in caught.value.message


def test_text_patterns_follow_the_tokenizer_and_allow_whitespace_between_words(nlp: Any) -> None:
    assert text_pattern(nlp, KnownText(0, "P", "Frodo Baggins's", False)) == [
        {"ORTH": "Frodo"},
        {"IS_SPACE": True, "OP": "*"},
        {"ORTH": "Baggins"},
        {"ORTH": "'s"},
    ]
    assert text_pattern(nlp, KnownText(0, "P", "U.S. Army", True)) == [{"LOWER": "u.s."}, {"IS_SPACE": True, "OP": "*"}, {"LOWER": "army"}]


@pytest.mark.parametrize(
    ("pattern", "code", "needle"),
    [
        ([{"LOWER": "a"}, {"IS_TITLE": True, "OP": "+"}], None, ""),
        ([{"TEXT": {"REGEX": "^[A-Z]"}}, {"ENT_TYPE": "PERSON"}], None, ""),
        ([{"lemma": "be"}], "NEEDS_COMPONENT", "lemmatizer"),
        ([{"LOWER": "a"}, {"DEP": "nsubj"}], "NEEDS_COMPONENT", "parser"),
        ([{"IS_SENT_START": True}], "NEEDS_COMPONENT", "senter"),
        ([{"_": {"mine": True}}], "NEEDS_COMPONENT", "custom"),
        ([{"LOWER": 5}], "INVALID_PATTERN", "LOWER"),
        ([{"LOWER": "a", "OP": "often"}], "INVALID_PATTERN", "OP"),
        ([{"OP": "+"}], "INVALID_PATTERN", "match everywhere"),
        ([{"LOWER": "a"}, {"OP": "{2,}"}], "INVALID_PATTERN", "pattern[1]"),
        ([{"TEXT": {"REGEX": "("}}], "INVALID_PATTERN", "error"),
    ],
)
def test_pattern_problems(nlp: Any, pattern: list[dict[str, Any]], code: str | None, needle: str) -> None:
    problem = pattern_problem(nlp, 3, pattern)
    if code is None:
        assert problem is None
    else:
        assert problem is not None and (problem.index, problem.code) == (3, code) and needle in problem.message


def test_same_rules_again_keep_the_ruler_and_new_rules_replace_it(nlp: Any) -> None:
    applied = AppliedEntityRules(nlp, Analyzer(nlp))
    rules = EntityRules(({"label": "P", "text": "Frodo"}, {"label": "P", "pattern": [{"POS": "X"}]}))
    first = applied.apply(rules)
    assert (first["applied"], [p["code"] for p in first["problems"]]) == (1, ["NEEDS_COMPONENT"])
    ruler = nlp.get_pipe(RULER_NAME)
    assert nlp.pipe_names == ["ner", RULER_NAME]
    assert applied.apply(EntityRules(({"text": "Frodo", "label": "P"}, {"label": "P", "pattern": [{"POS": "X"}]}))) == first
    assert nlp.get_pipe(RULER_NAME) is ruler  # unchanged hash: nothing rebuilt
    applied.apply(EntityRules(({"label": "P", "text": "Sam"},)))
    assert nlp.get_pipe(RULER_NAME) is not ruler and len(nlp.get_pipe(RULER_NAME)) == 1
    assert applied.apply(EntityRules(ignore_texts=("Moon",)))["applied"] == 0
    assert nlp.pipe_names == ["ner"]  # ignore lists need no ruler


def test_a_failure_while_applying_leaves_no_rules(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    analyzer = Analyzer(nlp)
    applied = AppliedEntityRules(nlp, analyzer)
    applied.apply(EntityRules(({"label": "P", "text": "Frodo"},), ("Moon",)))
    real_install = applied._install

    def failing_install(patterns: list[Any]) -> None:
        real_install(patterns)
        if patterns:
            raise RuntimeError("boom")

    monkeypatch.setattr(applied, "_install", failing_install)
    with pytest.raises(RuntimeError):
        applied.apply(EntityRules(({"label": "P", "text": "Sam"},)))
    assert applied.digest is None and nlp.pipe_names == ["ner"] and analyzer.ignore.keeps("LOC", "Moon")

"""Memory stays bounded: the vocabulary keeps at most `vocab_cap` new strings, after which
every request runs in a memory zone and adds nothing that outlives it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Spawn
from samsara_sidecar import model_loader
from samsara_sidecar.analyzer import Analyzer
from sidecar_process import unbundled_command, unbundled_env


@pytest.fixture(scope="module")
def nlp() -> Iterator[Any]:
    yield model_loader.load("en_core_web_sm").nlp


def unique_texts(start: int, count: int) -> list[str]:
    # Made-up words, new to the vocabulary: each would add strings and lexemes for good.
    return [f"Zorblat{n} met Quenvik{n} in Paris on 3 May {1900 + n % 100}." for n in range(start, start + count)]


def test_vocabulary_stops_growing_at_the_cap(nlp: Any) -> None:
    analyzer = Analyzer(nlp, vocab_cap=300)  # a request of 5 texts (~230 characters) counts ~57
    base = len(nlp.vocab.strings)
    for n in range(0, 1000, 5):
        analyzer.analyze(unique_texts(n, 5))
    grown = len(nlp.vocab.strings) - base
    # Words are kept (a few new strings per text) until a request could cross the cap.
    assert 300 - 70 <= grown < 300
    before = len(nlp.vocab.strings)
    for n in range(2000, 2500, 5):
        analyzer.analyze(unique_texts(n, 5))
    assert len(nlp.vocab.strings) == before


def test_a_request_larger_than_the_cap_runs_in_a_zone(nlp: Any) -> None:
    analyzer = Analyzer(nlp, vocab_cap=100)
    analyzer._base_strings = len(nlp.vocab.strings)  # fresh budget for this test
    before = len(nlp.vocab.strings)
    analyzer.analyze([" ".join(unique_texts(5000, 50))])  # ~2,300 characters, could add > 100 strings
    assert len(nlp.vocab.strings) == before


def test_zoned_and_cached_analysis_give_the_same_entities(nlp: Any) -> None:
    texts = [*unique_texts(9000, 5), "Tim Cook said 🚀 Apple paid $40 million in March 2024."]
    cached = Analyzer(nlp, vocab_cap=10**9).analyze(texts)
    zoned = Analyzer(nlp, vocab_cap=0).analyze(texts)
    assert cached == zoned
    assert any(entities for entities in zoned)


def test_sidecar_with_every_request_zoned_serves_many_requests(spawn: Spawn) -> None:
    process = spawn(unbundled_command("--vocab-cap", "0"), unbundled_env())
    process.wait_loaded()
    texts = unique_texts(20000, 10)
    first = process.request("analyze", texts=texts)["data"]
    for n in range(30):
        assert process.request("analyze", texts=unique_texts(30000 + 10 * n, 10))["success"] is True
    assert process.request("analyze", texts=texts)["data"] == first


def test_freed_heap_memory_goes_back_once_enough_text_was_analysed(nlp: Any) -> None:
    analyzer = Analyzer(nlp, trim_after_chars=100)
    analyzer.analyze(unique_texts(30000, 1))  # ~45 characters: not yet
    assert analyzer.release_memory() is False
    analyzer.analyze(unique_texts(30001, 3))
    assert analyzer.release_memory() is True  # glibc's malloc_trim (these machines are Linux)
    assert analyzer.release_memory() is False, "nothing analysed since"

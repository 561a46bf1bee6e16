"""Train a small `ner` for the test pipelines of other languages (zh_pipeline.py, ja_pipeline.py):
a few sentences with their entity spans, a fixed seed and a fixed number of updates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

Sentences = list[tuple[str, list[tuple[int, int, str]]]]


def train_ner(nlp: Language, sentences: Sentences, iterations: int = 30) -> None:
    """Add an `ner` to `nlp` and train it on `sentences` ((text, [(start, end, label)]))."""
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(0)
    nlp.add_pipe("ner")

    def examples() -> list[Example]:
        return [Example.from_dict(nlp.make_doc(text), {"entities": spans}) for text, spans in sentences]

    optimizer = nlp.initialize(examples)
    for _ in range(iterations):
        nlp.update(examples(), sgd=optimizer)

"""The context the server gives each unit of prose (server/src/analysis/analysisUnits.ts,
CONTEXT_WORDS words on each side of its core) covers the pipeline's receptive field, read from
the bundled pipeline itself: NER reads each token through a CNN of `depth` layers of `window_size`
tokens each side. A word is at least one token, so CONTEXT_WORDS words are at least that many
tokens; twice the field leaves room for the NER's state to settle after a non-entity token."""

from __future__ import annotations

import re
from pathlib import Path

from samsara_sidecar import model_loader

UNITS = Path(__file__).resolve().parents[2] / "server" / "src" / "analysis" / "analysisUnits.ts"


def receptive_field(nlp: object) -> int:
    encode = nlp.config["components"]["ner"]["model"]["tok2vec"]["encode"]  # type: ignore[attr-defined]
    return int(encode["depth"]) * int(encode["window_size"])


def test_the_server_context_is_twice_the_ner_receptive_field_or_more() -> None:
    nlp = model_loader.load("en_core_web_sm").nlp
    field = receptive_field(nlp)
    assert field == 4  # en_core_web_sm 3.8: depth 4, window 1
    words = int(re.search(r"export const CONTEXT_WORDS = (\d+);", UNITS.read_text(encoding="utf-8")).group(1))  # type: ignore[union-attr]
    assert words >= 2 * field


def test_a_unit_with_that_context_finds_the_core_entities_of_the_whole_text() -> None:
    nlp = model_loader.load("en_core_web_sm").nlp
    text = (
        "A day for firm decisions!  Or is it?\n%\nThe only way to have a friend is to be one.\n"
        "\t\t-- Ralph Waldo Emerson\n%\nNothing is so firmly believed as what we least know.\n\t\t-- Montaigne\n%\n"
    )
    whole = {(e.label_, e.start_char, e.end_char) for e in nlp(text).ents}
    core_start = text.index("The only")
    core_end = text.index("\n%\nNothing")
    words = text[:core_start].split()[-8:]
    before = text.rindex(words[0], 0, core_start)
    after_words = text[core_end:].split()[:8]
    after = text.index(after_words[-1], core_end) + len(after_words[-1])
    unit = nlp(text[before:after])
    kept = {(e.label_, before + e.start_char, before + e.end_char) for e in unit.ents if core_start <= before + e.start_char < core_end}
    assert kept == {span for span in whole if core_start <= span[1] < core_end}
    assert kept, "the attribution is an entity"

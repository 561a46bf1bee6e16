"""spaCy's own answer for the fidelity bench (bench/fidelityBench.ts): `nlp(text)` of each text.

Reads a JSON array of texts from the file named by argv[2], loads the pipeline directory argv[1]
the way the sidecar does (every component but `ner` excluded: they do not change its entities),
and prints one JSON array per text of [label, start, end], offsets in UTF-16 code units (the
server's unit), spans that hold no letter or digit left out as the sidecar leaves them out.
"""

from __future__ import annotations

import json
import re
import sys

import spacy

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def main() -> None:
    model, texts_file = sys.argv[1], sys.argv[2]
    names = spacy.util.load_config(model + "/config.cfg")["nlp"]["pipeline"]
    nlp = spacy.load(model, exclude=[name for name in names if name != "ner"])
    with open(texts_file, encoding="utf-8") as file:
        texts = json.load(file)
    nlp.max_length = max([nlp.max_length, *(len(text) + 1 for text in texts)])
    out = []
    for doc in nlp.pipe(texts):
        astral = [m.start() for m in _ASTRAL.finditer(doc.text)]

        def utf16(index: int, astral: list[int] = astral) -> int:
            return index + sum(1 for a in astral if a < index)

        out.append(
            [[ent.label_, utf16(ent.start_char), utf16(ent.end_char)] for ent in doc.ents if any(char.isalnum() for char in ent.text)]
        )
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

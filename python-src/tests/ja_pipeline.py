"""A small Japanese pipeline of the same kind as spaCy's ja_core_news_*, for tests (no ja wheel can be
fetched on the build machines; PyPI's ja-core-news-sm is a placeholder): spaCy's Japanese tokenizer
(SudachiPy with Sudachi's dictionary) and an `ner` trained on a few sentences (PERSON, GPE).

The dictionary (sudachidict_core, fetched by scripts/fetch-sudachidict.sh) is unpacked as the server's
pipeline store does, into `OUTDIR/support/<name>-<version>/`; that `support` folder is what
SAMSARA_SUPPORT_PACKAGES names for the sidecar. Used by test_japanese.py and, as a script, by other
suites: `python ja_pipeline.py OUTDIR --dictionary-wheel WHEEL` prints only the pipeline folder.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from ner_training import train_ner

SUPPORT = "support"  # OUTDIR/support: the folder to pass as SAMSARA_SUPPORT_PACKAGES
PIPELINE = "ja_sudachi_test"
# Sudachi's words: 田中|さん|は|東京|で|働い|て|い|ます|。 (entities are whole words).
NER_SENTENCES = [
    ("田中さんは東京で働いています。", [(0, 2, "PERSON"), (5, 7, "GPE")]),
    ("山田さんは大阪に住んでいます。", [(0, 2, "PERSON"), (5, 7, "GPE")]),
    ("佐藤さんと田中さんは京都へ行きました。", [(0, 2, "PERSON"), (5, 7, "PERSON"), (10, 12, "GPE")]),
    ("鈴木さんは東京に住んでいます。", [(0, 2, "PERSON"), (5, 7, "GPE")]),
    ("山田さんと佐藤さんは大阪で働いています。", [(0, 2, "PERSON"), (5, 7, "PERSON"), (10, 12, "GPE")]),
]


def unpack_dictionary(wheel: Path, support: Path) -> Path:
    """Unpack the dictionary wheel into `support/<name>-<version>/` (a wheel is a zip of what
    site-packages would hold) and return that folder."""
    name, version = wheel.name.split("-")[:2]
    folder = support / f"{name}-{version}"
    if not (folder / name / "__init__.py").is_file():
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(folder)
    return folder


def build_pipeline(root: Path, dictionary_wheel: Path) -> Path:
    """A ja pipeline folder under `root`, its dictionary unpacked in `root/support` and put on this
    process's sys.path (spaCy's Japanese tokenizer needs it to build and to load the pipeline)."""
    folder = str(unpack_dictionary(dictionary_wheel, root / SUPPORT))
    if folder not in sys.path:
        sys.path.append(folder)

    import spacy

    nlp = spacy.blank("ja")
    train_ner(nlp, NER_SENTENCES)
    nlp.meta.update(name="sudachi_test", version="0.0.1", license="MIT")
    pipeline = root / PIPELINE
    nlp.to_disk(pipeline)
    return pipeline


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dictionary-wheel", type=Path, required=True, help="sudachidict_core-*.whl (scripts/fetch-sudachidict.sh)")
    args = parser.parse_args()
    print(build_pipeline(args.outdir.resolve(), args.dictionary_wheel.resolve()))

"""A small Chinese pipeline of the same kind as spaCy's zh_core_web_*, for tests (no zh wheel can be
fetched on the build machines): a pkuseg segmenter trained from a tiny corpus, spaCy's pkuseg
tokenizer, and an `ner` trained on a few sentences (PERSON, GPE). Used by test_chinese.py and,
through `python zh_pipeline.py DIR` (prints the pipeline folder), by the TypeScript integration
tests (test/helpers/chinesePipeline.ts)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from ner_training import train_ner

# The segmenter's corpus: words separated by spaces, one sentence a line (pkuseg needs >= 10).
CORPUS = """我 爱 北京 天安门
李明 在 上海 工作
王芳 住 在 北京
北京 是 中国 的 首都
上海 有 很多 人
李明 和 王芳 去 天安门
中国 的 首都 是 北京
王芳 在 上海 工作
我 住 在 上海
李明 爱 中国
很多 人 去 北京
王芳 和 李明 是 朋友
"""
NER_SENTENCES = [
    ("李明在上海工作", [(0, 2, "PERSON"), (3, 5, "GPE")]),
    ("王芳住在北京", [(0, 2, "PERSON"), (4, 6, "GPE")]),
    ("李明和王芳去北京", [(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 8, "GPE")]),
    ("王芳在上海工作", [(0, 2, "PERSON"), (3, 5, "GPE")]),
]


def build_pipeline(root: Path) -> Path:
    """A zh pipeline folder (config.cfg + meta.json) whose tokenizer is a pkuseg model trained here."""
    import spacy
    import spacy_pkuseg

    root.mkdir(parents=True, exist_ok=True)
    corpus = root / "corpus.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    segmenter = root / "pkuseg"
    with contextlib.redirect_stdout(sys.stderr):  # its progress; stdout says only where the pipeline is
        spacy_pkuseg.train(str(corpus), str(corpus), str(segmenter), train_iter=5)

    config = {"nlp": {"tokenizer": {"segmenter": "pkuseg"}}, "initialize": {"tokenizer": {"pkuseg_model": str(segmenter)}}}
    nlp = spacy.blank("zh", config=config)
    train_ner(nlp, NER_SENTENCES)
    nlp.meta.update(name="pkuseg_test", version="0.0.1", license="MIT")
    folder = root / "zh_pkuseg_test"
    nlp.to_disk(folder)
    return folder


if __name__ == "__main__":
    print(build_pipeline(Path(sys.argv[1])))

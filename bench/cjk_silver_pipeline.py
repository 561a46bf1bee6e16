"""Japanese and Chinese pipelines with an `ner` that finds many names on real prose, for the CJK
fidelity bench (bench/cjkFidelityBench.ts). No ja_core_news / zh_core_web wheel can be fetched
here and the test pipelines (python-src/tests/ja_pipeline.py, zh_pipeline.py) learn 5 sentences, so
they find almost nothing on real prose and their agreement would say nothing. This trains spaCy's
default `ner` (its CNN tok2vec: depth 4, window 1, the receptive field the context rule of
server/src/analysis/analysisUnits.ts is built for) on SILVER labels of a TUNING part of the corpus:
- Japanese: Sudachi's part of speech (token.tag_): runs of 名詞-固有名詞-人名 PERSON, -地名 GPE,
  -組織名 ORG, and other proper nouns (名詞-固有名詞-一般, mostly Debian, Linux, GNU...) PRODUCT.
  The corpus names few people or places in Japanese script (about 60 such words in all), so most
  of these are Latin words Sudachi calls proper nouns (Unix, usr, even "may"), read amid Japanese
  tokens: the model's answer still depends on its Japanese neighbours, which is what the
  windows and context are measured on;
- Chinese: spaCy's character segmenter (pkuseg's own model cannot be fetched) and runs of Latin
  words that start with a capital (Debian, Linux, GNU...) PRODUCT, or a few place names GPE.
The model then predicts on the HELD-OUT chapters only; which chapters is fixed here, by file.
Corpus: Debian's debian-reference-ja / -zh-cn (paragraphs of <p>...</p>, as bench/japanese_bench.py).

`python cjk_silver_pipeline.py ja|zh OUTDIR [--dictionary-wheel WHEEL]` builds OUTDIR/<pipeline>,
writes OUTDIR/heldout.json (the held-out paragraphs, by chapter) and prints one JSON object:
pipeline, support (the SAMSARA_SUPPORT_PACKAGES folder, Japanese only), tuning and held-out chapters,
paragraphs, characters and silver entities."""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import random
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path("/usr/share/debian-reference")
# Held out, never trained on: about half of each corpus (ja 105 K characters, zh 63 K).
HELD_OUT = ("ch01", "ch06", "ch09", "ch10", "ch12")
EPOCHS = 6
JA_TAGS = {"人名": "PERSON", "地名": "GPE", "組織名": "ORG", "一般": "PRODUCT"}
ZH_LATIN = re.compile(r"[A-Z][A-Za-z0-9+]*(?:[ .-][A-Z][A-Za-z0-9+]*)*")
ZH_PLACES = ("中国", "美国", "日本", "德国", "法国", "英国", "欧洲", "北京", "上海", "台湾", "香港", "印度")


def paragraphs(page: Path) -> list[str]:
    texts = []
    for match in re.finditer(r"<p>(.*?)</p>", page.read_text(encoding="utf-8"), re.DOTALL):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()
        if len(text) >= 40:
            texts.append(text)
    return texts


def chapters(suffix: str) -> dict[str, list[str]]:
    """Each page of the corpus (apa, ch01..ch12, pr01; not the index) and its paragraphs."""
    pages = sorted(CORPUS.glob(f"*.{suffix}.html"))
    return {page.name.split(".")[0]: paragraphs(page) for page in pages if not page.name.startswith("index.")}


def ja_silver(doc: Doc) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for token in doc:
        parts = token.tag_.split("-")
        label = JA_TAGS.get(parts[2]) if parts[:2] == ["名詞", "固有名詞"] and len(parts) > 2 else None
        if label is None:
            continue
        if spans and spans[-1][2] == label and spans[-1][1] == token.idx:
            spans[-1] = (spans[-1][0], token.idx + len(token.text), label)
        else:
            spans.append((token.idx, token.idx + len(token.text), label))
    return spans


def zh_silver(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), "PRODUCT") for m in ZH_LATIN.finditer(text) if len(m.group()) > 1]
    for place in ZH_PLACES:
        spans += [(m.start(), m.end(), "GPE") for m in re.finditer(place, text)]
    return sorted(spans)


def train(nlp: Language, texts: list[str], silver: list[list[tuple[int, int, str]]]) -> None:
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]  # unexported in its stubs

    fix_random_seed(0)
    nlp.add_pipe("ner")
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": spans}) for text, spans in zip(texts, silver, strict=True)]
    optimizer = nlp.initialize(lambda: examples)
    for epoch in range(EPOCHS):
        random.Random(epoch).shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=16):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        print(f"epoch {epoch}: ner loss {losses.get('ner', 0):.0f}", file=sys.stderr)


def build(language: str, root: Path, dictionary_wheel: Path | None) -> dict[str, object]:
    import spacy

    root.mkdir(parents=True, exist_ok=True)
    support = None
    if language == "ja":
        if dictionary_wheel is None:
            raise SystemExit("ja needs --dictionary-wheel (scripts/fetch-sudachidict.sh)")
        sys.path.insert(0, str(REPO / "python-src" / "tests"))
        from ja_pipeline import SUPPORT, unpack_dictionary

        sys.path.append(str(unpack_dictionary(dictionary_wheel, root / SUPPORT)))
        support = str(root / SUPPORT)
        nlp = spacy.blank("ja")
    else:
        nlp = spacy.blank("zh")  # the character segmenter
    pages = chapters("ja" if language == "ja" else "zh-cn")
    tuning = [text for name, texts in pages.items() if name not in HELD_OUT for text in texts]
    held_out = {name: texts for name, texts in pages.items() if name in HELD_OUT}
    silver = [ja_silver(nlp.make_doc(text)) if language == "ja" else zh_silver(text) for text in tuning]
    with contextlib.redirect_stdout(sys.stderr):
        train(nlp, tuning, silver)
    nlp.meta.update(name=f"{language}_silver_bench", version="0.0.1", license="MIT")
    pipeline = root / f"{language}_silver_bench"
    nlp.to_disk(pipeline)
    (root / "heldout.json").write_text(json.dumps(held_out, ensure_ascii=False), encoding="utf-8")
    found = sum(len(nlp(text).ents) for texts in held_out.values() for text in texts)
    return {
        "pipeline": str(pipeline),
        "support": support,
        "tuning": sorted(name for name in pages if name not in HELD_OUT),
        "heldOut": sorted(held_out),
        "tuningParagraphs": len(tuning),
        "tuningChars": sum(map(len, tuning)),
        "tuningSilver": sum(map(len, silver)),
        "heldOutParagraphs": sum(map(len, held_out.values())),
        "heldOutChars": sum(len(text) for texts in held_out.values() for text in texts),
        "heldOutPredicted": found,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("language", choices=["ja", "zh"])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dictionary-wheel", type=Path, help="sudachidict_core-*.whl (scripts/fetch-sudachidict.sh)")
    args = parser.parse_args()
    wheel = args.dictionary_wheel.resolve() if args.dictionary_wheel else None
    print(json.dumps(build(args.language, args.outdir.resolve(), wheel)))

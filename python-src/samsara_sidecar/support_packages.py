"""Python packages that come with a pipeline instead of with the bundle, put on sys.path.

Why: spaCy's Japanese tokenizer calls `sudachipy.Dictionary()`, which imports the
`sudachidict_core` package by name to find its dictionary (198 MB unpacked: too big to bundle).
The server fetches that package with the Japanese pipeline and unpacks it into a folder of its
own under $SAMSARA_SUPPORT_PACKAGES (e.g. `<folder>/sudachidict_core-20261015/` holding
`sudachidict_core/` and its .dist-info); each such sub-folder becomes a sys.path entry.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

ENV_VAR = "SAMSARA_SUPPORT_PACKAGES"


def add_support_packages(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Append each real sub-folder of $SAMSARA_SUPPORT_PACKAGES to sys.path (sorted, once).

    Returns the folders appended by this call. Unset or missing folder: nothing changes. Symlinks
    are skipped: the store unpacks real folders, and a link could point anywhere. Hidden folders
    are skipped: the store unpacks into `.install-*` and renames it when complete, so one left by
    an interrupted install holds a partial dictionary that would be imported first."""
    folder = environ.get(ENV_VAR)
    if not folder:
        return []
    root = Path(folder)
    try:
        children = sorted(root.iterdir()) if root.is_dir() else []
    except OSError as exc:
        log.warning("%s=%s cannot be read (%s); no support packages", ENV_VAR, folder, exc)
        return []
    added: list[Path] = []
    for child in children:
        entry = str(child)
        if child.name.startswith(".") or child.is_symlink() or not child.is_dir() or entry in sys.path:
            continue
        sys.path.append(entry)
        added.append(child)
        log.info("support packages: %s added to the import path", entry)
    return added

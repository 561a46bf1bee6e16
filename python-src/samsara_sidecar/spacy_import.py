"""Import spaCy without its command line.

`spacy/__init__.py` imports `spacy.cli.info` for the `spacy.info` helper, and with it the whole
command line: typer, weasel, requests, the training and project commands. The sidecar never runs
a spaCy command, and that import is about a third of spaCy's import time, which is most of a
cold start: the first coloured entity waits for it. So before spaCy is first imported, a stand-in
`spacy.cli` package takes its place; `spacy.info` then says it is not available here. Loading a
pipeline and running it touch nothing of the command line (the tests compare entities with a
plain import).
"""

from __future__ import annotations

import sys
import types
from typing import NoReturn

_CLI = "spacy.cli"


def _cli_unavailable(*_args: object, **_kwargs: object) -> NoReturn:
    raise RuntimeError("spaCy's command line is not part of the Samsara sidecar")


def without_spacy_cli() -> None:
    """Put the stand-in in place, unless spaCy (or its command line) is imported already."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    cli = types.ModuleType(_CLI, "Stand-in for spaCy's command line, which the sidecar does not load.")
    info = types.ModuleType(f"{_CLI}.info")
    # Through __dict__: a new module has no declared attributes for the type checker to accept.
    info.__dict__["info"] = _cli_unavailable
    cli.__dict__["info"] = info
    cli.__path__ = []  # a package with no submodules: `import spacy.cli.x` fails at once
    sys.modules[_CLI] = cli
    sys.modules[f"{_CLI}.info"] = info

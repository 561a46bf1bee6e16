"""The win32-arm64 pin set (requirements-win-arm64.txt + constraints-win-arm64.txt, spaCy 3.8.18)
stays in step with the main one (requirements.txt + constraints.txt, spaCy 3.8.7): only spaCy's
own stack may differ, and only the packages listed here (SudachiPy, with no win_arm64 wheel, is
left out there). A pin bump in the main files that is not made in the win-arm64 files (or added
here with a reason) fails, so Windows on ARM is not left behind silently. Reads the files only:
no install, no network."""

from __future__ import annotations

import re
from pathlib import Path

PYTHON_SRC = Path(__file__).resolve().parent.parent

# spaCy 3.8.18's stack: pinned differently on win32-arm64 (3.8.7 has no win_arm64 wheels).
DIFFERENT_PIN = {"spacy", "thinc", "click", "confection", "weasel", "typer"}
# Required by that stack only (typer 0.29 / weasel 1.0).
ONLY_WIN_ARM64 = {"annotated-doc", "anyio", "h11", "httpcore", "httpx"}
# Required by spaCy 3.8.7's stack only.
ONLY_MAIN = {"langcodes", "typer-slim"}
# Top-level pins that win32-arm64 leaves out: SudachiPy (Japanese) has no win_arm64 wheel.
ONLY_MAIN_REQUIREMENTS = {"sudachipy"}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


def canonical(name: str) -> str:
    """PEP 503 normalised name: 'typing_extensions' and 'Typing-Extensions' are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(file_name: str) -> dict[str, str]:
    """name -> version of a pip requirements/constraints file; every non-comment line an exact pin."""
    result: dict[str, str] = {}
    for number, raw in enumerate((PYTHON_SRC / file_name).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"{file_name}:{number}: not an exact pin (name==version): {raw!r}"
        name = canonical(match.group(1))
        assert name not in result, f"{file_name}:{number}: {name} pinned twice"
        result[name] = match.group(2)
    return result


def test_requirements_differ_only_in_spacy() -> None:
    main = pins("requirements.txt")
    arm = pins("requirements-win-arm64.txt")
    assert set(main) - set(arm) == ONLY_MAIN_REQUIREMENTS, "packages dropped on win32-arm64 must be listed in ONLY_MAIN_REQUIREMENTS"
    assert set(arm) <= set(main), "requirements-win-arm64.txt must add no package to requirements.txt"
    differ = {name for name in arm if main[name] != arm[name]}
    assert differ == {"spacy"}, f"only spaCy's pin may differ, not {sorted(differ - {'spacy'})}"


def test_constraints_match_outside_spacys_stack() -> None:
    main = pins("constraints.txt")
    arm = pins("constraints-win-arm64.txt")
    assert set(main) - set(arm) == ONLY_MAIN, "packages dropped on win32-arm64 must be listed in ONLY_MAIN"
    assert set(arm) - set(main) == ONLY_WIN_ARM64, "packages added on win32-arm64 must be listed in ONLY_WIN_ARM64"
    shared = set(main) & set(arm)
    stale = sorted(
        f"{name}: constraints.txt {main[name]}, constraints-win-arm64.txt {arm[name]}"
        for name in shared - DIFFERENT_PIN
        if main[name] != arm[name]
    )
    assert not stale, "bump these in constraints-win-arm64.txt too (or list them in DIFFERENT_PIN): " + "; ".join(stale)


def test_allow_list_is_not_stale() -> None:
    """A package in DIFFERENT_PIN whose pins became equal belongs back under the identity check."""
    main = pins("requirements.txt") | pins("constraints.txt")
    arm = pins("requirements-win-arm64.txt") | pins("constraints-win-arm64.txt")
    same = sorted(name for name in DIFFERENT_PIN if main.get(name) == arm.get(name))
    assert not same, f"pinned identically now, drop from DIFFERENT_PIN: {same}"

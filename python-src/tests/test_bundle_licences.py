"""Licence hygiene of the bundle in python-dist/: no LGPL library ships at all (libquadmath,
which numpy's PyPI wheels carry, must not), no GPL library ships unless
build_tools/third_party_notices.LIBRARIES allows it with a reason (the GCC runtime exception;
readline must not), every bundled distribution has a licence text for THIRD_PARTY_NOTICES, and
the notices name the model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sidecar_process import BUNDLE_EXE, REPO

sys.path.insert(0, str(REPO / "python-src" / "build_tools"))
import third_party_notices as tpn

BUNDLE = Path(BUNDLE_EXE).parent


@pytest.fixture(scope="module")
def notices() -> tpn.Notices:
    if not BUNDLE.is_dir():
        pytest.fail(f"no bundle at {BUNDLE}: scripts/test-python.sh builds it first")
    return tpn.collect(BUNDLE)


def test_no_disallowed_copyleft_library(notices: tpn.Notices) -> None:
    shipped = {lib.file.rsplit("/", 1)[-1].split(".so")[0] for lib in notices.libraries}
    assert "libreadline" not in shipped, "readline (GPL-3) ships: samsara.spec must exclude the readline module"
    copyleft = [p for p in notices.problems if "copyleft" in p or "not allowed" in p]
    assert copyleft == []
    for lib in notices.libraries:
        if tpn.COPYLEFT.search(lib.licence):
            assert lib.allowed_because, f"{lib.file} is {lib.licence} without a reason to ship"


def test_no_lgpl_library(notices: tpn.Notices) -> None:
    # No reason makes an LGPL library acceptable: the Linux build compiles numpy without BLAS
    # (scripts/lib/numpy-wheel.sh), so OpenBLAS's libgfortran -> libquadmath chain is gone.
    lgpl = [f"{lib.file} ({lib.licence})" for lib in notices.libraries if "LGPL" in lib.licence.upper()]
    assert lgpl == [], f"LGPL libraries in the bundle: {lgpl}"
    assert not any("quadmath" in lib.file for lib in notices.libraries)


def test_every_bundled_distribution_and_library_has_a_notice(notices: tpn.Notices) -> None:
    assert notices.problems == []
    names = {d.name.lower() for d in notices.distributions}
    # The distributions the sidecar cannot run without must be found in the bundle.
    assert {"spacy", "thinc", "numpy", "srsly", "pydantic"} <= names
    text = tpn.render(notices)
    for dist in notices.distributions:
        assert f"{dist.name} {dist.version} ({dist.licence})" in text
        assert dist.texts, f"{dist.name} has no licence text"
    assert notices.model["licence"] and notices.model["text"].strip()
    assert "libpython" in text


def test_unknown_library_or_missing_text_is_a_problem(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    (internal / "model" / "en_core_web_sm").mkdir(parents=True)
    (internal / "model" / "en_core_web_sm" / "meta.json").write_text('{"lang": "en", "name": "core_web_sm", "license": "MIT"}')
    (internal / "libmystery.so.1").write_bytes(b"\x7fELF")
    (internal / "libreadline.so.8").write_bytes(b"\x7fELF")
    (internal / "numpy.libs").mkdir()
    (internal / "numpy.libs" / "libquadmath-96973f99.so.0.0.0").write_bytes(b"\x7fELF")
    (internal / "libquadmath.0.dylib").write_bytes(b"\xcf\xfa\xed\xfe")  # numpy's older macOS wheels
    (internal / "msvcp140-5f1c5dd3.dll").write_bytes(b"MZ")
    (internal / "sudachipy").mkdir()
    (internal / "sudachipy" / "sudachipy.abi3.so").write_bytes(b"\x7fELF")  # an extension module, part of its package
    notices = tpn.collect(tmp_path)
    problems = "\n".join(notices.problems)
    assert "libmystery.so.1: unknown shared library" in problems
    assert "libreadline.so.8: GNU Readline is GPL-3.0-or-later, not allowed" in problems
    quadmath = "GCC quad-precision maths (needed by libgfortran) is LGPL-2.1-or-later, not allowed"
    assert f"numpy.libs/libquadmath-96973f99.so.0.0.0: {quadmath}" in problems
    assert f"libquadmath.0.dylib: {quadmath}" in problems
    assert "abi3" not in problems
    assert "msvcp140" not in problems and any(lib.component == "Microsoft Visual C++ runtime" for lib in notices.libraries)
    assert "no LICENSE file" in problems

"""THIRD_PARTY_NOTICES for the sidecar bundle, generated from the bundle itself: the Python
distributions whose packages it carries (licence metadata and licence files of the build venv's
dist-info), the shared libraries it carries (a table of known libraries: an unknown one is an
error, so a new library cannot ship unexamined), CPython, the PyInstaller bootloader, and the
model (its meta.json licence and its LICENSE file).

`python third_party_notices.py BUNDLE_DIR [--out FILE]` writes the notices (default: stdout) and
exits 1 when the bundle carries a copyleft library (GPL/LGPL/AGPL) that LIBRARIES does not allow
with a reason, an unknown shared library, or a distribution without a licence text.
Run with the build venv's Python (build-python.sh, package.sh); tests/test_bundle_licences.py
checks the bundle in python-dist/ the same way.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

COPYLEFT = re.compile(r"\b(A?GPL|LGPL|GNU (Lesser |Affero )?General Public)", re.IGNORECASE)
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)

# Shared libraries by file-name prefix: (component, licence, why it may ship when copyleft).
GCC_EXCEPTION = "the GCC Runtime Library Exception lets the runtime ship with software under any licence"
LIBRARIES: dict[str, tuple[str, str, str]] = {
    "libpython": ("CPython", "PSF-2.0", ""),
    "python3": ("CPython", "PSF-2.0", ""),
    # OpenSSL 1.1 (old bases such as Debian 11 and manylinux_2_28) is under the OpenSSL/SSLeay
    # licence; from 3.0 on it is Apache-2.0. The first matching prefix wins.
    "libssl.so.1": ("OpenSSL 1.1", "OpenSSL", ""),
    "libcrypto.so.1": ("OpenSSL 1.1", "OpenSSL", ""),
    "libssl": ("OpenSSL 3", "Apache-2.0", ""),
    "libcrypto": ("OpenSSL 3", "Apache-2.0", ""),
    "libffi": ("libffi", "MIT", ""),
    "libz.": ("zlib", "Zlib", ""),
    "libbz2": ("bzip2", "bzip2-1.0.6", ""),
    "liblzma": ("XZ Utils liblzma", "0BSD", ""),
    "libuuid": ("util-linux libuuid", "BSD-3-Clause", ""),
    "libexpat": ("Expat", "MIT", ""),
    "libmpdec": ("mpdecimal", "BSD-2-Clause", ""),
    "libscipy_openblas": ("OpenBLAS (numpy's build)", "BSD-3-Clause", ""),
    "libopenblas": ("OpenBLAS", "BSD-3-Clause", ""),
    "libgcc_s": ("GCC runtime", "GPL-3.0-or-later WITH GCC-exception-3.1", GCC_EXCEPTION),
    "libstdc++": ("GCC C++ runtime", "GPL-3.0-or-later WITH GCC-exception-3.1", GCC_EXCEPTION),
    "scipy_openblas": ("OpenBLAS (numpy's build)", "BSD-3-Clause", ""),
    "libgfortran": ("GCC Fortran runtime (OpenBLAS)", "GPL-3.0-or-later WITH GCC-exception-3.1", GCC_EXCEPTION),
    # Windows: the C++ runtime some wheels carry (numpy.libs/msvcp140-*.dll).
    "msvcp140": ("Microsoft Visual C++ runtime", "Microsoft Visual C++ Redistributable licence", ""),
    "vcruntime140": ("Microsoft Visual C++ runtime", "Microsoft Visual C++ Redistributable licence", ""),
    # Never allowed. libquadmath came with numpy's PyPI wheels (OpenBLAS -> libgfortran ->
    # libquadmath); the Linux build compiles numpy without BLAS (scripts/lib/numpy-wheel.sh), and
    # numpy's macOS 14+ wheels use Accelerate. The readline module is excluded in samsara.spec.
    "libquadmath": ("GCC quad-precision maths (needed by libgfortran)", "LGPL-2.1-or-later", ""),
    "libreadline": ("GNU Readline", "GPL-3.0-or-later", ""),
    "libtinfo": ("ncurses libtinfo", "X11", ""),
    "libncurses": ("ncurses", "X11", ""),
    "libgdbm": ("GNU dbm", "GPL-3.0-or-later", ""),
}


@dataclass
class Distribution:
    name: str
    version: str
    licence: str
    texts: list[tuple[str, str]]  # (file name, text)


@dataclass
class Library:
    file: str
    component: str
    licence: str
    allowed_because: str


@dataclass
class Notices:
    distributions: list[Distribution] = field(default_factory=list)
    libraries: list[Library] = field(default_factory=list)
    model: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " / ".join(classifiers) or "UNKNOWN"


def bundled_distributions(internal: Path) -> list[md.Distribution]:
    """The distributions of the build venv that own a top-level package the bundle carries."""
    owners = md.packages_distributions()
    names: set[str] = set()
    for entry in internal.iterdir():
        top = entry.name.split(".", 1)[0] if entry.is_file() else entry.name
        names.update(owners.get(top, []))
    return sorted((md.distribution(n) for n in names), key=lambda d: d.metadata["Name"].lower())


def library_entry(file: Path, internal: Path) -> Library | None:
    name = file.name
    for prefix, (component, licence, why) in LIBRARIES.items():
        if name.startswith(prefix):
            return Library(str(file.relative_to(internal)), component, licence, why)
    return None


def collect(bundle: Path) -> Notices:
    internal = bundle / "_internal"
    notices = Notices()
    for dist in bundled_distributions(internal):
        texts = [
            (Path(str(f)).name, Path(str(f.locate())).read_text(encoding="utf-8", errors="replace"))
            for f in dist.files or []
            if ".dist-info" in str(f) and LICENCE_FILE.search(Path(str(f)).name)
        ]
        item = Distribution(dist.metadata["Name"], dist.version, licence_of(dist), texts)
        notices.distributions.append(item)
        if not texts:
            notices.problems.append(f"{item.name} {item.version}: no licence file in its metadata")
        if COPYLEFT.search(item.licence):
            notices.problems.append(f"{item.name} {item.version}: copyleft licence {item.licence}")
    # Shared libraries beside the packages (Python's extension modules are part of their package,
    # version-tagged `.cpython-311-...` or stable-ABI `.abi3`: SudachiPy's Rust extension, whose
    # statically linked crates are permissive and listed in its dist-info's sboms/ CycloneDX file).
    # Linux's .so files must all be known. macOS's .dylib and Windows' .dll files (bundles built
    # and checked only by the release) are listed when known, and a known copyleft one fails too.
    for file in sorted([*internal.rglob("*.so*"), *internal.rglob("*.dylib"), *internal.rglob("*.dll")]):
        if ".cpython-" in file.name or ".abi3." in file.name or file.name.endswith((".pyc", ".py")):
            continue
        entry = library_entry(file, internal)
        if entry is None:
            if ".so" in file.name:
                notices.problems.append(f"{file.relative_to(internal)}: unknown shared library (add it to LIBRARIES)")
            continue
        notices.libraries.append(entry)
        if COPYLEFT.search(entry.licence) and not entry.allowed_because:
            notices.problems.append(f"{entry.file}: {entry.component} is {entry.licence}, not allowed in the bundle")
    for meta_file in internal.glob("model/*/meta.json"):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        licence_file = meta_file.parent / "LICENSE"
        notices.model = {
            "name": f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_"),
            "version": str(meta.get("version", "")),
            "licence": str(meta.get("license", "UNKNOWN")),
            "sources": "; ".join(s.get("name", "") for s in meta.get("sources", []) if isinstance(s, dict)),
            "text": licence_file.read_text(encoding="utf-8") if licence_file.is_file() else "",
        }
        if not notices.model["text"]:
            notices.problems.append(f"{meta_file.parent.name}: the model has no LICENSE file")
    if not notices.model:
        notices.problems.append("no model (model/*/meta.json) in the bundle")
    return notices


def render(notices: Notices) -> str:
    rule = "-" * 78
    out = [
        "THIRD-PARTY NOTICES for Samsara's bundled language model runtime (samsara-sidecar)",
        "",
        "Samsara itself is MIT-licensed (LICENSE). The sidecar bundle carries the software below,",
        "each under its own licence. Generated from the bundle by python-src/build_tools/third_party_notices.py.",
        "",
        "Summary",
        rule,
    ]
    out += [f"  {d.name} {d.version}: {d.licence}" for d in notices.distributions]
    out += [f"  {lib.file}: {lib.component}, {lib.licence}" for lib in notices.libraries]
    out.append("  PyInstaller bootloader (the samsara-sidecar executable): GPL-2.0-or-later WITH Bootloader-exception")
    if notices.model:
        out.append(f"  language model {notices.model['name']} {notices.model['version']}: {notices.model['licence']}")
    out += ["", "Shared libraries", rule]
    for lib in notices.libraries:
        line = f"{lib.file}: {lib.component}, licensed {lib.licence}."
        out.append(line + (f" It ships because {lib.allowed_because}." if lib.allowed_because else ""))
    out += [
        "",
        "PyInstaller bootloader",
        rule,
        "The samsara-sidecar executable is PyInstaller's bootloader, GPL-2.0-or-later with PyInstaller's",
        "bootloader exception, which permits distributing it with programs under any licence",
        "(https://github.com/pyinstaller/pyinstaller/blob/develop/COPYING.txt).",
    ]
    if notices.model:
        m = notices.model
        out += ["", f"Language model {m['name']} {m['version']} ({m['licence']})", rule]
        if m["sources"]:
            out.append(f"Trained on: {m['sources']}")
        out.append(m["text"].rstrip())
    for d in notices.distributions:
        out += ["", f"{d.name} {d.version} ({d.licence})", rule]
        for name, text in d.texts:
            out += [f"[{name}]", text.rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the samsara-sidecar bundle folder")
    parser.add_argument("--out", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args()
    notices = collect(args.bundle)
    for problem in notices.problems:
        print(f"third-party notices: {problem}", file=sys.stderr)
    text = render(notices)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        counts = f"{len(notices.distributions)} distributions, {len(notices.libraries)} libraries"
        print(f"third-party notices: {args.out} ({counts})", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if notices.problems else 0


if __name__ == "__main__":
    sys.exit(main())

# Replaces pyinstaller-hooks-contrib's hook-sudachipy, which also collects every Sudachi dictionary
# importable at build time (sudachidict_small/core/full: 198 MB unpacked for core, past the 200 MB
# bundle limit). The dictionary comes with the Japanese pipeline instead and is found through
# SAMSARA_SUPPORT_PACKAGES (samsara_sidecar/support_packages.py). Kept: SudachiPy's compiled
# extension, the modules it imports from Rust (config, errors), and its default settings and
# character definitions (resources/), which Dictionary() reads; no type stubs (.pyi).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

# Not its command line, nor its pre-tokenizer for HuggingFace tokenizers (which it would import).
hiddenimports = collect_submodules("sudachipy", filter=lambda name: name not in {"sudachipy.command_line", "sudachipy.pretokenizer"})
datas = collect_data_files("sudachipy", excludes=["**/*.pyi"])
